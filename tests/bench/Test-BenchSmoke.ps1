<#
.SYNOPSIS
    The bench's smoke run (build.ps1 -Task Bench -Smoke; the hosted CI runs it beside the tests, never inside them):
    the benchmark script runs on a small input and gives every row of its table. Times are never judged here.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SandboxPath,
    [Parameter(Mandatory)] [string] $ContenderPath
)

$ErrorActionPreference = 'Stop'
$rows = @(& (Join-Path $PSScriptRoot 'Invoke-Bench.ps1') -ModulePath $ModulePath -SandboxPath $SandboxPath -ContenderPath $ContenderPath -Rows 2000 -SmallRows 500 -Runs 1 -PassThru 6>$null)
$failures = [Collections.Generic.List[string]]::new()
$checks = 0
function Confirm-Row([string] $Why, [scriptblock] $Test) {
    $script:checks++
    if (-not (& $Test)) { $failures.Add($Why) }
}
function Get-Row([string] $Like) { @($rows | Where-Object { $_.Benchmark -like $Like }) }

foreach ($size in 500, 2000) {
    foreach ($name in 'Import-Csv | Out-Null (the floor)', 'Import-Csv | Submit-LimitContender', 'Import-Csv | Submit-AchieveItUpdates (to the fast receiver)', 'Import-Csv | Submit-AchieveItUpdates -Format Json', 'By hand:') {
        $row = @($rows | Where-Object { $_.Benchmark -like "$name*$size rows*" -and $_.Benchmark -notlike '*fresh pwsh*' })
        Confirm-Row "one row for $name at $size rows, with a time" { $row.Count -eq 1 -and $row[0].Seconds -gt 0 }
    }
    Confirm-Row "the module's ratio at $size rows" { (Get-Row "Import-Csv | Submit-AchieveItUpdates (to the fast receiver), $size rows").Aim -match '^\d+\.\d\dx the limit \(aim <= 1\.15x the limit: (met|not met)\); \d+\.\d\dx the floor$' }
    Confirm-Row "the contender's ratio at $size rows" { (Get-Row "Import-Csv | Submit-LimitContender*, $size rows").Aim -match '^\d+\.\d\dx the floor$' }
}
Confirm-Row 'Submit -Path against curl on the fast receiver' { (Get-Row 'Submit-AchieveItUpdates -Path, the same file, to the fast receiver').Aim -match '^\d+\.\d\dx curl \(aim <= 3x curl: .*max\(Test, curl\) \(aim <= 1\.5x' }
Confirm-Row 'Submit -Path on the sandbox' { (Get-Row 'Submit-AchieveItUpdates -Path, the same file, to the sandbox').Aim -match 'max\(Test, curl\) \(aim <= 1\.5x' }
foreach ($name in 'curl --data-binary, the same file, to the fast receiver', 'curl --data-binary, the same file, to the sandbox') {
    Confirm-Row $name { @($rows | Where-Object Benchmark -EQ $name).Count -eq 1 }
}
Confirm-Row 'Test-AchieveItCsv in rows a second' { (Get-Row 'Test-AchieveItCsv, the 2000-row file*').Aim -match 'rows/s \(aim >= 1,000,000' }
foreach ($path in 'Import-Csv | Submit-AchieveItUpdates,', 'Submit-AchieveItUpdates -Path,', 'Test-AchieveItCsv,', 'Import-Csv | Export-AchieveItCsv,') {
    $row = Get-Row "$path 2000 rows, fresh pwsh"
    Confirm-Row "peak memory of $path" { $row.Count -eq 1 -and $row[0].'Peak MB' -gt 0 }
}
foreach ($name in 'curl, the 500-item plan', 'Invoke-RestMethod paging loop by hand', 'Get-AchieveItPlanItem, the same plan', '... -PlanItems plan.csv', '... -PlanId') {
    $row = Get-Row "$name*"
    Confirm-Row "the plan row $name" { $row.Count -eq 1 -and $row[0].Seconds -gt 0 }
}
Confirm-Row 'Get-AchieveItPlanItem against the hand loop' { (Get-Row 'Get-AchieveItPlanItem, the same plan').Aim -match 'the hand loop; \d+\.\d\dx \(aim <= 1\.5x' }
Confirm-Row 'Compare against Submit with the same plan' { (Get-Row 'Import-Csv | Compare-AchieveItUpdate -PlanItems (the same plan), the same rows').Aim -match '^\d+\.\d\dx that Submit \(aim <= 1\.2x' }
foreach ($name in 'Import-Csv | Compare-AchieveItUpdate -PlanItems plan.csv, 2000 rows against a 2000-item plan, fresh pwsh', 'Compare-AchieveItUpdate -LiteralPath, the same file and plan, fresh pwsh') {
    Confirm-Row "peak memory of $name" { $row = Get-Row $name; $row.Count -eq 1 -and $row[0].'Peak MB' -gt 0 }
}
Confirm-Row 'the plan read''s memory' { (Get-Row 'Get-AchieveItPlanItem, 500 items, fresh pwsh').Aim -match 'MB over 1,000 items' }

if ($failures.Count -gt 0) {
    $failures | ForEach-Object { Write-Host "missing or malformed: $_" }
    Write-Host "bench smoke: $($checks - $failures.Count) of $checks checks passed"
    exit 1
}
Write-Host "bench smoke: all $checks checks passed"
