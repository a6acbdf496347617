# Issue 13: the benchmark script itself runs, on a small input, and gives every row of its table. Times are
# printed by build.ps1 -Task Bench, never asserted here.
BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
}

Describe 'The benchmark script' -Tag 'Needs-PS7: the bench runs pwsh children and curl' {
    BeforeAll {
        $rows = @(& (Join-Path $PSScriptRoot '../bench/Invoke-Bench.ps1') -ModulePath $modulePath -SandboxPath $SandboxPath -Rows 2000 -SmallRows 500 -Runs 1 -PassThru 6>$null)
    }

    It 'measures floor, module, JSON and the hand-written script at both sizes' -ForEach @(@{ Size = 500 }, @{ Size = 2000 }) {
        foreach ($name in 'Import-Csv | Out-Null (the floor)', 'Import-Csv | Submit-AchieveItUpdates,', 'Import-Csv | Submit-AchieveItUpdates -Format Json', 'By hand:') {
            $row = @($rows | Where-Object { $_.Benchmark -like "$name*$Size rows*" -and $_.Benchmark -notlike '*fresh pwsh*' })
            $row.Count | Should -Be 1 -Because "$name at $Size rows"
            $row[0].Seconds | Should -BeGreaterThan 0
        }
        ($rows | Where-Object { $_.Benchmark -like "Import-Csv | Submit-AchieveItUpdates, $Size rows" }).Aim | Should -Match '^\d+\.\d\dx \(aim <= 1\.3x'
    }

    It 'compares Submit -Path with curl and gives Test-AchieveItCsv in rows a second' {
        ($rows | Where-Object Benchmark -Like 'Submit-AchieveItUpdates -Path, the same file').Aim | Should -Match '^\d+\.\d\dx \(aim <= 3x'
        ($rows | Where-Object Benchmark -Like 'Test-AchieveItCsv, the same file').Aim | Should -Match 'rows/s \(aim >= 1,000,000'
    }

    It 'gives the peak memory of every path in a fresh pwsh' {
        foreach ($path in 'Import-Csv | Submit-AchieveItUpdates,', 'Submit-AchieveItUpdates -Path,', 'Test-AchieveItCsv,', 'Import-Csv | Export-AchieveItCsv,') {
            $row = @($rows | Where-Object { $_.Benchmark -like "$path 2000 rows, fresh pwsh" })
            $row.Count | Should -Be 1 -Because $path
            $row[0].'Peak MB' | Should -BeGreaterThan 0
        }
    }

    It 'reads the plan three ways and measures Submit with and without the plan check' {
        foreach ($name in 'curl, the 500-item plan', 'Invoke-RestMethod paging loop by hand', 'Get-AchieveItPlanItem, the same plan', '... -PlanItems plan.csv', '... -PlanId') {
            $row = @($rows | Where-Object { $_.Benchmark -like "$name*" })
            $row.Count | Should -Be 1 -Because $name
            $row[0].Seconds | Should -BeGreaterThan 0
        }
        ($rows | Where-Object Benchmark -Like 'Get-AchieveItPlanItem, the same plan').Aim | Should -Match 'the hand loop; \d+\.\d\dx \(aim <= 1\.5x'
        ($rows | Where-Object Benchmark -Like 'Get-AchieveItPlanItem, 500 items, fresh pwsh').Aim | Should -Match 'MB over 1,000 items'
    }
}
