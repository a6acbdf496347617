# Issue 9: a runbook's truth. Every bad row named (even under Stop), nothing silent, every wait bounded.
BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    $sandbox = Start-TestSandbox -SandboxPath $SandboxPath -ProcessingDelayMs 0
    $other = Start-TestSandbox -SandboxPath $SandboxPath -ProcessingDelayMs 0 -Key $sandbox.Key
    $connection = @{ BaseUri = $sandbox.Uri; ApiKey = (ConvertTo-TestKey $sandbox.Key) }
    # Five rows, three of them bad (rows 2, 4 and 5).
    function New-MixedRows {
        [pscustomobject]@{ Id = 'KPI-1'; Status = 'On Track'; Value = 1; Date = '2026-11-28' }
        [pscustomobject]@{ Id = 'KPI-2'; Status = 'Bogus'; Value = 2; Date = '2026-11-28' }
        [pscustomobject]@{ Id = 'KPI-3'; Status = 'At Risk'; Value = 3; Date = '2026-11-28' }
        [pscustomobject]@{ Id = 'KPI-4'; Status = 'On Track'; Value = '20%'; Date = '2026-11-28' }
        [pscustomobject]@{ Id = ''; Status = 'On Track'; Value = 5; Date = '2026-11-28' }
    }
    function Measure-Seconds([scriptblock] $Script) {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $null = & $Script
        $clock.Elapsed.TotalSeconds
    }
    $silent = @{ ErrorAction = 'SilentlyContinue'; WarningAction = 'SilentlyContinue' }
}

AfterAll {
    $sandbox, $other | ForEach-Object { Stop-TestSandbox $_ }
}

