# Issue 32: the inputs admins really have (Excel exports, day-first dates, ANSI files, SQL tables), where a runspace
# is connected, -Debug in a runbook, history and completion, and the README's sandbox and runbook as written.
BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    $samplePlan = Join-Path (Split-Path $SandboxPath) 'sample-plan.csv'
    $sandbox = Start-TestSandbox -SandboxPath $SandboxPath -ItemsFile $samplePlan
    $connection = @{ BaseUri = $sandbox.Uri; ApiKey = (ConvertTo-TestKey $sandbox.Key) }
    # An Excel export: two rows, then the empty rows Excel pads it with.
    $excel = New-TestCsv 'excel-export.csv' "External ID,Status,Metric Value,As Of Date`r`nKPI-1,On Track,1,2026-11-28`r`nKPI-2,At Risk,2,2026-11-28`r`n,,,`r`n,,,`r`n,,,`r`n"
    function New-Row([string] $Id, [string] $Date = '2026-11-28', $Value = 1, [string] $Comment) {
        [pscustomobject]@{ 'External ID' = $Id; Status = 'On Track'; 'Metric Value' = $Value; 'As Of Date' = $Date; Comment = $Comment }
    }
    # The table in a hashtable: PowerShell would unroll a DataTable written to the pipeline into its rows.
    function New-KpiTable {
        $table = [System.Data.DataTable]::new('kpis')
        foreach ($column in 'External ID', 'Status', 'Metric Value', 'As Of Date') { [void]$table.Columns.Add($column) }
        [void]$table.Rows.Add('KPI-1', 'On Track', '1', '2026-11-28')
        [void]$table.Rows.Add('KPI-2', 'At Risk', '2', '2026-11-28')
        @{ Table = $table }
    }
}

AfterAll { Stop-TestSandbox $sandbox }

