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

Describe 'Reading and -WhatIf change no file' {
    BeforeEach { Reset-Sandbox $sandbox }

    It 'Get-AchieveItJob -Recent leaves a journal with entries past 90 days byte for byte as it was' {
        $folder = New-PrivateFolder
        $env:ACHIEVEIT_JOURNAL_PATH = $folder
        $journal = Join-Path $folder 'journal.jsonl'
        $old = '{"v":1,"at":"2026-01-02T03:04:05.000Z","event":"intent","submission":"0123456789abcdef0123456789abcdef","environment":"Custom","baseUri":"' + $sandbox.Uri + '/","fileName":"old.csv","rows":"1","sha256":"AA"}'
        [IO.File]::WriteAllText($journal, $old + "`n")
        $before = [IO.File]::ReadAllBytes($journal)
        $null = Get-AchieveItJob -Recent -BaseUri $sandbox.Uri -ApiKey (ConvertTo-TestKey $sandbox.Key) -WarningAction SilentlyContinue
        [IO.File]::ReadAllBytes($journal) | Should -Be $before
        @(Get-ChildItem $folder).Name | Should -Be 'journal.jsonl'
    }

    It 'Submit -WhatIf creates no journal folder, and leaves an existing journal as it was' {
        $env:ACHIEVEIT_JOURNAL_PATH = Join-Path $TestDrive ('never-' + [guid]::NewGuid().ToString('N'))
        New-Rows | Submit-AchieveItUpdates -BaseUri $sandbox.Uri -ApiKey (ConvertTo-TestKey $sandbox.Key) -WhatIf
        Test-Path $env:ACHIEVEIT_JOURNAL_PATH | Should -BeFalse
        $env:ACHIEVEIT_JOURNAL_PATH = New-PrivateFolder
        $null = New-Rows | Submit-AchieveItUpdates -BaseUri $sandbox.Uri -ApiKey (ConvertTo-TestKey $sandbox.Key) -FileName once.csv
        # An entry past 90 days first in the journal: a submission would prune it; -WhatIf must not.
        $journal = Join-Path $env:ACHIEVEIT_JOURNAL_PATH 'journal.jsonl'
        $old = '{"v":1,"at":"2026-01-02T03:04:05.000Z","event":"intent","submission":"0123456789abcdef0123456789abcdef","environment":"Custom","baseUri":"' + $sandbox.Uri + '/","fileName":"old.csv","rows":"1","sha256":"AA"}'
        [IO.File]::WriteAllText($journal, $old + "`n" + [IO.File]::ReadAllText($journal))
        $files = Get-ChildItem $env:ACHIEVEIT_JOURNAL_PATH | ForEach-Object { @{ Name = $_.Name; Bytes = [IO.File]::ReadAllBytes($_.FullName) } }
        New-Rows | Submit-AchieveItUpdates -BaseUri $sandbox.Uri -ApiKey (ConvertTo-TestKey $sandbox.Key) -FileName once.csv -WhatIf
        foreach ($file in $files) { [IO.File]::ReadAllBytes((Join-Path $env:ACHIEVEIT_JOURNAL_PATH $file.Name)) | Should -Be $file.Bytes -Because $file.Name }
        @(Get-ChildItem $env:ACHIEVEIT_JOURNAL_PATH).Count | Should -Be $files.Count
        @(Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST').Count | Should -Be 1
    }

    It 'Export -WhatIf writes nothing beside the destination, not even for a moment' {
        $folder = (New-Item -ItemType Directory (Join-Path $TestDrive ('dest-' + [guid]::NewGuid().ToString('N')))).FullName
        $stamp = [datetime]::new(2001, 2, 3, 4, 5, 6, [DateTimeKind]::Utc) # set in the past: any file made and removed in it moves the time
        (Get-Item $folder).LastWriteTimeUtc = $stamp
        New-Rows | Export-AchieveItCsv (Join-Path $folder 'out.csv') -WhatIf
        (Get-Item $folder).LastWriteTimeUtc | Should -Be $stamp
        @(Get-ChildItem $folder -Force).Count | Should -Be 0
    }
}

Describe '-Timeout is one deadline' {
    BeforeAll {
        $slow = Start-TestSandbox -SandboxPath $SandboxPath -ProcessingDelayMs 600000 -ItemsFile (Join-Path (Split-Path $SandboxPath) 'sample-plan.csv')
    }
    AfterAll { Stop-TestSandbox $slow }

    It 'covers the plan read, the upload and the wait together' {
        $env:ACHIEVEIT_JOURNAL_PATH = 'off'
        Add-SandboxFault $slow @{ target = 'plan'; action = 'delay'; delayMs = 6000 }
        $rows = 1..2 | ForEach-Object { [pscustomobject]@{ 'External ID' = "KPI-$_"; Status = 'On Track'; Value = $_; 'As Of Date' = '2026-11-28' } }
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $jobs = $rows | Submit-AchieveItUpdates -PlanId $slow.PlanId -BaseUri $slow.Uri -ApiKey (ConvertTo-TestKey $slow.Key) -Wait -Timeout 8 -ErrorVariable failed -ErrorAction SilentlyContinue
        $clock.Stop()
        $failed.FullyQualifiedErrorId | Should -Contain 'WaitTimeout,AchieveIt.PowerShell.Commands.SubmitAchieveItUpdatesCommand'
        @($jobs).Count | Should -Be 1
        # Wall time is the only witness of a deadline: with a deadline per step the plan's 6 s came on top of a fresh 8 s
        # (about 14 s); one deadline ends by 8 s and the module's promise of about two seconds after it. 4 s of slack.
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 12
    }

    It 'without -Wait covers the plan read and the upload together' {
        $env:ACHIEVEIT_JOURNAL_PATH = 'off'
        Add-SandboxFault $slow @{ target = 'plan'; action = 'delay'; delayMs = 6000 }
        Add-SandboxFault $slow @{ target = 'submit'; action = 'delay'; delayMs = 60000 } # the upload is never answered
        $rows = 1..2 | ForEach-Object { [pscustomobject]@{ 'External ID' = "KPI-$_"; Status = 'On Track'; Value = $_; 'As Of Date' = '2026-11-28' } }
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $jobs = $rows | Submit-AchieveItUpdates -PlanId $slow.PlanId -BaseUri $slow.Uri -ApiKey (ConvertTo-TestKey $slow.Key) -Timeout 8 -ErrorVariable failed -ErrorAction SilentlyContinue
        $clock.Stop()
        @($jobs).Count | Should -Be 0
        $failed[0].FullyQualifiedErrorId | Should -Match '^(SubmitOutcomeUnknown|SubmitFailed),'
        $failed[0].Exception.Message | Should -Match 'stopped at -Timeout 8 s'
        # With a deadline per step the upload got a fresh 8 s after the plan's 6 s (about 14 s); one deadline ends by 8 s.
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 12
    }
}

Describe 'Plan fields with names PowerShell keeps for itself' {
    BeforeAll {
        $odd = Start-TestSandbox -SandboxPath $SandboxPath -ItemsFile (Join-Path (Split-Path $SandboxPath) 'sample-plan.csv') -ExtraArguments '--plan-field', 'PSObject=a', '--plan-field', 'psbase=b', '--plan-field', 'ToString=c', '--plan-field', 'Owner=d'
    }
    AfterAll { Stop-TestSandbox $odd }

    It 'never end the command: every item is written, the odd fields stay readable through GetFields()' {
        $items = @(Get-AchieveItPlanItem -PlanId $odd.PlanId -BaseUri $odd.Uri -ApiKey (ConvertTo-TestKey $odd.Key) -ErrorAction Stop)
        $items.Count | Should -Be 7
        $items[0].Owner | Should -Be 'd'
        $items[0].GetFields()['PSObject'] | Should -Be 'a'
        $items[0].GetFields()['ToString'] | Should -Be 'c'
        $items[0].ToString() | Should -Not -Be 'c'
    }
}

Describe 'Runspaces racing on one file' -Tag 'Needs-PS7: ForEach-Object -Parallel' {
    BeforeEach { Reset-Sandbox $sandbox }

    It 'make one upload, and every runspace is answered with its job (no DuplicateSubmission, no advice to -Force)' {
        $journal = New-PrivateFolder
        Add-SandboxFault $sandbox @{ target = 'submit'; action = 'delay'; delayMs = 2000 } # the upload is on its way while the others look
        $module = $modulePath; $uri = $sandbox.Uri; $key = $sandbox.Key
        $results = 1..4 | ForEach-Object -ThrottleLimit 4 -Parallel {
            $env:ACHIEVEIT_JOURNAL_PATH = $using:journal
            Import-Module $using:module
            $rows = 1..2 | ForEach-Object { [pscustomobject]@{ 'External ID' = "KPI-$_"; Status = 'On Track'; 'As Of Date' = '2026-11-28' } }
            try {
                $job = $rows | Submit-AchieveItUpdates -BaseUri $using:uri -ApiKey (ConvertTo-SecureString $using:key -AsPlainText -Force) -FileName race.csv -WarningAction SilentlyContinue -ErrorAction Stop
                "job:$($job.JobId)"
            } catch { "error:$($_.FullyQualifiedErrorId): $($_.Exception.Message)" }
        }
        $env:ACHIEVEIT_JOURNAL_PATH = 'off'
        @($results | Where-Object { $_ -like 'error:*' }) | Should -BeNullOrEmpty
        @($results | Sort-Object -Unique).Count | Should -Be 1
        @(Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST').Count | Should -Be 1
    }
}

Describe 'An upload in flight in another process' {
    BeforeEach { Reset-Sandbox $sandbox }

    It 'is waited for and answered with its job: the other process is alive, not ended' {
        # A process boundary is the point: the holder's process ID and start time are read by another process.
        $journal = New-PrivateFolder
        $file = Join-Path $TestDrive 'inflight.csv'
        Set-Content -LiteralPath $file -Value "External ID,Status,Current Metric Value,As Of Date`r`nKPI-1,On Track,1,2026-11-28`r`n" -NoNewline
        Add-SandboxFault $sandbox @{ target = 'submit'; action = 'delay'; delayMs = 4000 } # the child's upload is held while this process looks
        $held = Get-HeldCount $sandbox
        $script = Join-Path $TestDrive 'inflight.ps1'
        Set-Content $script ("Import-Module '$modulePath'; `$job = Submit-AchieveItUpdates -LiteralPath '$file' -BaseUri '$($sandbox.Uri)' -ApiKey (ConvertTo-SecureString '$($sandbox.Key)' -AsPlainText -Force) -ErrorAction Stop; 'job:' + `$job.JobId")
        $child = Start-ChildPwsh -File $script -Environment @{ ACHIEVEIT_JOURNAL_PATH = $journal }
        try {
            Wait-Until { (Get-HeldCount $sandbox) -gt $held -or $child.HasExited } -What 'the child''s upload to be held by the sandbox'
            if ($child.HasExited) { throw "The child ended first: $($child.StandardOutput.ReadToEnd()) $($child.StandardError.ReadToEnd() -replace '\e\[[0-9;]*m')" }
            $env:ACHIEVEIT_JOURNAL_PATH = $journal
            $job = Submit-AchieveItUpdates -LiteralPath $file -BaseUri $sandbox.Uri -ApiKey (ConvertTo-TestKey $sandbox.Key) -WarningVariable warnings -WarningAction SilentlyContinue -ErrorAction Stop
            $child.WaitForExit()
            $childJob = ($child.StandardOutput.ReadToEnd() -split "`n" | Where-Object { $_ -like 'job:*' }) -replace '^job:', '' -replace '\s', ''
            $job.JobId | Should -Be $childJob
            "$warnings" | Should -Not -Match 'process ended'
            @(Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST').Count | Should -Be 1
        } finally {
            $env:ACHIEVEIT_JOURNAL_PATH = 'off'
            if (-not $child.HasExited) { $child.Kill() }
        }
    }
}