Describe 'Every bad row is named, even under Stop' {
    BeforeEach { Reset-Sandbox $sandbox }

    It 'Submit under $ErrorActionPreference = Stop names all three bad rows in InvalidRows and sends nothing' {
        $ErrorActionPreference = 'Stop'
        $caught = $null
        try { New-MixedRows | Submit-AchieveItUpdates @connection } catch { $caught = $_ }
        $ErrorActionPreference = 'Continue'
        $caught.FullyQualifiedErrorId | Should -Be 'InvalidRows,AchieveIt.PowerShell.Commands.SubmitAchieveItUpdatesCommand'
        foreach ($row in 2, 4, 5) { $caught.Exception.Message | Should -Match "Input row $row\b" }
        $caught.Exception.Message | Should -Match '3 errors'
        $caught.TargetObject.Count | Should -Be 3
        $caught.TargetObject | ForEach-Object { $_ | Should -BeOfType ([AchieveIt.CsvIssue]) }
        $caught.TargetObject.Line | Should -Be @(2, 4, 5)
        Get-SandboxRequest $sandbox | Should -BeNullOrEmpty
    }

    It 'Export under -ErrorAction Stop names all three and writes nothing' {
        $path = Join-Path $TestDrive 'stop.csv'
        $caught = $null
        try { New-MixedRows | Export-AchieveItCsv -Path $path -ErrorAction Stop } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'InvalidRows,*'
        $caught.TargetObject.Line | Should -Be @(2, 4, 5)
        Test-Path $path | Should -BeFalse
    }

    It 'keeps one readable record per bad row interactively, then InvalidRows' {
        New-MixedRows | Submit-AchieveItUpdates @connection -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors.FullyQualifiedErrorId | Should -Be @('InvalidStatus,AchieveIt.PowerShell.Commands.SubmitAchieveItUpdatesCommand',
            'InvalidMetricValue,AchieveIt.PowerShell.Commands.SubmitAchieveItUpdatesCommand',
            'MissingExternalId,AchieveIt.PowerShell.Commands.SubmitAchieveItUpdatesCommand',
            'InvalidRows,AchieveIt.PowerShell.Commands.SubmitAchieveItUpdatesCommand')
        $errors[0].TargetObject.Id | Should -Be 'KPI-2'
    }

    It '-SkipInvalid under Stop sends the good rows and reports the bad ones as warnings' {
        $ErrorActionPreference = 'Stop'
        $job = New-MixedRows | Submit-AchieveItUpdates @connection -SkipInvalid -WarningVariable warnings -WarningAction SilentlyContinue
        $ErrorActionPreference = 'Continue'
        $job.RowCount | Should -Be 2
        @($warnings | Where-Object { $_ -match 'Input row (2|4|5)\b' }).Count | Should -Be 3
        $warnings.Message | Should -Contain '3 of 5 rows were invalid and are left out (-SkipInvalid); 2 will be sent.'
        @(Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST').Count | Should -Be 1
    }

    It 'names every bad line of a file sent with -Path under Stop' {
        $path = New-TestCsv 'three-bad.csv' "KPI-1,On Track,1,2026-11-28`r`nKPI-2,Bogus,1,2026-11-28`r`nKPI-3,On Track,x,2026-11-28`r`nKPI-4,On Track,1,someday`r`n"
        $caught = $null
        try { Submit-AchieveItUpdates -Path $path @connection -ErrorAction Stop } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'InvalidRows,*'
        foreach ($line in 2, 3, 4) { $caught.Exception.Message | Should -Match "three-bad\.csv: line $line\b" }
        Get-SandboxRequest $sandbox | Should -BeNullOrEmpty
    }
}

Describe 'Nothing to send is an error' {
    BeforeEach { Reset-Sandbox $sandbox }

    It 'is NothingToSend for <Case>, and nothing is sent' -ForEach @(
        @{ Case = 'an empty pipeline'; Script = { @() | Submit-AchieveItUpdates @connection -ErrorAction Stop } }
        @{ Case = 'rows all skipped'; Script = { New-MixedRows | Select-Object -Skip 3 | Submit-AchieveItUpdates @connection -SkipInvalid -WarningAction SilentlyContinue -ErrorAction Stop } }
        @{ Case = 'a -Path that matches no file'; Script = { Submit-AchieveItUpdates -Path (Join-Path $TestDrive 'nomatch*.csv') @connection -ErrorAction Stop } }
        @{ Case = 'a header-only Import-Csv'; Script = { Import-Csv (New-TestCsv 'header.csv' "External ID,Status,Current Metric Value,As Of Date`r`n") | Submit-AchieveItUpdates @connection -ErrorAction Stop } }
    ) {
        $caught = $null
        try { & $Script } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'NothingToSend,*'
        $caught.Exception.Message | Should -Match 'nothing was sent'
        Get-SandboxRequest $sandbox | Should -BeNullOrEmpty
    }

    It 'fails a script run with pwsh -File (exit code 1) under Stop' {
        $script = @'
$ErrorActionPreference = 'Stop'
Import-Module $env:TEST_MODULE
@() | Submit-AchieveItUpdates -BaseUri $env:TEST_URI
'Not reached'
'@
        $file = Join-Path $TestDrive 'empty-run.ps1'
        Set-Content $file $script
        $process = Start-ChildPwsh -File $file -Environment @{ TEST_MODULE = $modulePath; TEST_URI = $sandbox.Uri; ACHIEVEIT_API_KEY = $sandbox.Key }
        $out = $process.StandardOutput.ReadToEnd(); $err = $process.StandardError.ReadToEnd()
        $process.WaitForExit()
        $process.ExitCode | Should -Be 1
        $out | Should -Not -Match 'Not reached'
        "$out $err" | Should -Match 'No rows came down the pipeline'
    }
}

Describe 'The connection travels with the job' {
    BeforeEach { Reset-Sandbox $sandbox; Disconnect-AchieveIt; Remove-Item Env:ACHIEVEIT_API_KEY -ErrorAction Ignore }

    It 'Submit -ApiKey -BaseUri | Wait-AchieveItJob needs nothing else (<Case>)' -ForEach @(
        @{ Case = 'jobs'; Batch = 2; ById = $false }, @{ Case = 'job IDs'; Batch = 0; ById = $true }
    ) {
        $arguments = @{ }
        if ($Batch) { $arguments.BatchSize = $Batch }
        $jobs = New-TestRows 4 | Submit-AchieveItUpdates @connection @arguments
        $done = if ($ById) { $jobs.JobId | Wait-AchieveItJob -Timeout 30 } else { $jobs | Wait-AchieveItJob -Timeout 30 }
        @($done).Count | Should -Be @($jobs).Count
        $done.State | Sort-Object -Unique | Should -Be 'Succeeded'
        (Get-AchieveItJob -JobId $jobs[0].JobId).State | Should -Be 'Succeeded'
    }

    It 'a job from another runspace still needs a key, and explicit parameters still win' {
        $job = New-TestRows 1 | Submit-AchieveItUpdates @connection
        $ps = New-ModulePowerShell
        $null = $ps.AddCommand('Get-AchieveItJob').AddParameter('JobId', $job.JobId).AddParameter('BaseUri', $sandbox.Uri)
        { $ps.Invoke() } | Should -Throw -ExpectedMessage '*No AchieveIt API key*'
        $ps.Dispose()
        { Get-AchieveItJob -JobId $job.JobId -ApiKey (ConvertTo-TestKey 'wrong-key-000000') -ErrorAction Stop } | Should -Throw -ErrorId 'ApiKeyRefused,AchieveIt.PowerShell.Commands.GetAchieveItJobCommand'
        $job.PSObject.Properties.Name | Should -Not -Contain 'ApiKey'
    }
}

Describe 'Only states that were read; every wait bounded' {
    BeforeEach { Reset-Sandbox $sandbox }

    It 'calls a job never read Unknown, with no empty placeholders, when the server is down' {
        $seconds = Measure-Seconds { $script:out = Wait-AchieveItJob -JobId ([guid]::NewGuid()) -BaseUri 'http://127.0.0.1:9' -ApiKey $connection.ApiKey -Timeout 5 -ErrorVariable script:errors @silent }
        $seconds | Should -BeLessThan (7 + $Slack)
        $out.State | Should -Be 'Unknown'
        $errors[-1].FullyQualifiedErrorId | Should -BeLike 'WaitTimeout,*'
        $errors[-1].Exception.Message | Should -Match 'Unknown'
        $errors.Exception.Message | Should -Not -Match '\(\)'
    }

    It 'returns within Timeout + 2 s when the status <Case>' -ForEach @(
        @{ Case = 'never answers'; Fault = @{ target = 'status'; action = 'delay'; delayMs = 600000; count = 100 } }
        @{ Case = 'is slow'; Fault = @{ target = 'status'; action = 'delay'; delayMs = 4000; count = 100 } }
        @{ Case = 'says Retry-After 86400'; Fault = @{ target = 'status'; action = 'status'; status = 503; retryAfter = '86400'; count = 100 } }
        @{ Case = 'says 202 with Retry-After 86400'; Fault = @{ target = 'status'; action = 'status'; status = 202; retryAfter = '86400'; count = 100 } }
    ) {
        $job = New-TestRows 1 | Submit-AchieveItUpdates @connection
        Add-SandboxFault $sandbox $Fault
        $seconds = Measure-Seconds { $script:out = $job | Wait-AchieveItJob @connection -Timeout 5 -ErrorVariable script:errors @silent }
        $seconds | Should -BeLessThan (7 + $Slack)
        $errors.FullyQualifiedErrorId | Should -Contain 'WaitTimeout,AchieveIt.PowerShell.Commands.WaitAchieveItJobCommand'
        $out.JobId | Should -Be $job.JobId
    }

    It 'Submit -Wait -Timeout returns in time when the status never answers, and writes the job' {
        Add-SandboxFault $sandbox @{ target = 'status'; action = 'delay'; delayMs = 600000; count = 100 }
        $seconds = Measure-Seconds { $script:out = New-TestRows 1 | Submit-AchieveItUpdates @connection -Wait -Timeout 5 -ErrorVariable script:errors @silent }
        $seconds | Should -BeLessThan (7 + $Slack)
        $out.State | Should -Be 'Processing'
        $errors.FullyQualifiedErrorId | Should -Contain 'WaitTimeout,AchieveIt.PowerShell.Commands.SubmitAchieveItUpdatesCommand'
    }

    It 'Submit -Wait -Timeout returns in time when the upload hangs: SubmitOutcomeUnknown' {
        Add-SandboxFault $sandbox @{ target = 'submit'; action = 'delay'; delayMs = 600000 }
        $seconds = Measure-Seconds { New-TestRows 1 | Submit-AchieveItUpdates @connection -Wait -Timeout 4 -ErrorVariable script:errors @silent }
        $seconds | Should -BeLessThan (6 + $Slack)
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'SubmitOutcomeUnknown,*'
    }

    It 'gives up an upload that makes no progress for -StallTimeout seconds, and never resends it' {
        Add-SandboxFault $sandbox @{ target = 'submit'; action = 'delay'; delayMs = 600000 }
        $seconds = Measure-Seconds { New-TestRows 1 | Submit-AchieveItUpdates @connection -StallTimeout 2 -ErrorVariable script:errors @silent }
        $seconds | Should -BeLessThan (5 + $Slack)
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'SubmitOutcomeUnknown,*'
        $errors[0].Exception.Message | Should -Match 'no progress for 2 s'
    }

    It 'Get-AchieveItJob has its own bound: -Timeout' {
        $job = New-TestRows 1 | Submit-AchieveItUpdates @connection
        Add-SandboxFault $sandbox @{ target = 'status'; action = 'delay'; delayMs = 600000; count = 100 }
        $seconds = Measure-Seconds { Get-AchieveItJob -JobId $job.JobId -Timeout 3 -ErrorVariable script:errors @silent }
        $seconds | Should -BeLessThan (5 + $Slack)
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'StatusUnavailable,*'
        $errors[0].Exception.Message | Should -Match 'within 3 s'
    }

    It 'calls <Status> from the status endpoint JobNotFound at once' -ForEach @(@{ Status = 404 }, @{ Status = 410 }) {
        $job = New-TestRows 1 | Submit-AchieveItUpdates @connection
        Add-SandboxFault $sandbox @{ target = 'status'; action = 'status'; status = $Status; count = 100 }
        $seconds = Measure-Seconds { $job | Wait-AchieveItJob @connection -ErrorVariable script:errors @silent }
        $seconds | Should -BeLessThan (4 + $Slack)
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'JobNotFound,*'
    }
}

Describe 'Submit -Wait keeps what it sent' {
    BeforeEach { $sandbox, $other | ForEach-Object { Reset-Sandbox $_ } }

    It 'writes the submitted job and a stable error ID when waiting fails: <Case>' -ForEach @(
        @{ Case = 'the key refused on the status endpoint'; Fault = @{ target = 'status'; action = 'status'; status = 403 }; Id = 'ApiKeyRefused' }
        @{ Case = 'a refused redirect'; Fault = @{ target = 'status'; action = 'redirect'; status = 302; location = 'OTHER' }; Id = 'RedirectRefused' }
    ) {
        if ($Fault.location -eq 'OTHER') { $Fault.location = "$($other.Uri)/api/jobs/x" }
        Add-SandboxFault $sandbox $Fault
        $out = $null; $caught = $null
        try { New-TestRows 1 | Submit-AchieveItUpdates @connection -Wait -Timeout 20 -ErrorAction Stop | ForEach-Object { $out = $_ } } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be "$Id,AchieveIt.PowerShell.Commands.SubmitAchieveItUpdatesCommand"
        $out.JobId | Should -Not -BeNullOrEmpty
        $out.JobId | Should -Be (Invoke-SandboxApi $sandbox -Path '/sandbox/jobs')[0].jobId
    }
}

Describe 'Bounded memory and input that is not a file' {
    It 'keeps the first -MaxIssues issues and counts every one' {
        $lines = 1..5000 | ForEach-Object { "KPI-$_,Bogus,1,2026-11-28" }
        $path = New-TestCsv 'many-bad.csv' (($lines -join "`r`n") + "`r`n")
        $result = Test-AchieveItCsv $path
        $result.Errors.Count | Should -Be 1000
        $result.ErrorCount | Should -Be 5000
        $result.IssueCounts['InvalidStatus'] | Should -Be 5000
        $result.Summary | Should -Match '5000 errors'
        (Test-AchieveItCsv $path -MaxIssues 10).Errors.Count | Should -Be 10
        Test-AchieveItCsv $path -Quiet | Should -BeFalse
        Submit-AchieveItUpdates -Path $path @connection -MaxIssues 10 -ErrorVariable errors @silent
        $errors.Count | Should -Be 11 # ten rows, then InvalidRows
        $errors[-1].Exception.Message | Should -Match '5000 errors'
        $errors[-1].Exception.Message | Should -Match '4990 more were counted but not written' 
    }

    It 'caps the duplicate warnings of the pipeline too' {
        $rows = 1..300 | ForEach-Object { [pscustomobject]@{ Id = 'SAME'; Status = 'On Track'; Date = '2026-11-28' } }
        $rows | Export-AchieveItCsv -Path (Join-Path $TestDrive 'dups.csv') -MaxIssues 20 -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 21
        $warnings[-1] | Should -Match '279 more issues were counted'
    }

    It 'refuses a field over 64 KiB as FieldTooLong, in a file and in an object' {
        $path = Join-Path $TestDrive 'long.csv'
        [IO.File]::WriteAllText($path, "KPI-1,On Track,1,2026-11-28`r`nKPI-2,On Track,1,2026-11-28," + ('x' * 200KB) + "`r`n")
        $result = Test-AchieveItCsv $path
        $result.Errors[0].Code | Should -Be 'FieldTooLong'
        $result.Errors[0].Line | Should -Be 2
        [pscustomobject]@{ Id = 'K'; Status = 'On Track'; Date = '2026-11-28'; Comment = 'y' * 70KB } |
            Export-AchieveItCsv -Path (Join-Path $TestDrive 'x.csv') -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'FieldTooLong,*'
    }

    It 'refuses <Case> at once, without reading it' -Tag 'Needs-Unix: /dev/zero and mkfifo' -ForEach @(
        @{ Case = '/dev/zero'; Path = '/dev/zero' }
        @{ Case = 'a FIFO'; Path = 'FIFO' }
    ) {
        if ($Path -eq 'FIFO') { $Path = Join-Path $TestDrive 'pipe.csv'; mkfifo $Path }
        $seconds = Measure-Seconds { Test-AchieveItCsv -LiteralPath $Path -ErrorVariable script:errors @silent }
        $seconds | Should -BeLessThan (2 + $Slack)
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'NotARegularFile,*'
        $seconds = Measure-Seconds { try { Submit-AchieveItUpdates -LiteralPath $Path @connection -ErrorVariable script:errors @silent } catch { } }
        $seconds | Should -BeLessThan (2 + $Slack)
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'NotARegularFile,*'
    }
}

Describe 'Several files' {
    BeforeAll {
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'exports')
        [IO.File]::WriteAllText((Join-Path $folder 'a.csv'), "KPI-1,On Track,1,2026-11-28`r`n")
        [IO.File]::WriteAllText((Join-Path $folder 'b.csv'), "KPI-2,Bogus,1,2026-11-28`r`n")
        [IO.File]::WriteAllText((Join-Path $folder 'c.csv'), "KPI-3,At Risk,1,2026-11-28`r`n")
    }
    BeforeEach { Reset-Sandbox $sandbox }

    It 'sends none when one is bad, and names the files held back' {
        Submit-AchieveItUpdates -Path (Join-Path $folder '*.csv') @connection -ErrorVariable errors @silent | Should -BeNullOrEmpty
        $errors[-1].FullyQualifiedErrorId | Should -BeLike 'InvalidRows,*'
        foreach ($name in 'a.csv', 'b.csv', 'c.csv') { $errors[-1].Exception.Message | Should -Match ([regex]::Escape($name)) }
        Get-SandboxRequest $sandbox | Should -BeNullOrEmpty
    }

    It 'sends the valid files with -SkipInvalid and reports the others' {
        $jobs = Submit-AchieveItUpdates -Path (Join-Path $folder '*.csv') @connection -SkipInvalid -WarningVariable warnings -WarningAction SilentlyContinue
        $jobs.FileName | Should -Be @('a.csv', 'c.csv')
        $warnings -join ' ' | Should -Match 'b\.csv'
    }

    It 'sends the files Get-ChildItem lists and calls a folder among them PathIsFolder, not a row' {
        $mixed = New-Item -ItemType Directory (Join-Path $TestDrive 'mixed')
        [IO.File]::WriteAllText((Join-Path $mixed 'a.csv'), "KPI-1,On Track,1,2026-11-28`r`n")
        New-Item -ItemType Directory (Join-Path $mixed 'archive') | Out-Null
        $jobs = Get-ChildItem $mixed | Submit-AchieveItUpdates @connection -ErrorVariable errors -WarningVariable warnings @silent
        $jobs.FileName | Should -Be 'a.csv'
        $errors.FullyQualifiedErrorId | Should -BeLike 'PathIsFolder,*'
        $errors[0].TargetObject | Should -Match 'archive'
        $warnings | Should -BeNullOrEmpty # no "unused property" warning: the folder was never read as a row
    }

    It 'reports a file that cannot be read as FileUnreadable' {
        $locked = Join-Path $TestDrive 'locked.csv'
        [IO.File]::WriteAllText($locked, "KPI-1,On Track,1,2026-11-28`r`n")
        $handle = [IO.File]::Open($locked, 'Open', 'ReadWrite', 'None')
        try {
            Submit-AchieveItUpdates -LiteralPath $locked @connection -ErrorVariable errors @silent
        } finally { $handle.Dispose() }
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'FileUnreadable,*'
        Get-SandboxRequest $sandbox | Should -BeNullOrEmpty
    }
}

