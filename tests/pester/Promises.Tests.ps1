# Issues 33 and 37: every promise on every path. What is done of them so far is tested here (see the closing notes).
BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    $keyB = [guid]::NewGuid().ToString('N')
    $sandbox = Start-TestSandbox -SandboxPath $SandboxPath -ExtraKeys $keyB
    function New-Rows { 1..2 | ForEach-Object { [pscustomobject]@{ 'External ID' = "KPI-$_"; Status = 'On Track'; 'As Of Date' = '2026-11-28' } } }
}

AfterAll { Stop-TestSandbox $sandbox; $env:ACHIEVEIT_JOURNAL_PATH = 'off' }

Describe 'The journal answers only for the key that sent the content' {
    BeforeEach { Reset-Sandbox $sandbox; $env:ACHIEVEIT_JOURNAL_PATH = New-PrivateFolder }

    It 'sends content queued under key A again under key B (same address), and answers a rerun under A with A''s job' {
        $a = New-Rows | Submit-AchieveItUpdates -BaseUri $sandbox.Uri -ApiKey (ConvertTo-TestKey $sandbox.Key) -FileName same.csv -ErrorAction Stop
        $b = New-Rows | Submit-AchieveItUpdates -BaseUri $sandbox.Uri -ApiKey (ConvertTo-TestKey $keyB) -FileName same.csv -WarningVariable warned -ErrorAction Stop
        $b.JobId | Should -Not -Be $a.JobId
        "$warned" | Should -Not -Match 'already has them'
        @(Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST').Count | Should -Be 2
        $again = New-Rows | Submit-AchieveItUpdates -BaseUri $sandbox.Uri -ApiKey (ConvertTo-TestKey $sandbox.Key) -FileName same.csv -WarningAction SilentlyContinue -ErrorAction Stop
        $again.JobId | Should -Be $a.JobId
        @(Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST').Count | Should -Be 2
    }

    It 'keeps a keyed fingerprint of the key, never the key, a part of it or a plain hash of it' {
        $null = New-Rows | Submit-AchieveItUpdates -BaseUri $sandbox.Uri -ApiKey (ConvertTo-TestKey $sandbox.Key) -ErrorAction Stop
        $text = Get-Content (Join-Path $env:ACHIEVEIT_JOURNAL_PATH 'journal.jsonl') -Raw
        $text | Should -Match '"key":"'
        $text | Should -Not -Match $sandbox.Key.Substring(0, 8)
        $sha = [Convert]::ToBase64String([Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($sandbox.Key)))
        $text | Should -Not -Match ([regex]::Escape($sha.Substring(0, 12)))
        if ($IsLinux -or $IsMacOS) { (Get-Item (Join-Path $env:ACHIEVEIT_JOURNAL_PATH 'journal.secret')).UnixMode | Should -Be '-rw-------' }
    }
}