Describe 'Excel''s trailing empty rows, in the pipeline too' {
    BeforeEach { Reset-Sandbox $sandbox }

    It 'Import-Csv | Submit-AchieveItUpdates leaves them out with one warning, and sends the rows' {
        $job = Import-Csv $excel | Submit-AchieveItUpdates @connection -WarningVariable warnings -WarningAction SilentlyContinue -ErrorAction Stop
        $job.RowCount | Should -Be 2
        @($warnings | Where-Object { "$_" -match 'empty row' }).Count | Should -Be 1
        "$warnings" | Should -Match 'ends with 3 empty rows \(input rows 3-5'
        @(Get-SandboxRequest $sandbox).Count | Should -Be 1
    }

    It 'Export-AchieveItCsv writes the two rows, and New-AchieveItUpdate writes no error' {
        $out = Join-Path $TestDrive 'excel-out.csv'
        Import-Csv $excel | Export-AchieveItCsv $out -WarningAction SilentlyContinue -ErrorAction Stop
        @(Get-Content $out).Count | Should -Be 3
        $updates = @(Import-Csv $excel | New-AchieveItUpdate -ErrorVariable bad -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue)
        $bad | Should -BeNullOrEmpty
        $updates.Count | Should -Be 2
        "$warnings" | Should -Match 'left out'
    }

    It 'does not count the padding as invalid under -SkipInvalid, and counts rows without it' {
        $rows = @(New-Row 'KPI-1') + @(New-Row 'KPI-2' -Date 'bogus') + @([pscustomobject]@{ 'External ID' = ''; Status = ''; 'Metric Value' = ''; 'As Of Date' = '' })
        $null = $rows | Submit-AchieveItUpdates @connection -SkipInvalid -WarningVariable warnings -WarningAction SilentlyContinue
        "$warnings" | Should -Match '1 of 2 rows was invalid and is left out'
    }

    It 'an empty row followed by a row with values stays EmptyRow' {
        $rows = @(New-Row 'KPI-1') + @([pscustomobject]@{ 'External ID' = ' '; Status = $null; 'Metric Value' = [DBNull]::Value; 'As Of Date' = '' }) + @(New-Row 'KPI-2')
        { $rows | Submit-AchieveItUpdates @connection -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidRows*'
        $null = $rows | New-AchieveItUpdate -ErrorVariable bad -ErrorAction SilentlyContinue
        $bad.FullyQualifiedErrorId | Should -BeLike 'EmptyRow*'
        $bad[0].Exception.Message | Should -Match 'Input row 2'
        Get-SandboxRequest $sandbox | Should -BeNullOrEmpty
    }

    It 'an input of only empty rows is NothingToSend that says so' {
        $blank = 1..3 | ForEach-Object { [pscustomobject]@{ 'External ID' = ''; Status = ''; 'Metric Value' = ''; 'As Of Date' = '' } }
        { $blank | Submit-AchieveItUpdates @connection -ErrorAction Stop -WarningAction SilentlyContinue } | Should -Throw '*only empty rows (3 of them)*'
    }

    It 'Test-AchieveItCsv''s promise holds: the file and the rows form send the same two rows' {
        (Test-AchieveItCsv $excel).Warnings.Message | Should -Match 'Submit leaves them out'
        (Submit-AchieveItUpdates -Path $excel @connection -WarningAction SilentlyContinue).RowCount | Should -Be 2
        Reset-Sandbox $sandbox
        (Import-Csv $excel | Submit-AchieveItUpdates @connection -WarningAction SilentlyContinue).RowCount | Should -Be 2
    }
}

Describe 'Day-first dates as day-first exports write them' {
    It 'reads <Date> day first under -DateOrder DayFirst' -ForEach @(
        @{ Date = '05.12.2026' }, @{ Date = '5.12.2026' }, @{ Date = '05-12-2026' }, @{ Date = '05.12.2026 10:00' }, @{ Date = '5-12-2026 23:59:59' }, @{ Date = '05/12/2026' }
    ) {
        (New-AchieveItUpdate -ExternalId KPI-1 -Status 'On Track' -AsOfDate $Date -DateOrder DayFirst -ErrorAction Stop).AsOfDate | Should -Be ([datetime]'2026-12-05')
    }

    It 'without -DateOrder, a dotted date says that -DateOrder DayFirst reads it (not a hint about slashes)' {
        { New-AchieveItUpdate -ExternalId KPI-1 -Status 'On Track' -AsOfDate '05.12.2026' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidAsOfDate*'
        try { New-AchieveItUpdate -ExternalId KPI-1 -Status 'On Track' -AsOfDate '05.12.2026' -ErrorAction Stop } catch { $message = $_.Exception.Message }
        $message | Should -Match '-DateOrder DayFirst reads it as 2026-12-05'
        $message | Should -Not -Match 'reads slashes'
    }

    It 'a two-digit year names both readings' {
        try { New-AchieveItUpdate -ExternalId KPI-1 -Status 'On Track' -AsOfDate '05/12/26' -DateOrder DayFirst -ErrorAction Stop } catch { $message = $_.Exception.Message }
        $message | Should -Match 'two digits'
        $message | Should -Match '2026-05-12 \(month first\) or 2026-12-05 \(day first\)'
    }

    It 'refuses year-first slashes (2026/12/05), saying why and what to write' {
        try { New-AchieveItUpdate -ExternalId KPI-1 -Status 'On Track' -AsOfDate '2026/12/05' -ErrorAction Stop } catch { $message = $_.Exception.Message }
        $message | Should -Match 'neither ISO-8601 nor M/D/YYYY.*write 2026-12-05'
    }

    It 'Test-AchieveItCsv takes -DateOrder and tells the story Submit tells' {
        $file = New-TestCsv 'german.csv' "External ID,Status,Metric Value,As Of Date`r`nKPI-1,On Track,1,05.12.2026`r`nKPI-2,At Risk,2,24.11.2026`r`n"
        $plain = Test-AchieveItCsv $file
        $plain.IsValid | Should -BeFalse
        $plain.Errors[0].Message | Should -Match '-DateOrder DayFirst'
        $dayFirst = Test-AchieveItCsv $file -DateOrder DayFirst -WarningVariable warnings -WarningAction SilentlyContinue
        $dayFirst.IsValid | Should -BeTrue
        "$warnings" | Should -Match 'Submit-AchieveItUpdates -Path .* -DateOrder DayFirst sends it rewritten'
        $job = Import-Csv $file | Submit-AchieveItUpdates -DateOrder DayFirst @connection -ErrorAction Stop
        $job.RowCount | Should -Be 2
        { Submit-AchieveItUpdates -Path $file @connection -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidRows*'
        $sent = Submit-AchieveItUpdates -Path $file -DateOrder DayFirst @connection -Force -ErrorAction Stop # the same rows as above: -Force
        $sent.RowCount | Should -Be 2
        $sent.FileName | Should -Be 'german.csv'
    }
}

Describe 'Encoding hints that do not corrupt' {
    It 'refuses a C1 control character in <Field> with the row, the field and the hint' -ForEach @(@{ Field = 'Comment' }, @{ Field = 'External ID' }) {
        $row = New-Row 'KPI-1' -Comment 'ok'
        $row.$Field = "Q4 $([char]0x96) ahead"
        $null = $row | New-AchieveItUpdate -ErrorVariable bad -ErrorAction SilentlyContinue
        $bad.FullyQualifiedErrorId | Should -BeLike 'ControlCharacter*'
        $bad[0].Exception.Message | Should -Match "Input row 1.*$Field"
        $bad[0].Exception.Message | Should -Match 'U\+0096'
        $bad[0].Exception.Message | Should -Match '-Encoding 1252'
        { $row | Submit-AchieveItUpdates @connection -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidRows*'
    }

    It 'the U+FFFD hint names -Encoding 1252 on PowerShell 7, never Latin1' {
        $null = New-Row 'KPI-1' -Comment "caf$([char]0xFFFD)" | New-AchieveItUpdate -ErrorVariable bad -ErrorAction SilentlyContinue
        $bad[0].Exception.Message | Should -Match ([regex]::Escape('Import-Csv -Encoding 1252'))
        $bad[0].Exception.Message | Should -Not -Match 'for example Import-Csv -Encoding Latin1'
    }

    It 'an ANSI file read as the hint says keeps its en dash and euro sign' -Tag 'Needs-PS7: -Encoding 1252 takes a code page number on PowerShell 7' {
        $file = Join-Path $TestDrive 'ansi.csv'
        [IO.File]::WriteAllBytes($file, [byte[]](@([Text.Encoding]::ASCII.GetBytes("External ID,Status,Metric Value,As Of Date,Comment`r`nKPI-1,On Track,1,2026-11-28,Q4 ")) + 0x96 + 0x20 + 0x80 + 13 + 10))
        $update = Import-Csv $file -Encoding 1252 | New-AchieveItUpdate -ErrorAction Stop
        $update.Comment | Should -Be "Q4 $([char]0x2013) $([char]0x20AC)"
    }
}

Describe 'SQL results as they come' {
    BeforeEach { Reset-Sandbox $sandbox }

    It 'reads a <Kind> piped as one object as its rows' -ForEach @(@{ Kind = 'DataTable' }, @{ Kind = 'DataView' }, @{ Kind = 'DataSet' }) {
        $table = (New-KpiTable).Table
        # Assigned, never written to the pipeline: PowerShell unrolls a DataTable or DataView it writes.
        $object = $table
        if ($Kind -eq 'DataView') { $object = $table.DefaultView }
        if ($Kind -eq 'DataSet') { $object = [System.Data.DataSet]::new(); $object.Tables.Add($table) }
        $updates = @(, $object | New-AchieveItUpdate -ErrorAction Stop -WarningVariable warnings)
        $updates.ExternalId | Should -Be 'KPI-1', 'KPI-2'
        $warnings | Should -BeNullOrEmpty
        (, $object | Submit-AchieveItUpdates @connection -ErrorAction Stop).RowCount | Should -Be 2
    }

    It 'refuses a DataSet of several tables, naming them, and sends nothing' {
        $set = [System.Data.DataSet]::new(); $set.Tables.Add((New-KpiTable).Table); $other = (New-KpiTable).Table.Copy(); $other.TableName = 'archive'; $set.Tables.Add($other)
        { , $set | Submit-AchieveItUpdates @connection -ErrorAction Stop } | Should -Throw "*'kpis', 'archive'*"
        $null = , $set | New-AchieveItUpdate -ErrorVariable bad -ErrorAction SilentlyContinue
        $bad.FullyQualifiedErrorId | Should -BeLike 'DataSetTables*'
        Get-SandboxRequest $sandbox | Should -BeNullOrEmpty
    }

    It 'says [double]::MaxValue is too large for AchieveIt' {
        $null = New-Row 'KPI-1' -Value ([double]::MaxValue) | New-AchieveItUpdate -ErrorVariable bad -ErrorAction SilentlyContinue
        $bad[0].Exception.Message | Should -Match 'too large for AchieveIt'
        $bad[0].Exception.Message | Should -Not -Match 'not a finite number'
    }
}

Describe 'A metric value for an item without a metric' {
    It 'is a warning naming the row, the ID and the value (<Source>)' -ForEach @(@{ Source = 'plan CSV' }, @{ Source = 'Get-AchieveItPlanItem' }) {
        $plan = if ($Source -eq 'plan CSV') { New-TestCsv 'plan.csv' "External ID,HasMetric`r`nKPI-1,true`r`nKPI-3,false`r`n" } else { Get-AchieveItPlanItem -PlanId $sandbox.PlanId @connection }
        $update = New-Row 'KPI-3' -Value 7 | New-AchieveItUpdate -PlanItems $plan -WarningVariable warnings -WarningAction SilentlyContinue -ErrorAction Stop
        $update | Should -Not -BeNullOrEmpty
        "$warnings" | Should -Match "Input row 1 \(KPI-3\).*KPI-3.*has no metric.*metric value 7"
        $null = New-Row 'KPI-3' -Value 7 | Export-AchieveItCsv (Join-Path $TestDrive 'm.csv') -Force -PlanItems $plan -WarningVariable exported -WarningAction SilentlyContinue
        "$exported" | Should -Match 'UnexpectedMetricValue|has no metric'
    }
}

Describe 'Where am I connected' {
    BeforeEach { Disconnect-AchieveIt; Remove-Item Env:ACHIEVEIT_API_KEY, Env:ACHIEVEIT_BASE_URI -ErrorAction Ignore }
    AfterAll { Disconnect-AchieveIt }

    It 'says None with no key, and the default address' {
        $context = Get-AchieveItConnection
        $context.KeySource | Should -Be 'None'
        $context.HasKey | Should -BeFalse
        $context.BaseUri | Should -Be 'https://api.achieveit.com/'
        $context.EnvironmentSource | Should -Be 'Default'
    }

    It 'names the environment variable a key comes from, and never the key' {
        $env:ACHIEVEIT_API_KEY = 'secret-key-1234567890'
        try {
            $context = Get-AchieveItConnection
            $context.KeySource | Should -Be 'Environment variable ACHIEVEIT_API_KEY'
            ($context | Format-List * | Out-String) + ($context | ConvertTo-Json) | Should -Not -Match '1234567890|7890|21'
        } finally { Remove-Item Env:ACHIEVEIT_API_KEY }
    }

    It 'Connect-AchieveIt -PassThru returns it, keeps -Proxy, and takes a PSCredential as the key' {
        $credential = [pscredential]::new('anyone', (ConvertTo-TestKey $sandbox.Key))
        $context = Connect-AchieveIt -ApiKey $credential -BaseUri $sandbox.Uri -Proxy 'http://127.0.0.1:9' -PassThru
        $context.KeySource | Should -Be 'Connect-AchieveIt'
        $context.BaseUri | Should -Be ([uri]$sandbox.Uri)
        $context.Proxy | Should -Be ([uri]'http://127.0.0.1:9')
        (Get-AchieveItConnection).Proxy | Should -Be ([uri]'http://127.0.0.1:9')
        # The kept proxy is used: nothing listens on port 9, so a read fails there, not at the sandbox.
        { Get-AchieveItPlanItem -PlanId $sandbox.PlanId -Timeout 20 -ErrorAction Stop } | Should -Throw
        Connect-AchieveIt -ApiKey $credential -BaseUri $sandbox.Uri
        (Get-AchieveItConnection).Proxy | Should -BeNullOrEmpty
        @(Get-AchieveItPlanItem -PlanId $sandbox.PlanId -ErrorAction Stop).Count | Should -Be 7
    }

    It 'takes a PSCredential for a command''s own -ApiKey too' {
        $credential = [pscredential]::new('anyone', (ConvertTo-TestKey $sandbox.Key))
        @(Get-AchieveItPlanItem -PlanId $sandbox.PlanId -ApiKey $credential -BaseUri $sandbox.Uri -ErrorAction Stop).Count | Should -Be 7
    }

    It 'is separate in another runspace' {
        Connect-AchieveIt -ApiKey (ConvertTo-TestKey $sandbox.Key) -BaseUri $sandbox.Uri
        $ps = New-ModulePowerShell
        try { $other = $ps.AddCommand('Get-AchieveItConnection').Invoke() } finally { $ps.Dispose() }
        $other[0].KeySource | Should -Be 'None'
    }
}

Describe 'History and completion' {
    BeforeAll {
        $journal = New-PrivateFolder
        $env:ACHIEVEIT_JOURNAL_PATH = $journal
        $other = Start-TestSandbox -SandboxPath $SandboxPath -ItemsFile $samplePlan
        $here = Import-Csv $excel | Submit-AchieveItUpdates @connection -WarningAction SilentlyContinue
        $there = New-Row 'KPI-1' | Submit-AchieveItUpdates -BaseUri $other.Uri -ApiKey (ConvertTo-TestKey $other.Key)
    }
    AfterAll { $env:ACHIEVEIT_JOURNAL_PATH = 'off'; Stop-TestSandbox $other; Reset-Sandbox $sandbox }

    It 'the listing shows when each submission was made, and a never-queued one says so where the job ID would be' {
        Add-SandboxFault $sandbox @{ target = 'submit'; action = 'status'; status = 400 }
        $null = New-Row 'KPI-2' | Submit-AchieveItUpdates @connection -ErrorAction SilentlyContinue
        Reset-Sandbox $sandbox
        $listing = Get-AchieveItJob -Recent @connection -ErrorAction SilentlyContinue | Format-Table | Out-String -Width 200
        $listing | Should -Match 'Submitted'
        $listing | Should -Match ([regex]::Escape($here.SubmittedAt.ToLocalTime().ToString('yyyy-MM-dd HH:mm')))
        $listing | Should -Match '\(never queued: no job\)'
    }

    It '-JobId completion offers only the jobs of the current address' {
        Connect-AchieveIt -ApiKey (ConvertTo-TestKey $sandbox.Key) -BaseUri $sandbox.Uri
        try {
            $line = 'Get-AchieveItJob -JobId '
            $offered = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
            $offered | Should -Contain $here.JobId
            $offered | Should -Not -Contain $there.JobId
            $line = "Get-AchieveItJob -BaseUri $($other.Uri) -JobId "
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain $there.JobId
        } finally { Disconnect-AchieveIt }
    }
}

Describe 'Sort keys and the plan export''s answers' {
    It '-SortBy completes exactly the vendor''s sort keys, and the sandbox takes each of them' {
        $line = 'Get-AchieveItPlanItem -SortBy '
        $keys = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $keys | Should -Be @('sequenceId', 'name', 'level', 'status', 'start', 'due', 'currentValue', 'lastUpdated', 'assignedToFullName', 'updates', 'alignsTo',
            'assignedByFullName', 'assignedToEmailAddress', 'baseline', 'target', 'created', 'dependentOn', 'description')
        foreach ($key in $keys) { @(Get-AchieveItPlanItem -PlanId $sandbox.PlanId -SortBy $key @connection -ErrorAction Stop).Count | Should -Be 7 -Because "-SortBy $key" }
    }

    It 'reports a 400 with its status and the server''s message, not PlanAnswerInvalid' {
        { Get-AchieveItPlanItem -PlanId $sandbox.PlanId -SortBy bogusKey @connection -ErrorAction Stop } | Should -Throw -ErrorId 'PlanRequestRefused*'
        try { Get-AchieveItPlanItem -PlanId $sandbox.PlanId -SortBy bogusKey @connection -ErrorAction Stop } catch { $message = $_.Exception.Message }
        $message | Should -Match '400'
        $message | Should -Match "sortKey 'bogusKey'"
    }

    It 'PlanNotFound says first that the plan ID may be wrong, and names the path setting only for an address with a path' {
        try { Get-AchieveItPlanItem -PlanId 'no-such-plan' @connection -ErrorAction Stop } catch { $message = $_.Exception.Message; $id = $_.FullyQualifiedErrorId }
        $id | Should -BeLike 'PlanNotFound*'
        $message | Should -Match '^AchieveIt knows no plan .* The plan ID may be wrong'
        $message | Should -Not -Match 'ACHIEVEIT_PLAN_PATH'
    }
}

Describe 'The README''s examples on the README''s sandbox' {
    It 'the sample plan holds the IDs the README uses, under the README''s plan ID' {
        $readme = Get-Content (Join-Path $PSScriptRoot '../../README.md') -Raw
        $plan = Import-Csv $samplePlan
        $readmePlanId = [regex]::Match($readme, "\`$planId = '([0-9a-f-]{36})'").Groups[1].Value
        $plan[0].'Plan ID' | Should -Be $readmePlanId
        foreach ($id in [regex]::Matches($readme, "\bKPI-[A-Z]*-?\d+\b").Value | Sort-Object -Unique | Where-Object { $_ -ne 'KPI-REV-O1' }) {
            $plan.'External ID' | Should -Contain $id
        }
    }

    It 'build.ps1 -Task Sandbox prints the plan ID beside the key and serves the sample plan' {
        $build = Get-Content (Join-Path $PSScriptRoot '../../build.ps1') -Raw
        $build | Should -Match 'Sample plan ID'
        $build | Should -Match "--items \`$plan"
    }

    It 'keeps its database in a private per-user folder, not the temp folder' -Tag 'Needs-Unix: the folder mode is a Unix mode' {
        $home2 = Join-Path $TestDrive 'home'; New-Item -ItemType Directory $home2 | Out-Null
        $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        $info.Arguments = Join-ProcessArgument @($SandboxPath, '--urls', 'http://127.0.0.1:0', '--api-key', 'k')
        $info.Environment['HOME'] = $home2; $info.Environment.Remove('XDG_DATA_HOME')
        $info.RedirectStandardOutput = $true; $info.UseShellExecute = $false
        $process = [System.Diagnostics.Process]::Start($info)
        try {
            $line = $process.StandardOutput.ReadLine()
            while ($line -notmatch '^Database: ') { $line = $process.StandardOutput.ReadLine() }
        } finally { Stop-ProcessTree $process; $process.WaitForExit(10000) | Out-Null }
        $database = $line -replace '^Database: '
        $database | Should -BeLike "$home2*"
        Split-Path $database | Should -Not -Be ([IO.Path]::GetTempPath().TrimEnd('/'))
        (Get-Item (Split-Path $database)).UnixMode | Should -Be 'drwx------'
    }
}

Describe 'The runbook as written runs under cron and Task Scheduler' {
    BeforeAll {
        $readme = Get-Content (Join-Path $PSScriptRoot '../../README.md') -Raw
        $block = Get-ReadmeRunbook $readme
        $runbook = Join-Path $TestDrive 'nightly-achieveit.ps1'
        Set-Content $runbook $block.Groups['code'].Value
        $modules = Split-Path (Split-Path $modulePath)
    }

    It 'without Get-AutomationVariable and without a key, ends in its FAILED (ApiKeyMissing) line, with no colour codes' {
        $export = New-TestCsv 'nightly.csv' "External ID,Status,Metric Value,As Of Date`r`nKPI-1,On Track,1,2026-11-28`r`n"
        $process = Start-ChildPwsh -File $runbook -ExtraArguments '-Export', $export -Environment @{ ACHIEVEIT_BASE_URI = $sandbox.Uri; PSModulePath = $modules + [IO.Path]::PathSeparator + $env:PSModulePath }
        $out = $process.StandardOutput.ReadToEndAsync(); $err = $process.StandardError.ReadToEndAsync()
        $process.WaitForExit()
        $process.ExitCode | Should -Be 1
        $out.Result | Should -Match 'FAILED \(ApiKeyMissing'
        $out.Result + $err.Result | Should -Not -Match "$([char]27)\["
    }

    It 'the README says that a schedule needs PowerShell installed' {
        $readme | Should -Match 'dotnet pwsh`: that one is the repository''s own tool'
    }

    It 'about_AchieveIt and the release notes list every cmdlet and the install step' {
        $about = Get-Help about_AchieveIt | Out-String
        $notes = (Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../AchieveIt.psd1')).PrivateData.PSData.ReleaseNotes
        foreach ($cmdlet in (Get-Command -Module AchieveIt -CommandType Cmdlet).Name) {
            $about | Should -Match "\b$cmdlet\b" -Because "about_AchieveIt names $cmdlet"
            $notes | Should -Match "\b$cmdlet\b" -Because "the release notes name $cmdlet"
        }
        $about | Should -Match 'build.ps1 -Task Install'
        $notes | Should -Match 'build.ps1 -Task Install'
    }
}

Describe 'Small words' {
    It 'says "1 of 3 rows is invalid"' {
        $rows = @(New-Row 'KPI-1') + @(New-Row 'KPI-2' -Date 'bogus') + @(New-Row 'KPI-3')
        { $rows | Submit-AchieveItUpdates @connection -ErrorAction Stop } | Should -Throw '*1 of 3 rows is invalid*'
        { $rows | Export-AchieveItCsv (Join-Path $TestDrive 'x.csv') -ErrorAction Stop } | Should -Throw '*1 of 3 rows is invalid*'
    }

    It 'summarises repeated warnings of one kind after the first 20, with a count' {
        $rows = 1..300 | ForEach-Object { New-Row 'SAME' }
        $rows | Export-AchieveItCsv (Join-Path $TestDrive 'dups.csv') -Force -WarningVariable warnings -WarningAction SilentlyContinue
        @($warnings | Where-Object { "$_" -match 'appears again|DuplicateUpdate|twice|again' }).Count | Should -BeLessOrEqual 21
        $warnings.Count | Should -Be 21
        "$($warnings[-1])" | Should -Match '279 more DuplicateUpdate warnings .*299 in all'
    }
}

Describe '-Debug in a runbook' {
    BeforeEach { Reset-Sandbox $sandbox }

    It 'never prompts under -NonInteractive, and writes each exchange with the key redacted' {
        $script = @'
$key = ConvertTo-SecureString $Arguments.Key -AsPlainText -Force
$rows = 1..2 | ForEach-Object { [pscustomobject]@{ 'External ID' = "KPI-$_"; Status = 'On Track'; Value = $_; 'As Of Date' = '2026-11-28' } }
$records = $rows | Submit-AchieveItUpdates -ApiKey $key -BaseUri $Arguments.Uri -Debug -Wait -Timeout 60 5>&1
$jobs = @($records | Where-Object { $_ -is [AchieveIt.Job] })
$debug = @($records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] } | ForEach-Object Message)
$plan = @(Get-AchieveItPlanItem -PlanId $Arguments.PlanId -ApiKey $key -BaseUri $Arguments.Uri -Debug 5>$null).Count
[pscustomobject]@{ State = "$($jobs[0].State)"; Debug = $debug; Plan = $plan; Warned = @(Write-Output 1 | Where-Object { $false }).Count } | ConvertTo-Json -Depth 3
'@
        $result = Invoke-ChildPwsh -Script $script -Arguments @{ Key = $sandbox.Key; Uri = $sandbox.Uri; PlanId = $sandbox.PlanId }
        $result.State | Should -Be 'Succeeded'
        $result.Plan | Should -Be 7
        $all = $result.Debug -join "`n"
        $all | Should -Match 'POST http://127\.0\.0\.1:\d+/api/progressupdates/\S+ -> 200 OK in \d+ ms'
        $all | Should -Match 'GET http://127\.0\.0\.1:\d+/api/jobs/'
        $all | Should -Match 'Authorization: API-KEY \*\*\*\*'
        $all | Should -Match 'Content-Length: \d+'
        $all | Should -Not -Match ([regex]::Escape($sandbox.Key))
        $all | Should -Not -Match ([regex]::Escape($sandbox.Key.Substring(0, 12)))
    }

    It 'a warning under -Debug is written, not asked about' {
        $script = @'
$rows = 1..2 | ForEach-Object { [pscustomobject]@{ 'External ID' = 'SAME'; Status = 'On Track'; 'As Of Date' = '2026-11-28' } }
$rows | Export-AchieveItCsv -Path $Arguments.Path -Debug -WarningVariable warned 3>$null 5>$null
[pscustomobject]@{ Warned = @($warned).Count; Written = (Test-Path $Arguments.Path) } | ConvertTo-Json
'@
        $result = Invoke-ChildPwsh -Script $script -Arguments @{ Path = (Join-Path $TestDrive 'debug-dups.csv') }
        $result.Warned | Should -BeGreaterThan 0
        $result.Written | Should -BeTrue
    }
}

Describe 'What a new admin and an attacker found in the first cut' {
    BeforeAll {
        Add-Type -TypeDefinition 'public class ThrowingText { public override string ToString() { throw new System.Exception("tostring boom"); } }'
    }

    It 'New-AchieveItUpdate reads a hashtable''s keys (never as padding)' {
        $update = @{ Id = 'KPI-1'; Status = 'On Track'; Date = '2026-11-28' } | New-AchieveItUpdate -ErrorAction Stop -WarningVariable warnings
        $update.ExternalId | Should -Be 'KPI-1'
        $warnings | Should -BeNullOrEmpty
    }

    It 'a row whose values are all in columns no name matched is an error, not padding' {
        $semicolon = New-TestCsv 'semi.csv' "External ID;Status;Metric Value;As Of Date`r`nKPI-1;On Track;1;2026-11-28`r`n"
        { Import-Csv $semicolon | Submit-AchieveItUpdates @connection -ErrorAction Stop -WarningAction SilentlyContinue } | Should -Throw '*none in a column this command reads*'
        $null = Import-Csv $semicolon | New-AchieveItUpdate -ErrorVariable bad -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $bad.FullyQualifiedErrorId | Should -BeLike 'EmptyRow*'
        $bad[0].Exception.Message | Should -Match 'none in a column'
    }

    It 'a DataView piped the usual way is read as its rows with no warning' {
        $table = (New-KpiTable).Table
        $table.DefaultView | Export-AchieveItCsv (Join-Path $TestDrive 'view.csv') -Force -WarningVariable warnings -ErrorAction Stop
        $warnings | Should -BeNullOrEmpty
        @(Get-Content (Join-Path $TestDrive 'view.csv')).Count | Should -Be 3
    }

    It 'Export of nothing but empty rows says so' {
        $blank = 1..2 | ForEach-Object { [pscustomobject]@{ 'External ID' = ''; Status = ''; 'Metric Value' = ''; 'As Of Date' = '' } }
        $blank | Export-AchieveItCsv (Join-Path $TestDrive 'none.csv') -WarningVariable warnings -WarningAction SilentlyContinue
        "$warnings" | Should -Match 'held only empty rows \(2\)'
        Test-Path (Join-Path $TestDrive 'none.csv') | Should -BeFalse
    }

    It 'shows DataSet table names escaped and bounded' {
        $set = [System.Data.DataSet]::new()
        foreach ($i in 1..8) { $t = [System.Data.DataTable]::new("t$i$([char]27)[2J"); $set.Tables.Add($t) }
        $null = , $set | New-AchieveItUpdate -ErrorVariable bad -ErrorAction SilentlyContinue
        $bad[0].Exception.Message | Should -Not -Match ([regex]::Escape([string][char]27))
        $bad[0].Exception.Message | Should -Match 'and 3 more'
    }

    It 'a value whose ToString throws is PropertyUnreadable for its row; the command goes on to InvalidRows' {
        $rows = @([pscustomobject]@{ 'External ID' = ''; Status = ''; 'As Of Date' = '' }) + @([pscustomobject]@{ 'External ID' = [ThrowingText]::new(); Status = 'On Track'; 'As Of Date' = '2026-11-28' }) + @(New-Row 'KPI-1')
        { $rows | Export-AchieveItCsv (Join-Path $TestDrive 'boom.csv') -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidRows*'
        $null = $rows | New-AchieveItUpdate -ErrorVariable bad -ErrorAction SilentlyContinue
        $bad.FullyQualifiedErrorId | Should -Contain 'PropertyUnreadable,AchieveIt.PowerShell.Commands.NewAchieveItUpdateCommand'
    }

    It 'refuses a week date past 9999-12-31 as InvalidAsOfDate, never a crash' {
        { New-AchieveItUpdate -ExternalId KPI-1 -Status 'On Track' -AsOfDate '9999-W52-7' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidAsOfDate*'
    }

    It 'never shows a password written into a proxy address' {
        $context = Connect-AchieveIt -ApiKey (ConvertTo-TestKey $sandbox.Key) -BaseUri $sandbox.Uri -Proxy 'http://user:UriPass999@127.0.0.1:3128' -PassThru
        try {
            ($context | Format-List * | Out-String) + (Get-AchieveItConnection | ConvertTo-Json) | Should -Not -Match 'UriPass999'
            $context.ProxyHasCredential | Should -BeTrue
        } finally { Disconnect-AchieveIt }
    }
}
