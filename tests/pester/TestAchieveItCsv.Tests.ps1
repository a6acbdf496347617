BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
}

Describe 'Test-AchieveItCsv' {
    It 'passes the vendor file shape <Name>' -ForEach @(
        @{ Name = '4 columns, no header'; Text = "KPI-1,On Track,0.54,2025-07-03`r`nKPI-2,At Risk,,07/03/2025`r`n" }
        @{ Name = '4 columns with header'; Text = "External ID,Status,Current Metric Value,As Of Date`r`nKPI-1,On Track,.2,2025-07-03T14:30:00Z`r`n" }
        @{ Name = '5 columns with header'; Text = "External ID,Status,Current Metric Value,As Of Date,Comment`r`nKPI-1,Achieved,12,2025-07-03,`"a, b`"`r`n" }
        @{ Name = '4 columns, Metric Value'; Text = "External ID,Status,Metric Value,As Of Date`r`nKPI-1,Off Track,-3.5,07/03/2025`r`n" }
        @{ Name = '5 columns, Metric Value'; Text = "External ID,Status,Metric Value,As Of Date,Comment`r`nKPI-1,Not Started,,2025-07-03,`r`n" }
    ) {
        $result = Test-AchieveItCsv (New-TestCsv 'shape.csv' $Text)
        $result | Should -BeOfType ([AchieveIt.CsvTestResult])
        $result.IsValid | Should -BeTrue
        $result.Errors.Count | Should -Be 0
        $result.Warnings.Count | Should -Be 0
    }

    It 'reports every issue with line, column, value, code, severity and message' {
        $path = New-TestCsv 'bad.csv' "External ID,Status,Current Metric Value,As Of Date`r`nKPI-1,On-Track,20%,2025-07-03`r`n`r`nKPI-2,At Risk,1,2025-02-30`r`n"
        $result = Test-AchieveItCsv $path
        $result.IsValid | Should -BeFalse
        $result.RowCount | Should -Be 2
        $result.HasHeader | Should -BeTrue
        $result.Errors | ForEach-Object { "$($_.Code)@$($_.Line)/$($_.Column)" } | Should -Be @(
            'InvalidStatus@2/Status', 'InvalidMetricValue@2/Current Metric Value', 'EmptyRow@3/', 'InvalidAsOfDate@4/As Of Date')
        $first = $result.Errors[0]
        $first.Value | Should -Be 'On-Track'
        $first.Severity | Should -Be 'Error'
        $first.Message | Should -BeLike "*Did you mean 'On Track'*"
    }

    It 'expands wildcards in -Path and returns one result per file' {
        New-TestCsv 'a.csv' "K,On Track,1,2025-01-01`r`n" | Out-Null
        New-TestCsv 'b.csv' "K,Bogus,1,2025-01-01`r`n" | Out-Null
        $results = Test-AchieveItCsv (Join-Path $TestDrive '?.csv')
        $results.Count | Should -Be 2
        ($results | Sort-Object Path).IsValid | Should -Be @($true, $false)
    }

    It 'takes files from Get-ChildItem through -LiteralPath (PSPath)' {
        $folder = Join-Path $TestDrive 'gci'
        New-Item -ItemType Directory $folder | Out-Null
        [IO.File]::WriteAllText((Join-Path $folder 'x[1].csv'), "K,On Track,1,2025-01-01`r`n")
        [IO.File]::WriteAllText((Join-Path $folder 'y.csv'), "K,On Track,1,2025-01-01`r`n")
        $results = Get-ChildItem $folder -Filter *.csv | Test-AchieveItCsv
        $results.Count | Should -Be 2
        $results.IsValid | Should -Be @($true, $true)
    }

    It 'returns only $true or $false with -Quiet' {
        Test-AchieveItCsv (New-TestCsv 'q1.csv' "K,On Track,1,2025-01-01`r`n") -Quiet | Should -BeExactly $true
        Test-AchieveItCsv (New-TestCsv 'q2.csv' "K,Nope,1,2025-01-01`r`n") -Quiet | Should -BeExactly $false
    }

    It 'writes <Id> for <Case>, without an exception trace' -ForEach @(
        @{ Case = 'a missing file'; Id = 'PathNotFound'; Path = { Join-Path $TestDrive 'missing.csv' } }
        @{ Case = 'a folder'; Id = 'PathIsFolder'; Path = { $TestDrive } }
        @{ Case = 'a registry-like provider path'; Id = 'NotAFileSystemPath'; Path = { 'Env:\PATH' } }
    ) {
        $target = & $Path
        $out = Test-AchieveItCsv -LiteralPath $target -ErrorVariable errors -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $errors[0].TargetObject | Should -Be $target
    }

    It 'reports a #TYPE line from Windows PowerShell Export-Csv with the fix' {
        $path = New-TestCsv 'type.csv' "#TYPE System.Management.Automation.PSCustomObject`r`n`"External ID`",`"Status`",`"Current Metric Value`",`"As Of Date`"`r`n`"K`",`"On Track`",`"1`",`"2025-01-01`"`r`n"
        $result = Test-AchieveItCsv $path
        $result.Errors.Code | Should -Be 'TypeInformationLine'
        $result.Errors[0].Message | Should -BeLike '*-NoTypeInformation*'
    }
}
