BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    # A plan of 3,500 items (three pages of 1,500): KPI-0001 ... KPI-3500, every seventh with a metric.
    $items = Join-Path $TestDrive 'items.csv'
    $lines = [System.Collections.Generic.List[string]]::new()
    $lines.Add('External ID,HasMetric,Name,Current Value')
    foreach ($i in 1..3500) { $lines.Add(('KPI-{0:D4},{1},Item {0},{2}' -f $i, ($i % 7 -eq 0).ToString().ToLowerInvariant(), ($i % 50))) }
    [IO.File]::WriteAllLines($items, $lines)
    $planId = '5a1d6b0e-8c3f-4b7a-9e21-3f0c2d4b6a10'
    $main = Start-TestSandbox -SandboxPath $SandboxPath -ItemsFile $items -ExtraKeys 'denied-key-0001' -ExtraArguments '--no-plan-access', 'denied-key-0001'
    $capped = Start-TestSandbox -SandboxPath $SandboxPath -ItemsFile $items -ExtraArguments '--plan-take-cap', '100', '--plan-shape', 'array', '--plan-spelling', 'snake'
    $pascal = Start-TestSandbox -SandboxPath $SandboxPath -ItemsFile $items -ExtraArguments '--plan-spelling', 'pascal'
    $broken = Start-TestSandbox -SandboxPath $SandboxPath -ItemsFile $items -ExtraArguments '--plan-take-cap', '100', '--plan-ignore-skip'
    function Connection($Sandbox) { @{ BaseUri = $Sandbox.Uri; ApiKey = (ConvertTo-TestKey $Sandbox.Key) } }
    $connection = Connection $main
    function Get-PlanRequest($Sandbox) { @(Invoke-SandboxApi $Sandbox -Path '/sandbox/requests') | Where-Object { $_.path -like '/plans/*' } }
    function New-Update([string[]] $Id, $Value = 1) { foreach ($one in $Id) { [pscustomobject]@{ 'External ID' = $one; Status = 'On Track'; 'Current Metric Value' = $Value; 'As Of Date' = '2026-11-28' } } }
    $cappedConnection = Connection $capped
    $pascalConnection = Connection $pascal
    $brokenConnection = Connection $broken
}

AfterAll {
    foreach ($s in $main, $capped, $pascal, $broken) { if ($s) { Stop-TestSandbox $s } }
}

