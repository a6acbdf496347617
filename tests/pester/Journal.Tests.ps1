# Issue 11: a journal of every submission, resume from any session, and no double submission.
BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    $sandbox = Start-TestSandbox -SandboxPath $SandboxPath -ProcessingDelayMs 300
    $other = Start-TestSandbox -SandboxPath $SandboxPath -ProcessingDelayMs 0 -Key $sandbox.Key
    $connection = @{ BaseUri = $sandbox.Uri; ApiKey = (ConvertTo-TestKey $sandbox.Key) }
    function New-JournalFolder { New-PrivateFolder }
    function Get-JournalLine([string] $Folder) { Get-Content (Join-Path $Folder 'journal.jsonl') }
}

AfterAll {
    $sandbox, $other | ForEach-Object { Stop-TestSandbox $_ }
    $env:ACHIEVEIT_JOURNAL_PATH = 'off'
}

Describe 'The journal, across processes' {
    BeforeEach { $sandbox, $other | ForEach-Object { Reset-Sandbox $_ }; $env:ACHIEVEIT_JOURNAL_PATH = 'off' }

    It 'lists a submission made in one process with -Recent 1 in another, which can wait on it' {
        $folder = New-JournalFolder
        $environment = @{ ACHIEVEIT_JOURNAL_PATH = $folder; ACHIEVEIT_API_KEY = $sandbox.Key; ACHIEVEIT_BASE_URI = $sandbox.Uri }
        $submitted = Invoke-ChildPwsh -Environment $environment -Script @'
$job = [pscustomobject]@{ Id = 'KPI-1'; Status = 'On Track'; Date = '2026-11-28' } | Submit-AchieveItUpdates -FileName 'from-a.csv'
@{ JobId = $job.JobId } | ConvertTo-Json
'@
        $resumed = Invoke-ChildPwsh -Environment $environment -Script @'
$jobs = @(Get-AchieveItJob -Recent 1)
$done = $jobs | Wait-AchieveItJob -Timeout 30
@{ Count = $jobs.Count; JobId = $jobs[0].JobId; FileName = $jobs[0].FileName; Rows = $jobs[0].RowCount; State = "$($done.State)" } | ConvertTo-Json
'@
        $resumed.Count | Should -Be 1
        $resumed.JobId | Should -Be $submitted.JobId
        $resumed.FileName | Should -Be 'from-a.csv'
        $resumed.Rows | Should -Be 1
        $resumed.State | Should -Be 'Succeeded'
        # Wait recorded the final state: a third process sees it without asking AchieveIt.
        $last = Invoke-ChildPwsh -Environment @{ ACHIEVEIT_JOURNAL_PATH = $folder; ACHIEVEIT_BASE_URI = $sandbox.Uri } -Script @'
$job = Get-AchieveItJob -Recent 1 -WarningVariable warnings -WarningAction SilentlyContinue
@{ State = "$($job.State)"; Warned = $warnings.Count } | ConvertTo-Json
'@
        $last.State | Should -Be 'Succeeded'
    }

    It 'keeps 8 intact entries when 8 processes submit at once' {
        $folder = New-JournalFolder
        $script = Join-Path $TestDrive 'submit-one.ps1'
        Set-Content $script @"
Import-Module '$modulePath'
[pscustomobject]@{ Id = "KPI-`$PID"; Status = 'On Track'; Date = '2026-11-28' } | Submit-AchieveItUpdates -FileName "p-`$PID.csv" | Out-Null
"@
        $environment = @{ ACHIEVEIT_JOURNAL_PATH = $folder; ACHIEVEIT_API_KEY = $sandbox.Key; ACHIEVEIT_BASE_URI = $sandbox.Uri }
        $processes = 1..8 | ForEach-Object { Start-ChildPwsh -File $script -Environment $environment }
        $processes | ForEach-Object { $_.WaitForExit(60000) | Should -BeTrue; $_.ExitCode | Should -Be 0 }
        $lines = @(Get-JournalLine $folder)
        $lines.Count | Should -Be 16 # an intent and a "queued" each
        $lines | ForEach-Object { { $_ | ConvertFrom-Json } | Should -Not -Throw }
        $env:ACHIEVEIT_JOURNAL_PATH = $folder
        $listed = @(Get-AchieveItJob -Recent 20 -BaseUri $sandbox.Uri -WarningAction SilentlyContinue)
        $listed.Count | Should -Be 8
        @($listed.JobId | Sort-Object -Unique).Count | Should -Be 8
    }
}