Describe 'Small things a runbook author trips on' {
    BeforeEach { Reset-Sandbox $sandbox }

    It 'says plainly what is wrong with -FileName <Name>' -ForEach @(@{ Name = '../etc/passwd' }, @{ Name = 'a/b.csv' }, @{ Name = '-x.csv' }) {
        $caught = $null
        try { New-TestRows 1 | Submit-AchieveItUpdates @connection -FileName $Name -ErrorAction Stop } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'InvalidFileName,*'
        $caught.Exception.Message | Should -Match 'letters, digits'
        $caught.Exception.Message | Should -Not -Match '\^\[A-Za-z'
        Get-SandboxRequest $sandbox | Should -BeNullOrEmpty
    }

    It 'adds .csv to a name without an extension' {
        $job = New-TestRows 1 | Submit-AchieveItUpdates @connection -FileName 'nightly-20261128'
        $job.FileName | Should -Be 'nightly-20261128.csv'
        (Invoke-SandboxApi $sandbox -Path "/sandbox/jobs/$($job.JobId)").fileName | Should -Be 'nightly-20261128.csv'
    }

    It 'the sandbox''s DELETE /sandbox/data empties the job queue' {
        # Five queued jobs of 3 s each: behind them a new job would take 18 s or more; with the queue emptied, at
        # most the job in hand (3 s), its own 3 s and the poll schedule's step (2 s). The bound sits between the two,
        # 5 s from each.
        $slow = Start-TestSandbox -SandboxPath $SandboxPath -ProcessingDelayMs 3000
        try {
            $slowConnection = @{ BaseUri = $slow.Uri; ApiKey = (ConvertTo-TestKey $slow.Key) }
            1..5 | ForEach-Object { New-TestRows 1 | Submit-AchieveItUpdates @slowConnection } | Out-Null
            Reset-Sandbox $slow
            $seconds = Measure-Seconds { New-TestRows 1 | Submit-AchieveItUpdates @slowConnection -Wait -Timeout 30 }
            $seconds | Should -BeLessThan 13 # not behind five deleted jobs
        } finally { Stop-TestSandbox $slow }
    }
}

