# Issue 13: the benchmark script itself runs, on a small input, and gives every row of its table. Times are
# printed by build.ps1 -Task Bench, never asserted here.
BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
}

Describe 'The benchmark script' -Tag 'Needs-PS7: the bench runs pwsh children and curl' {
    BeforeAll {
        # The limit contender is built beside the module (out/bench/contender), never shipped in it.
        $contender = Join-Path (Split-Path (Split-Path $modulePath)) 'bench/contender/AchieveIt.Bench.Contender.dll'
        $rows = @(& (Join-Path $PSScriptRoot '../bench/Invoke-Bench.ps1') -ModulePath $modulePath -SandboxPath $SandboxPath -ContenderPath $contender -Rows 2000 -SmallRows 500 -Runs 1 -PassThru 6>$null)
    }

    It 'measures the floor, the limit contender, the module, JSON and the hand-written script at both sizes' -ForEach @(@{ Size = 500 }, @{ Size = 2000 }) {
        foreach ($name in 'Import-Csv | Out-Null (the floor)', 'Import-Csv | Submit-LimitContender', 'Import-Csv | Submit-AchieveItUpdates (to the fast receiver)', 'Import-Csv | Submit-AchieveItUpdates -Format Json', 'By hand:') {
            $row = @($rows | Where-Object { $_.Benchmark -like "$name*$Size rows*" -and $_.Benchmark -notlike '*fresh pwsh*' })
            $row.Count | Should -Be 1 -Because "$name at $Size rows"
            $row[0].Seconds | Should -BeGreaterThan 0
        }
        ($rows | Where-Object { $_.Benchmark -like "Import-Csv | Submit-AchieveItUpdates (to the fast receiver), $Size rows" }).Aim | Should -Match '^\d+\.\d\dx the limit \(aim <= 1\.15x the limit: (met|not met)\); \d+\.\d\dx the floor$'
        ($rows | Where-Object { $_.Benchmark -like "Import-Csv | Submit-LimitContender*, $Size rows" }).Aim | Should -Match '^\d+\.\d\dx the floor$'
    }

    It 'compares Submit -Path with curl on the fast receiver and on the sandbox, and gives Test-AchieveItCsv in rows a second' {
        ($rows | Where-Object Benchmark -Like 'Submit-AchieveItUpdates -Path, the same file, to the fast receiver').Aim | Should -Match '^\d+\.\d\dx curl \(aim <= 3x curl: .*max\(Test, curl\) \(aim <= 1\.5x'
        ($rows | Where-Object Benchmark -Like 'Submit-AchieveItUpdates -Path, the same file, to the sandbox').Aim | Should -Match 'max\(Test, curl\) \(aim <= 1\.5x'
        foreach ($name in 'curl --data-binary, the same file, to the fast receiver', 'curl --data-binary, the same file, to the sandbox') {
            @($rows | Where-Object Benchmark -EQ $name).Count | Should -Be 1 -Because $name
        }
        ($rows | Where-Object Benchmark -Like 'Test-AchieveItCsv, the 2000-row file*').Aim | Should -Match 'rows/s \(aim >= 1,000,000'
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