Describe 'Get-AchieveItPlanItem' {
    BeforeEach { foreach ($s in $main, $capped, $pascal, $broken) { Reset-Sandbox $s } }

    It 'reads every item across page boundaries, none missing or repeated, as AchieveIt.PlanItem with every field kept' {
        $read = @(Get-AchieveItPlanItem -PlanId $planId @connection)
        $read.Count | Should -Be 3500
        @($read.ExternalId | Sort-Object -Unique).Count | Should -Be 3500
        $read[0] | Should -BeOfType ([AchieveIt.PlanItem])
        $read[0].PlanId | Should -Be $planId
        $read[6].HasMetric | Should -BeTrue
        $read[0].sequenceId | Should -Be 1 -Because 'a field with no typed property is kept under its own name'
        $read[0].level | Should -Be 1
        @(Get-PlanRequest $main).Count | Should -Be 3 -Because 'pages of 1,500 and a total'
    }

    It 'reads a server that caps take lower than asked, answers a bare array and spells fields with underscores' {
        $read = @(Get-AchieveItPlanItem -PlanId $planId @cappedConnection)
        $read.Count | Should -Be 3500
        @($read.ExternalId | Sort-Object -Unique).Count | Should -Be 3500
        $read[-1].ExternalId | Should -Be 'KPI-3500'
        $read[-1].Name | Should -Be 'Item 3500'
        @(Get-PlanRequest $capped).Count | Should -Be 36 -Because '35 short pages, then the empty page that ends a plan with no total'
    }

    It 'reads fields spelled ExternalID' {
        $read = @(Get-AchieveItPlanItem -PlanId $planId -First 3 @pascalConnection)
        $read.ExternalId | Should -Be 'KPI-0001', 'KPI-0002', 'KPI-0003'
    }

    It 'asks for one small page with -First, and skips with -Skip' {
        $read = @(Get-AchieveItPlanItem -PlanId $planId -First 10 -Skip 5 @connection)
        $read.Count | Should -Be 10
        $read[0].ExternalId | Should -Be 'KPI-0006'
        @(Get-PlanRequest $main).Count | Should -Be 1
    }

    It 'sorts with -SortBy and -Descending, and -SortBy tab-completes the documented keys' {
        $read = @(Get-AchieveItPlanItem -PlanId $planId -SortBy name -Descending -First 2 @connection)
        $read.Name | Should -Be 'Item 999', 'Item 998'
        $line = 'Get-AchieveItPlanItem -SortBy last'
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $completions | Should -Contain 'lastUpdated'
    }

    It 'binds PlanId by property name from the pipeline and writes the total with -IncludeTotalCount' {
        $read = @([pscustomobject]@{ PlanId = $planId } | Get-AchieveItPlanItem -First 1 -IncludeTotalCount @connection)
        $read[0].ToString() | Should -Match '3500'
        $read[1].ExternalId | Should -Be 'KPI-0001'
    }

    It 'is <Id> for <What>' -ForEach @(
        @{ Id = 'PlanForbidden'; What = 'a key whose user cannot see the plan (403)'; Key = 'denied-key-0001'; Plan = '5a1d6b0e-8c3f-4b7a-9e21-3f0c2d4b6a10'; Match = 'needs view access' }
        @{ Id = 'PlanNotFound'; What = 'a plan AchieveIt does not know (404)'; Key = $null; Plan = 'no-such-plan'; Match = "Copy Plan ID" }
    ) {
        $key = if ($Key) { ConvertTo-TestKey $Key } else { ConvertTo-TestKey $main.Key }
        $errors = $null
        $read = @(Get-AchieveItPlanItem -PlanId $Plan -BaseUri $main.Uri -ApiKey $key -ErrorVariable errors -ErrorAction SilentlyContinue)
        $read.Count | Should -Be 0
        $errors[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $errors[0].Exception.Message | Should -Match $Match
        $errors[0].Exception.Message | Should -Not -Match ([regex]::Escape($main.Key))
    }

    It 'is ApiKeyRefused for a 401' {
        Add-SandboxFault $main @{ target = 'plan'; action = 'status'; status = 401; count = 1 }
        { Get-AchieveItPlanItem -PlanId $planId @connection } | Should -Throw -ErrorId 'ApiKeyRefused,*'
    }

    It 'waits out a 503 with Retry-After and reads the plan' {
        Add-SandboxFault $main @{ target = 'plan'; action = 'status'; status = 503; retryAfter = '1'; count = 1 }
        @(Get-AchieveItPlanItem -PlanId $planId -First 5 @connection).Count | Should -Be 5
        @(Get-PlanRequest $main).Count | Should -Be 2
    }

    It 'stops with PlanPagingBroken when the server ignores skip, after writing the first page' {
        $errors = $null
        $read = @(Get-AchieveItPlanItem -PlanId $planId @brokenConnection -ErrorVariable errors -ErrorAction SilentlyContinue)
        $read.Count | Should -Be 100
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'PlanPagingBroken,*'
        @(Get-PlanRequest $broken).Count | Should -Be 2
    }

    It 'is PlanAnswerInvalid for an answer that is not a page' {
        Add-SandboxFault $main @{ target = 'plan'; action = 'status'; status = 200; bodyBytes = 100; count = 1 }
        $errors = $null
        Get-AchieveItPlanItem -PlanId $planId @connection -ErrorVariable errors -ErrorAction SilentlyContinue | Out-Null
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'PlanAnswerInvalid,*'
        $errors[0].Exception.Message | Should -Match 'is not JSON.*It began'
    }

    It 'refuses a page over the size limit without buffering it' {
        Add-SandboxFault $main @{ target = 'plan'; action = 'status'; status = 200; bodyBytes = 40MB; count = 1 }
        $errors = $null
        Get-AchieveItPlanItem -PlanId $planId @connection -ErrorVariable errors -ErrorAction SilentlyContinue | Out-Null
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'PlanAnswerInvalid,*'
        $errors[0].Exception.Message | Should -Match 'larger than 32 MiB'
    }

    It 'serves more plans when the items file names them, and reads several plan IDs one after another' {
        $two = Join-Path $TestDrive 'two-plans.csv'
        [IO.File]::WriteAllText($two, "Plan ID,External ID,HasMetric`r`nplan-a,A-1,true`r`nplan-a,A-2,false`r`nplan-b,B-1,false`r`n")
        $both = Start-TestSandbox -SandboxPath $SandboxPath -ItemsFile $two
        try {
            $bothConnection = Connection $both
            (Get-AchieveItPlanItem -PlanId plan-a @bothConnection).ExternalId | Should -Be 'A-1', 'A-2'
            $read = @(Get-AchieveItPlanItem -PlanId plan-a, plan-b @bothConnection)
            $read.ExternalId | Should -Be 'A-1', 'A-2', 'B-1'
            $read[-1].PlanId | Should -Be 'plan-b'
            $job = [pscustomobject]@{ 'External ID' = 'B-1'; Status = 'On Track'; 'As Of Date' = '2026-11-28' } | Submit-AchieveItUpdates -PlanId plan-a, plan-b @bothConnection -Wait
            $job.State | Should -Be 'Succeeded'
        } finally { Stop-TestSandbox $both }
    }

    It 'makes, with Export-Csv, a plan file that -PlanItems reads back' {
        $file = Join-Path $TestDrive 'plan.csv'
        Get-AchieveItPlanItem -PlanId $planId @connection | Export-Csv $file -NoTypeInformation
        (Get-Content $file -TotalCount 1) | Should -Match '"ExternalId"'
        $result = New-Update 'KPI-0012', 'KPI-0O13', 'KPI-0014' | Submit-AchieveItUpdates -PlanItems $file @connection -SkipInvalid -WarningVariable warnings -WarningAction SilentlyContinue
        $result.RowCount | Should -Be 2
        ($warnings -join ' ') | Should -Match "Did you mean 'KPI-0013'"
    }
}

Describe 'Checking updates against the plan' {
    BeforeAll {
        $planFile = Join-Path $TestDrive 'small-plan.csv'
        [IO.File]::WriteAllText($planFile, "External ID,HasMetric`r`nKPI-101,true`r`nKPI-102,false`r`nChurn Rate,false`r`n")
    }
    BeforeEach { Reset-Sandbox $main }

    It 'Submit -PlanId sends nothing when one row is unknown, and names the row and the closest ID' {
        $errors = $null
        New-Update 'KPI-0001', 'KPI-0O02', 'KPI-0003' | Submit-AchieveItUpdates -PlanId $planId @connection -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        @(Get-SandboxRequest $main).Count | Should -Be 0
        $unknown = @($errors | Where-Object { $_.FullyQualifiedErrorId -like 'UnknownExternalId,*' })
        $unknown.Count | Should -Be 1
        $unknown[0].Exception.Message | Should -Match "Input row 2.*'KPI-0O02'.*Did you mean 'KPI-0002'"
    }

    It 'Submit -PlanId sends when every row is known, and the job succeeds' {
        $job = New-Update 'KPI-0001', 'KPI-0002' | Submit-AchieveItUpdates -PlanId $planId @connection -Wait
        $job.State | Should -Be 'Succeeded'
    }

    It 'sends nothing when the plan cannot be read' {
        { New-Update 'KPI-0001' | Submit-AchieveItUpdates -PlanId 'no-such-plan' @connection } | Should -Throw -ErrorId 'PlanNotFound,*'
        @(Get-SandboxRequest $main).Count | Should -Be 0
    }

    It 'under ErrorAction Stop names every unknown row in one InvalidRows error' {
        $caught = $null
        try { New-Update 'KPI-101', 'KPI-1O1', 'kpi-102', ' Churn Rate', 'Churn  Rate' | Submit-AchieveItUpdates -PlanItems $planFile @connection -ErrorAction Stop } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'InvalidRows,*'
        # ' Churn Rate' is row 4's External ID trimmed, as every rule reads it: known.
        $caught.Exception.Message | Should -Match 'Nothing was sent: 3 of 5 rows are invalid'
        foreach ($expected in "Input row 2.*Did you mean 'KPI-101'", "Input row 3.*Did you mean 'KPI-102'", "Input row 5.*Did you mean 'Churn Rate'") {
            $caught.Exception.Message | Should -Match $expected
        }
        @(Get-SandboxRequest $main).Count | Should -Be 0
    }

    It 'sends only the known rows with -SkipInvalid and says how many were left out' {
        $job = New-Update 'KPI-0001', 'nope', 'KPI-0002' | Submit-AchieveItUpdates -PlanId $planId @connection -SkipInvalid -WarningVariable warnings -WarningAction SilentlyContinue
        $job.RowCount | Should -Be 2
        ($warnings -join ' ') | Should -Match '1 of 3 rows was invalid and is left out'
    }

    It 'needs a metric value for an item the plan says has a metric (MissingMetricValue)' {
        $result = Test-AchieveItCsv (New-TestCsv 'm.csv' "External ID,Status,Metric Value,As Of Date`r`nKPI-101,On Track,,2026-11-28`r`nKPI-102,On Track,,2026-11-28`r`n") -PlanItems $planFile
        $result.Errors.Code | Should -Be 'MissingMetricValue'
        $result.Errors.Line | Should -Be 2
    }

    It 'takes the plan as <What>' -ForEach @(
        @{ What = 'strings'; Plan = { 'KPI-101', 'KPI-102' } }
        @{ What = 'Import-Csv rows'; Plan = { Import-Csv $planFile } }
        @{ What = 'Get-AchieveItPlanItem output'; Plan = { Get-AchieveItPlanItem -PlanId $planId -First 5 @connection } }
        @{ What = 'hashtables'; Plan = { @{ ExternalId = 'KPI-101' }, @{ 'External ID' = 'KPI-102' } } }
    ) {
        $known = if ($What -eq 'Get-AchieveItPlanItem output') { 'KPI-0001' } else { 'KPI-101' }
        $plan = & $Plan
        $result = Test-AchieveItCsv (New-TestCsv 'p.csv' "External ID,Status,Metric Value,As Of Date`r`n$known,On Track,1,2026-11-28`r`nKPI-999x,On Track,1,2026-11-28`r`n") -PlanItems $plan
        $result.Errors.Code | Should -Be 'UnknownExternalId'
        $result.Errors.Line | Should -Be 3
    }

    It 'checks a file sent as it is (-Path) and New-AchieveItUpdate and Export-AchieveItCsv rows' {
        $file = New-TestCsv 'send.csv' "External ID,Status,Metric Value,As Of Date`r`nKPI-1O1,On Track,1,2026-11-28`r`n"
        { Submit-AchieveItUpdates -Path $file -PlanItems $planFile @connection -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidRows,*'
        $errors = $null
        New-AchieveItUpdate -ExternalId 'KPI-1O1' -Status 'On Track' -MetricValue 1 -AsOfDate 2026-11-28 -PlanItems $planFile -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'UnknownExternalId,*'
        { New-Update 'KPI-1O1' | Export-AchieveItCsv (Join-Path $TestDrive 'out.csv') -PlanItems $planFile -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidRows,*'
        Test-Path (Join-Path $TestDrive 'out.csv') | Should -BeFalse
        @(Get-SandboxRequest $main).Count | Should -Be 0
    }

    It 'refuses a plan file that is itself wrong (<Case>) before anything is sent' -ForEach @(
        @{ Case = 'missing'; Text = $null; Match = 'does not exist' }
        @{ Case = 'empty'; Text = ''; Match = 'is empty' }
        @{ Case = 'no External ID column'; Text = "Name,Status`r`nA,On Track`r`n"; Match = 'has no External ID column' }
        @{ Case = 'an ID twice'; Text = "External ID`r`nKPI-1`r`nKPI-1`r`n"; Match = 'twice' }
        @{ Case = 'semicolons'; Text = "External ID;HasMetric`r`nKPI-1;true`r`n"; Match = 'semicolons' }
    ) {
        $path = Join-Path $TestDrive "bad-plan-$($Case -replace '\W', '-').csv"
        if ($null -ne $Text) { [IO.File]::WriteAllText($path, $Text) }
        $caught = $null
        try { New-Update 'KPI-1' | Submit-AchieveItUpdates -PlanItems $path @connection } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'PlanItemsInvalid,*'
        $caught.Exception.Message | Should -Match $Match
        @(Get-SandboxRequest $main).Count | Should -Be 0
    }

    It 'refuses a $null or empty plan outright, reads a plan named twice once, and bounds the plan read by -Timeout' {
        { New-Update 'KPI-1' | Submit-AchieveItUpdates -PlanId $null @connection } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { New-Update 'KPI-1' | Submit-AchieveItUpdates -PlanItems @() @connection } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        (New-Update 'KPI-0001' | Submit-AchieveItUpdates -PlanId $planId, $planId @connection).JobId | Should -Not -BeNullOrEmpty
        Reset-Sandbox $main
        Add-SandboxFault $main @{ target = 'plan'; action = 'delay'; delayMs = 20000; count = 10 }
        $clock = [Diagnostics.Stopwatch]::StartNew()
        { New-Update 'KPI-0001' | Submit-AchieveItUpdates -PlanId $planId -Timeout 2 @connection } | Should -Throw -ErrorId 'PlanUnavailable,*'
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 10
        @(Get-SandboxRequest $main | Where-Object method -EQ 'POST').Count | Should -Be 0
    }

    It 'refuses -PlanId and -PlanItems together' {
        { New-Update 'KPI-1' | Submit-AchieveItUpdates -PlanId $planId -PlanItems $planFile @connection } | Should -Throw -ErrorId 'PlanItemsInvalid,*'
    }

    It 'agrees with the sandbox: every row it would fail is caught before sending, and none it accepts is refused' {
        $agreement = Start-TestSandbox -SandboxPath $SandboxPath -ItemsFile $planFile
        try {
            $cases = 'KPI-101', 'KPI-102', 'Churn Rate', 'kpi-101', 'KPI-1O1', ' KPI-102', 'Churn  Rate', 'KPI-103', 'Something else'
            $sent = foreach ($id in $cases) {
                foreach ($value in 1, '') {
                    $file = New-TestCsv "agree-$([guid]::NewGuid().ToString('N')).csv" ("External ID,Status,Metric Value,As Of Date`r`n""$id"",On Track,$value,2026-11-28`r`n")
                    $offline = Test-AchieveItCsv $file -PlanItems $planFile -Quiet
                    $job = Submit-AchieveItUpdates -Path $file -Force -BaseUri $agreement.Uri -ApiKey (ConvertTo-TestKey $agreement.Key)
                    [pscustomobject]@{ Id = $id; Value = $value; Offline = $offline; Job = $job }
                }
            }
            $sent.Job | Wait-AchieveItJob -Timeout 60 -ErrorAction SilentlyContinue | Out-Null
            @($sent | Where-Object Offline).Count | Should -BeGreaterThan 2
            @($sent | Where-Object { -not $_.Offline }).Count | Should -BeGreaterThan 2
            foreach ($case in $sent) {
                $state = (Get-AchieveItJob -JobId $case.Job.JobId -BaseUri $agreement.Uri -ApiKey (ConvertTo-TestKey $agreement.Key)).State
                ($state -eq 'Succeeded') | Should -Be $case.Offline -Because "'$($case.Id)' with metric '$($case.Value)': the sandbox said $state"
            }
        } finally { Stop-TestSandbox $agreement }
    }
}