Describe 'The README''s nightly runbook, run as a runbook would' {
    BeforeAll {
        $readme = Get-Content (Join-Path $PSScriptRoot '../../README.md') -Raw
        $block = Get-ReadmeRunbook $readme
        $runbook = Join-Path $TestDrive 'nightly-achieveit.ps1'
        Set-Content $runbook $block.Groups['code'].Value
        $modules = Split-Path (Split-Path $modulePath)
        function Invoke-Runbook([string] $Export) {
            $process = Start-ChildPwsh -File $runbook -ExtraArguments '-Export', $Export -Environment @{
                ACHIEVEIT_API_KEY = $sandbox.Key; ACHIEVEIT_BASE_URI = $sandbox.Uri; PSModulePath = $modules + [IO.Path]::PathSeparator + $env:PSModulePath }
            $out = $process.StandardOutput.ReadToEndAsync(); $err = $process.StandardError.ReadToEndAsync()
            $process.WaitForExit()
            [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $out.Result + $err.Result }
        }
    }
    BeforeEach { Reset-Sandbox $sandbox }

    It 'is in the README' {
        $block.Success | Should -BeTrue
        $block.Groups['code'].Value | Should -Match 'Submit-AchieveItUpdates'
    }

    It 'sends a good export and ends with exit code 0' {
        $export = New-TestCsv 'good-export.csv' "External ID,Status,Current Metric Value,As Of Date`r`nKPI-1,On Track,1,2026-11-28`r`nKPI-2,At Risk,2,2026-11-28`r`n"
        $run = Invoke-Runbook $export
        $run.Output | Should -Match 'Succeeded'
        $run.ExitCode | Should -Be 0
        @(Invoke-SandboxApi $sandbox -Path '/sandbox/updates').Count | Should -Be 2
    }

    It 'ends with exit code 1 and names every bad row when the export has three' {
        $export = New-TestCsv 'bad-export.csv' "External ID,Status,Current Metric Value,As Of Date`r`nKPI-1,On Track,1,2026-11-28`r`nKPI-2,Bogus,1,2026-11-28`r`nKPI-3,On Track,20%,2026-11-28`r`n,On Track,1,2026-11-28`r`n"
        $run = Invoke-Runbook $export
        $run.ExitCode | Should -Be 1
        $run.Output | Should -Match 'FAILED \(InvalidRows'
        foreach ($row in 2, 3, 4) { $run.Output | Should -Match "Input row $row\b" }
        Get-SandboxRequest $sandbox | Should -BeNullOrEmpty
    }

    It 'ends with exit code 1 on an empty export (<Case>)' -ForEach @(@{ Case = 'header only' }, @{ Case = 'missing file' }) {
        $export = if ($Case -eq 'header only') { New-TestCsv 'empty-export.csv' "External ID,Status,Current Metric Value,As Of Date`r`n" } else { Join-Path $TestDrive 'no-such-export.csv' }
        $run = Invoke-Runbook $export
        $run.ExitCode | Should -Be 1
        $run.Output | Should -Match 'FAILED'
        Get-SandboxRequest $sandbox | Should -BeNullOrEmpty
    }
}