Describe 'No double submission' {
    BeforeEach { $sandbox, $other | ForEach-Object { Reset-Sandbox $_ }; $env:ACHIEVEIT_JOURNAL_PATH = New-JournalFolder }
    AfterEach { $env:ACHIEVEIT_JOURNAL_PATH = 'off' }

    It 'sends the same rows once: a rerun is answered with the earlier job and a warning, no error, and -Force sends it' {
        $first = New-TestRows 3 | Submit-AchieveItUpdates @connection
        $again = New-TestRows 3 | Submit-AchieveItUpdates @connection -ErrorAction Stop -WarningVariable warnings -WarningAction SilentlyContinue
        $again.JobId | Should -Be $first.JobId
        ($warnings -join ' ') | Should -Match ([regex]::Escape($first.JobId))
        ($warnings -join ' ') | Should -Match 'nothing was sent again.*-Force'
        @(Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST').Count | Should -Be 1
        $forced = New-TestRows 3 | Submit-AchieveItUpdates @connection -Force
        $forced.JobId | Should -Not -Be $first.JobId
        @(Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST').Count | Should -Be 2
    }

    It 'says under -WhatIf that the submission would not be sent again' {
        New-TestRows 2 | Submit-AchieveItUpdates @connection | Out-Null
        $script = Join-Path $TestDrive 'whatif.ps1'
        Set-Content $script @"
Import-Module '$modulePath'
1..2 | ForEach-Object { [pscustomobject]@{ 'External ID' = "KPI-`$_"; Status = 'On Track'; 'Current Metric Value' = `$_; 'As Of Date' = '2026-11-28' } } |
    Submit-AchieveItUpdates -WhatIf
"@
        $process = Start-ChildPwsh -File $script -Environment @{ ACHIEVEIT_JOURNAL_PATH = $env:ACHIEVEIT_JOURNAL_PATH; ACHIEVEIT_API_KEY = $sandbox.Key; ACHIEVEIT_BASE_URI = $sandbox.Uri }
        $text = $process.StandardOutput.ReadToEnd() + $process.StandardError.ReadToEnd()
        $process.WaitForExit()
        $text | Should -Match 'not sent again'
        @(Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST').Count | Should -Be 1
    }

    It 'never blocks on a failed job' {
        Add-SandboxFault $sandbox @{ action = 'failJob' }
        (New-TestRows 2 | Submit-AchieveItUpdates @connection -Wait -ErrorAction SilentlyContinue).State | Should -Be 'Failed'
        (New-TestRows 2 | Submit-AchieveItUpdates @connection -Wait).State | Should -Be 'Succeeded'
    }

    It 'lists an upload whose outcome is unknown as Unknown, and blocks the same rows' {
        Add-SandboxFault $sandbox @{ target = 'submit'; action = 'drop' }
        New-TestRows 2 | Submit-AchieveItUpdates @connection -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'SubmitOutcomeUnknown,*'
        $listed = Get-AchieveItJob -Recent 1 @connection
        $listed.State | Should -Be 'Unknown'
        $listed.Message | Should -Match 'check|Check'
        { New-TestRows 2 | Submit-AchieveItUpdates @connection -ErrorAction Stop } | Should -Throw -ErrorId 'DuplicateSubmission,AchieveIt.PowerShell.Commands.SubmitAchieveItUpdatesCommand'
        @(Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST').Count | Should -Be 1
    }

    It 'does not block a rerun after Ctrl+C stopped an upload that was waiting to retry (nothing had been queued)' {
        $path = New-TestCsv 'stopped.csv' "KPI-1,On Track,1,2026-11-28`r`n"
        Add-SandboxFault $sandbox @{ target = 'submit'; action = 'status'; status = 503; retryAfter = '30' }
        $ps = New-ModulePowerShell
        try {
            $null = $ps.AddCommand('Submit-AchieveItUpdates').AddParameter('LiteralPath', $path).AddParameters($connection)
            $handle = $ps.BeginInvoke()
            Wait-Until { @(Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST').Count -gt 0 } -What 'the first upload' -Seconds 60
            $ps.Stop()
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        } finally { $ps.Dispose() }

        (Get-JournalLine $env:ACHIEVEIT_JOURNAL_PATH) -join "`n" | Should -Match 'notQueued.*Stopped'
        (Submit-AchieveItUpdates -LiteralPath $path @connection).JobId | Should -Not -BeNullOrEmpty
    }

    It 'writes the job of a file sent before another is refused as a duplicate, even under Stop' {
        $a = New-TestCsv 'first.csv' "KPI-1,On Track,1,2026-11-28`r`n"
        $b = New-TestCsv 'second.csv' "KPI-2,On Track,1,2026-11-28`r`n"
        # b's earlier upload ended with its outcome unknown (a gateway 502 after the body): nobody knows whether it landed.
        Add-SandboxFault $sandbox @{ target = 'submit'; action = 'status'; status = 502 }
        Submit-AchieveItUpdates -LiteralPath $b @connection -ErrorAction SilentlyContinue | Out-Null
        $seen = [Collections.Generic.List[object]]::new()
        { Submit-AchieveItUpdates -LiteralPath $a, $b @connection -ErrorAction Stop | ForEach-Object { $seen.Add($_) } } | Should -Throw -ErrorId 'DuplicateSubmission,*'
        $seen.FileName | Should -Be 'first.csv'
    }

    It 'does not block the same rows sent to another address' {
        New-TestRows 1 | Submit-AchieveItUpdates @connection | Out-Null
        (New-TestRows 1 | Submit-AchieveItUpdates -BaseUri $other.Uri -ApiKey $connection.ApiKey).JobId | Should -Not -BeNullOrEmpty
    }

    It 'answers the same file sent again with -Path with its earlier job, and refuses one whose outcome is unknown' {
        $path = New-TestCsv 'again.csv' "KPI-1,On Track,1,2026-11-28`r`n"
        $first = Submit-AchieveItUpdates -Path $path @connection
        (Submit-AchieveItUpdates -Path $path @connection -ErrorAction Stop -WarningAction SilentlyContinue).JobId | Should -Be $first.JobId
        $unknown = New-TestCsv 'unknown.csv' "KPI-2,On Track,1,2026-11-28`r`n"
        Add-SandboxFault $sandbox @{ target = 'submit'; action = 'status'; status = 504 }
        Submit-AchieveItUpdates -Path $unknown @connection -ErrorAction SilentlyContinue | Out-Null
        { Submit-AchieveItUpdates -Path $unknown @connection -ErrorAction Stop } | Should -Throw -ErrorId 'DuplicateSubmission,AchieveIt.PowerShell.Commands.SubmitAchieveItUpdatesCommand'
        @(Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST').Count | Should -Be 2
    }
}

Describe 'Listing, damage and privacy' {
    BeforeEach { $sandbox, $other | ForEach-Object { Reset-Sandbox $_ }; $env:ACHIEVEIT_JOURNAL_PATH = New-JournalFolder }
    AfterEach { $env:ACHIEVEIT_JOURNAL_PATH = 'off' }

    It 'lists only the current environment''s jobs, newest first, and honours -Since' {
        $a1 = New-TestRows 1 | Submit-AchieveItUpdates @connection -FileName a1.csv
        $b1 = New-TestRows 2 | Submit-AchieveItUpdates -BaseUri $other.Uri -ApiKey $connection.ApiKey -FileName b1.csv
        Start-Sleep -Milliseconds 50 # waits out the clock itself: -Since must fall between two submissions' times, and no event marks time passing
        $mark = Get-Date
        $a2 = New-TestRows 3 | Submit-AchieveItUpdates @connection -FileName a2.csv
        (Get-AchieveItJob -Recent @connection).FileName | Should -Be @('a2.csv', 'a1.csv')
        (Get-AchieveItJob -Recent -BaseUri $other.Uri -ApiKey $connection.ApiKey).FileName | Should -Be 'b1.csv'
        (Get-AchieveItJob -Recent -Since $mark @connection).FileName | Should -Be 'a2.csv'
    }

    It 'lists the last known states with a warning when there is no key' {
        New-TestRows 1 | Submit-AchieveItUpdates @connection | Out-Null
        $job = Get-AchieveItJob -Recent 1 -BaseUri $sandbox.Uri -WarningVariable warnings -WarningAction SilentlyContinue
        $job.State | Should -Be 'Processing'
        ($warnings.Message -join ' ') | Should -Match 'not refreshed'
    }

    It 'skips a damaged line with a warning, never a crash' {
        New-TestRows 1 | Submit-AchieveItUpdates @connection -FileName good.csv | Out-Null
        $file = Join-Path $env:ACHIEVEIT_JOURNAL_PATH 'journal.jsonl'
        Add-Content $file '{"v":1,"at":"2026-11-29T10:00:00.000Z","event":"intent","submission":"trunc'
        $listed = Get-AchieveItJob -Recent @connection -WarningVariable warnings -WarningAction SilentlyContinue
        $listed.FileName | Should -Be 'good.csv'
        ($warnings.Message -join ' ') | Should -Match '1 damaged line'
        New-TestRows 2 | Submit-AchieveItUpdates @connection -WarningAction SilentlyContinue | Should -Not -BeNullOrEmpty
    }

    It 'prunes entries older than 90 days' {
        $file = Join-Path $env:ACHIEVEIT_JOURNAL_PATH 'journal.jsonl'
        $old = (Get-Date).ToUniversalTime().AddDays(-100).ToString('yyyy-MM-ddTHH:mm:ss.fffZ')
        Set-Content $file "{`"v`":1,`"at`":`"$old`",`"event`":`"intent`",`"submission`":`"old1`",`"environment`":`"Custom`",`"baseUri`":`"$($sandbox.Uri)/`",`"fileName`":`"old.csv`",`"rows`":`"1`",`"sha256`":`"AB`"}"
        New-TestRows 1 | Submit-AchieveItUpdates @connection | Out-Null
        (Get-Content $file -Raw) | Should -Not -Match 'old1'
    }

    It 'never holds the key or row data' {
        New-TestRows 3 | Submit-AchieveItUpdates @connection -Wait | Out-Null
        $text = Get-Content (Join-Path $env:ACHIEVEIT_JOURNAL_PATH 'journal.jsonl') -Raw
        $text | Should -Not -Match ([regex]::Escape($sandbox.Key))
        $text | Should -Not -Match 'KPI-'
        $text | Should -Not -Match 'On Track'
    }

    It 'is readable only by the user (0700 folder, 0600 files)' -Tag 'Needs-Unix: file modes' {
        New-TestRows 1 | Submit-AchieveItUpdates @connection | Out-Null
        [IO.File]::GetUnixFileMode($env:ACHIEVEIT_JOURNAL_PATH) | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite, UserExecute')
        [IO.File]::GetUnixFileMode((Join-Path $env:ACHIEVEIT_JOURNAL_PATH 'journal.jsonl')) | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite')
    }

    It 'takes a relative ACHIEVEIT_JOURNAL_PATH from the PowerShell location, not the process''s folder' {
        $here = New-PrivateFolder
        Push-Location $here
        try {
            $env:ACHIEVEIT_JOURNAL_PATH = 'relative-journal'
            New-TestRows 1 | Submit-AchieveItUpdates @connection | Out-Null
            Test-Path (Join-Path $here 'relative-journal/journal.jsonl') | Should -BeTrue
        } finally { Pop-Location }
    }

    It 'writes nothing when ACHIEVEIT_JOURNAL_PATH is off' {
        $folder = $env:ACHIEVEIT_JOURNAL_PATH
        $env:ACHIEVEIT_JOURNAL_PATH = 'off'
        New-TestRows 1 | Submit-AchieveItUpdates @connection | Out-Null
        New-TestRows 1 | Submit-AchieveItUpdates @connection | Out-Null # no journal, no duplicate guard
        Test-Path (Join-Path $folder 'journal.jsonl') | Should -BeFalse
        @(Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST').Count | Should -Be 2
    }

    It 'offers journal jobs to -JobId completion' {
        $job = New-TestRows 1 | Submit-AchieveItUpdates @connection
        $ps = New-ModulePowerShell
        $null = $ps.AddScript("`$env:ACHIEVEIT_JOURNAL_PATH = '$env:ACHIEVEIT_JOURNAL_PATH'; (TabExpansion2 -inputScript 'Wait-AchieveItJob -JobId ' -cursorColumn 25).CompletionMatches.CompletionText")
        $ps.Invoke() | Should -Contain $job.JobId
        $ps.Dispose()
    }
}
