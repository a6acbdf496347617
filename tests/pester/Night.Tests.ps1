# Issue 26: a night that goes right reads as right: dates that never change meaning silently, idempotent reruns,
# a truthful job history, one address per bad row, no prompts, and an install an admin can follow.
BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    $sandbox = Start-TestSandbox -SandboxPath $SandboxPath -ProcessingDelayMs 0
    $key = ConvertTo-TestKey $sandbox.Key
    $connection = @{ BaseUri = $sandbox.Uri; ApiKey = $key }
    function Get-PostCount { @(Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST').Count }
    $mixed = "External ID,Status,Metric Value,As Of Date`r`nKPI-1,On Track,1,05/12/2026`r`nKPI-2,On Track,2,25/11/2026`r`nKPI-3,On Track,3,06/11/2026`r`nKPI-4,On Track,4,2026-11-28`r`n"
}

AfterAll {
    Stop-TestSandbox $sandbox
    $env:ACHIEVEIT_JOURNAL_PATH = 'off'
}

Describe 'Dates never change meaning silently' {
    BeforeEach { Reset-Sandbox $sandbox; $env:ACHIEVEIT_JOURNAL_PATH = 'off' }

    It 'refuses the ambiguous dates of a file that shows day-first writing elsewhere, naming both readings and the row' {
        $file = New-TestCsv 'mixed.csv' $mixed
        $result = Test-AchieveItCsv $file
        $ambiguous = @($result.Errors | Where-Object Code -EQ 'AmbiguousDate' | Sort-Object Line)
        $ambiguous.Line | Should -Be 2, 4 -Because 'the dates before the day-first row count too'
        ($result.Errors | Where-Object Line -EQ 3).Code | Should -Be 'InvalidAsOfDate'
        { Submit-AchieveItUpdates -LiteralPath $file @connection -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidRows,*'
        { Import-Csv $file | Submit-AchieveItUpdates @connection -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidRows,*'
        Get-PostCount | Should -Be 0
    }

    It 'sends the rows form with -DateOrder DayFirst as ISO dates, and the sandbox applies the day-first reading' {
        $file = New-TestCsv 'mixed.csv' $mixed
        $job = Import-Csv $file | Submit-AchieveItUpdates @connection -DateOrder DayFirst -Wait
        $job.State | Should -Be 'Succeeded'
        (Invoke-SandboxApi $sandbox -Path '/sandbox/updates?externalId=KPI-1').asOfDate | Should -Be '2026-12-05'
        (Invoke-SandboxApi $sandbox -Path '/sandbox/updates?externalId=KPI-2').asOfDate | Should -Be '2026-11-25'
    }

    It 'with -DateOrder MonthFirst reads 05/12/2026 as 12 May and refuses the day-first row' {
        $errors = $null
        Import-Csv (New-TestCsv 'mixed.csv' $mixed) | Submit-AchieveItUpdates @connection -DateOrder MonthFirst -ErrorVariable errors -ErrorAction SilentlyContinue | Out-Null
        @($errors | Where-Object { $_.FullyQualifiedErrorId -like 'AmbiguousDate,*' }).Count | Should -Be 0
        @($errors | Where-Object { $_.FullyQualifiedErrorId -like 'InvalidAsOfDate,*' }).Count | Should -Be 1
    }

    It 'warns once under a day-first culture (en-GB) that slash dates were read month first' {
        $before = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = 'en-GB'
            $rows = [pscustomobject]@{ 'External ID' = 'KPI-1'; Status = 'On Track'; 'As Of Date' = '05/12/2026' }, [pscustomobject]@{ 'External ID' = 'KPI-2'; Status = 'On Track'; 'As Of Date' = '06/11/2026' }
            $rows | Submit-AchieveItUpdates @connection -WhatIf -WarningVariable warnings -WarningAction SilentlyContinue
            @($warnings | Where-Object { $_ -match 'read month first' }).Count | Should -Be 1
            ($warnings -join ' ') | Should -Match '2 slash date\(s\).*en-GB.*-DateOrder DayFirst'
            $rows | Submit-AchieveItUpdates @connection -WhatIf -DateOrder MonthFirst -WarningVariable quiet -WarningAction SilentlyContinue
            @($quiet | Where-Object { $_ -match 'read month first' }).Count | Should -Be 0
        } finally { [cultureinfo]::CurrentCulture = $before }
    }
}

Describe 'A night that went right' {
    BeforeEach { Reset-Sandbox $sandbox; $env:ACHIEVEIT_JOURNAL_PATH = New-PrivateFolder }
    AfterEach { $env:ACHIEVEIT_JOURNAL_PATH = 'off' }

    It 'reruns the runbook recipe under Stop: the second run exits 0 with one POST on the server' -Tag 'Needs-PS7: child processes started as pwsh' {
        $csv = New-TestCsv 'kpis.csv' "External ID,Status,Metric Value,As Of Date`r`nKPI-1,On Track,1,2026-11-28`r`n"
        $script = Join-Path $TestDrive 'nightly.ps1'
        Set-Content $script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$modulePath'
Import-Csv -LiteralPath '$csv' | Submit-AchieveItUpdates -Wait -Timeout 60 | ForEach-Object { "Job `$(`$_.JobId): `$(`$_.State)" }
"@
        $environment = @{ ACHIEVEIT_JOURNAL_PATH = $env:ACHIEVEIT_JOURNAL_PATH; ACHIEVEIT_API_KEY = $sandbox.Key; ACHIEVEIT_BASE_URI = $sandbox.Uri }
        $runs = foreach ($n in 1, 2) {
            $p = Start-ChildPwsh -File $script -Environment $environment
            $out = $p.StandardOutput.ReadToEnd(); $p.WaitForExit()
            [pscustomobject]@{ Exit = $p.ExitCode; Out = $out }
        }
        $runs.Exit | Should -Be 0, 0
        $runs[1].Out | Should -Match 'Succeeded'
        Get-PostCount | Should -Be 1
    }

    It 'lists a submission AchieveIt refused (403) as NotQueued with its error, never Unknown' {
        try { New-TestRows 1 | Submit-AchieveItUpdates -BaseUri $sandbox.Uri -ApiKey (ConvertTo-TestKey 'wrong-key-0000') } catch { $_.FullyQualifiedErrorId | Should -BeLike 'ApiKeyRefused,*' }
        $listed = @(Get-AchieveItJob -Recent @connection)
        $listed.Count | Should -Be 1
        $listed[0].State | Should -Be 'NotQueued'
        $listed[0].Message | Should -Match 'ApiKeyRefused'
    }

    It 'records when a job finished once: a second read leaves CompletedAt as it was' {
        $job = New-TestRows 1 | Submit-AchieveItUpdates @connection -Wait
        $first = (Get-AchieveItJob -Recent 1 @connection).CompletedAt
        $journal = Get-Content (Join-Path $env:ACHIEVEIT_JOURNAL_PATH 'journal.jsonl') -Raw
        Get-AchieveItJob -JobId $job.JobId @connection | Out-Null
        (Get-AchieveItJob -Recent 1 @connection).CompletedAt | Should -Be $first
        Get-Content (Join-Path $env:ACHIEVEIT_JOURNAL_PATH 'journal.jsonl') -Raw | Should -BeExactly $journal # no second line about it, whatever the clock says
    }

    It 'writes the same properties on every path (-JobId, -Recent, -Since, pipeline)' {
        $job = New-TestRows 2 | Submit-AchieveItUpdates @connection -FileName 'same.csv' -Wait
        $paths = @(
            (Get-AchieveItJob -JobId $job.JobId @connection)
            (Get-AchieveItJob -Recent 1 @connection)
            (Get-AchieveItJob -Since (Get-Date).AddHours(-1) @connection)
            ($job | Get-AchieveItJob @connection)
        )
        foreach ($read in $paths) {
            $read.FileName | Should -Be 'same.csv'
            $read.RowCount | Should -Be 2
            $read.SubmittedAt | Should -Not -BeNullOrEmpty
            $read.Message | Should -Match 'rows applied'
            $read.State | Should -Be 'Succeeded'
        }
    }

    It 'lists the recent jobs with no arguments, never prompting, and says so when there are none' -Tag 'Needs-PS7: child processes started as pwsh' {
        $script = Join-Path $TestDrive 'noargs.ps1'
        Set-Content $script "Import-Module '$modulePath'; Get-AchieveItJob 3>&1 | Out-String"
        $p = Start-ChildPwsh -File $script -Environment @{ ACHIEVEIT_JOURNAL_PATH = $env:ACHIEVEIT_JOURNAL_PATH; ACHIEVEIT_API_KEY = $sandbox.Key; ACHIEVEIT_BASE_URI = $sandbox.Uri }
        $out = $p.StandardOutput.ReadToEnd() + $p.StandardError.ReadToEnd(); $p.WaitForExit()
        $p.ExitCode | Should -Be 0
        $out | Should -Not -Match 'prompt'
        $out | Should -Match 'holds no submission to'
    }
}

Describe 'One address per bad row' {
    It 'gives Test and Submit the same row number and the External ID for one bad row' {
        $env:ACHIEVEIT_JOURNAL_PATH = 'off'
        $file = New-TestCsv 'one-bad.csv' "External ID,Status,Metric Value,As Of Date`r`nKPI-1,On Track,1,2026-11-28`r`nKPI-2,On Track,1,2026-11-28`r`nKPI-7,Dunno,1,2026-11-28`r`n"
        $issue = (Test-AchieveItCsv $file).Errors[0]
        $issue.Line | Should -Be 4
        $issue.Row | Should -Be 3
        $issue.ExternalId | Should -Be 'KPI-7'
        $errors = $null
        Import-Csv $file | Submit-AchieveItUpdates @connection -ErrorVariable errors -ErrorAction SilentlyContinue | Out-Null
        $rowErrors = @($errors | Where-Object { $_.FullyQualifiedErrorId -like 'InvalidStatus,*' })
        $rowErrors.Count | Should -Be 1 -Because 'each bad row is written once'
        $rowErrors[0].Exception.Message | Should -Match '^Input row 3 \(KPI-7\), Status'
        ($errors | Where-Object { $_.FullyQualifiedErrorId -like 'InvalidRows,*' }).Exception.Message | Should -Not -Match 'Dunno' -Because 'the summary counts and refers, it does not repeat'
        $fileErrors = $null
        Submit-AchieveItUpdates -LiteralPath $file @connection -ErrorVariable fileErrors -ErrorAction SilentlyContinue | Out-Null
        ($fileErrors | Where-Object { $_.FullyQualifiedErrorId -like 'InvalidStatus,*' }).Exception.Message | Should -Match 'line 4 \(row 3, KPI-7\), Status'
    }

    It 'names the URL of a 404 and says the address is the host only when -BaseUri has a path' {
        $caught = $null
        try { New-TestRows 1 | Submit-AchieveItUpdates -BaseUri "$($sandbox.Uri)/api" -ApiKey $key -ErrorAction Stop } catch { $caught = $_ }
        $caught.Exception.Message | Should -Match ([regex]::Escape("$($sandbox.Uri)/api/api/progressupdates/"))
        $caught.Exception.Message | Should -Match 'the host only'
        Connect-AchieveIt -ApiKey $key -BaseUri "$($sandbox.Uri)/api" -WarningVariable warnings -WarningAction SilentlyContinue
        Disconnect-AchieveIt
        ($warnings -join ' ') | Should -Match 'the host only'
    }
}

Describe 'Install' -Tag 'Needs-PS7: the build script runs in PowerShell 7' {
    It 'puts the module where Import-Module AchieveIt finds it in a fresh pwsh, and says where' {
        $home2 = (New-Item -ItemType Directory (Join-Path $TestDrive 'home')).FullName
        $environment = @{ HOME = $home2; XDG_DATA_HOME = (Join-Path $home2 '.local/share'); DOTNET_CLI_HOME = $env:HOME; USERPROFILE = $home2 }
        $build = Join-Path $PSScriptRoot '../../build.ps1'
        $p = Start-ChildPwsh -File $build -Environment $environment -ExtraArguments '-Task', 'Install', '-SkipBuild'
        $said = $p.StandardOutput.ReadToEnd(); $p.WaitForExit()
        $p.ExitCode | Should -Be 0
        $said | Should -Match 'Installed AchieveIt .* in '
        $check = Join-Path $TestDrive 'import.ps1'
        Set-Content $check 'Import-Module AchieveIt; (Get-Command -Module AchieveIt).Count'
        $p = Start-ChildPwsh -File $check -Environment $environment
        $out = $p.StandardOutput.ReadToEnd(); $p.WaitForExit()
        [int]($out.Trim()) | Should -BeGreaterThan 8
    }
}