Describe 'What a runbook review found' {
    BeforeEach { Reset-Sandbox $sandbox }

    It 'writes every job before the first error under Stop, so no job ID is lost (<Case>)' -ForEach @(
        @{ Case = 'a failed job among batches'; Fault = @{ action = 'failJob' }; Id = 'JobFailed'; Timeout = 30 }
        @{ Case = 'a status that never answers'; Fault = @{ target = 'status'; action = 'delay'; delayMs = 600000; count = 100 }; Id = 'WaitTimeout'; Timeout = 4 }
    ) {
        Add-SandboxFault $sandbox $Fault
        $seen = [Collections.Generic.List[object]]::new()
        $ErrorActionPreference = 'Stop'
        $caught = $null
        try { New-TestRows 6 | Submit-AchieveItUpdates @connection -BatchSize 2 -Wait -Timeout $Timeout | ForEach-Object { $seen.Add($_) } } catch { $caught = $_ }
        $ErrorActionPreference = 'Continue'
        $caught.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $seen.Count | Should -Be 3
        @($seen.JobId | Sort-Object) | Should -Be @((Invoke-SandboxApi $sandbox -Path '/sandbox/jobs').jobId | Sort-Object)
    }

    It 'writes the jobs already sent before a later batch''s upload error stops the command' {
        # The second POST is refused (400): the first batch's job must still reach the pipeline under Stop.
        $seen = [Collections.Generic.List[object]]::new()
        Add-SandboxFault $sandbox @{ target = 'submit'; action = 'delay'; delayMs = 1; count = 1 } # faults are taken in order: this one for the first POST
        Add-SandboxFault $sandbox @{ target = 'submit'; action = 'status'; status = 400; count = 1 }
        $ErrorActionPreference = 'Stop'
        $caught = $null
        try { New-TestRows 4 | Submit-AchieveItUpdates @connection -BatchSize 2 -Wait -Timeout 20 | ForEach-Object { $seen.Add($_) } } catch { $caught = $_ }
        $ErrorActionPreference = 'Continue'
        $caught.FullyQualifiedErrorId | Should -BeLike 'SubmitRejected,*'
        $seen.Count | Should -Be 1
        $seen[0].JobId | Should -Be (Invoke-SandboxApi $sandbox -Path '/sandbox/jobs')[0].jobId
    }

    It 'lists at most -MaxIssues rows in InvalidRows, then "and N more"' {
        $rows = 1..40 | ForEach-Object { [pscustomobject]@{ Id = "K-$_"; Status = 'Nope'; Date = '2026-11-28' } }
        $caught = $null
        try { $rows | Submit-AchieveItUpdates @connection -MaxIssues 5 -ErrorAction Stop -WarningAction SilentlyContinue } catch { $caught = $_ }
        $caught.TargetObject.Count | Should -Be 5
        $caught.Exception.Message | Should -Match '\.\.\. and 35 more'
    }

    It 'calls a malformed -BaseUri InsecureUri, never a raw exception (<Command>)' -ForEach @(@{ Command = 'Submit' }, @{ Command = 'Connect' }, @{ Command = 'Get' }) {
        $caught = $null
        try {
            switch ($Command) {
                'Submit' { New-TestRows 1 | Submit-AchieveItUpdates -ApiKey $connection.ApiKey -BaseUri 'not a uri' -ErrorAction Stop }
                'Connect' { Connect-AchieveIt -ApiKey $connection.ApiKey -BaseUri 'api.achieveit.com' }
                'Get' { Get-AchieveItJob -JobId x -ApiKey $connection.ApiKey -BaseUri 'relative/path' -ErrorAction Stop }
            }
        } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'InsecureUri,*'
        $caught.Exception.Message | Should -Match 'absolute address'
    }

    It 'calls a header-only file sent with -Path NothingToSend' {
        $path = New-TestCsv 'header-only.csv' "External ID,Status,Metric Value,As Of Date`r`n"
        { Submit-AchieveItUpdates -Path $path @connection -WarningAction SilentlyContinue -ErrorAction Stop } | Should -Throw -ErrorId 'NothingToSend,AchieveIt.PowerShell.Commands.SubmitAchieveItUpdatesCommand'
        Get-SandboxRequest $sandbox | Should -BeNullOrEmpty
    }

    It 'calls $null piped in NothingToSend, not three row errors' {
        $caught = $null
        try { $null | Submit-AchieveItUpdates @connection -ErrorAction Stop } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'NothingToSend,*'
        $caught.Exception.Message | Should -Match 'only \$null'
    }

    It 'sends every batch even when the next command takes only the first job (Select-Object -First 1)' {
        $first = New-TestRows 6 | Submit-AchieveItUpdates @connection -BatchSize 2 | Select-Object -First 1
        $first.JobId | Should -Not -BeNullOrEmpty
        @(Invoke-SandboxApi $sandbox -Path '/sandbox/jobs').Count | Should -Be 3
    }

    It 'adds .csv to a name whose last dot is part of a date: <Name>' -ForEach @(@{ Name = 'nightly-2024.01.01'; Sent = 'nightly-2024.01.01.csv' }, @{ Name = 'nightly.txt'; Sent = 'nightly.txt' }) {
        (New-TestRows 1 | Submit-AchieveItUpdates @connection -FileName $Name).FileName | Should -Be $Sent
    }

    It 'refuses to export over a FIFO (or a device), which would be replaced by a file' -Tag 'Needs-Unix: mkfifo' {
        $fifo = Join-Path $TestDrive 'out.fifo'
        mkfifo $fifo
        { New-TestRows 1 | Export-AchieveItCsv -Path $fifo } | Should -Throw -ErrorId 'NotARegularFile,AchieveIt.PowerShell.Commands.ExportAchieveItCsvCommand'
        [AchieveIt.Files.FileKind]::NotRegular($fifo) | Should -Match 'FIFO' # still a FIFO, not replaced
    }

    It 'says a submit stopped at -Timeout while waiting to retry queued nothing (SubmitFailed)' {
        Add-SandboxFault $sandbox @{ target = 'submit'; action = 'status'; status = 503; retryAfter = '30'; count = 10 }
        New-TestRows 1 | Submit-AchieveItUpdates @connection -Wait -Timeout 3 -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'SubmitFailed,*'
        $errors[0].Exception.Message | Should -Match 'Nothing was queued'
    }
}
