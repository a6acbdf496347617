<#
.SYNOPSIS
    The main job, offline: rows -> New-AchieveItUpdate -> Export-AchieveItCsv -> Test-AchieveItCsv.
#>
param([Parameter(Mandatory)] [string] $ModulePath)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$work = Join-Path ([IO.Path]::GetTempPath()) ("achieveit-demo-" + [guid]::NewGuid().ToString('N'))
New-Item -ItemType Directory $work | Out-Null
try {
    # Rows as a KPI export or a SQL query would give them.
    $rows = @(
        [pscustomobject]@{ 'External ID' = 'KPI-REV-01'; Status = 'on track'; Value = 0.54; Date = '2026-11-28'; Comment = 'Q4 revenue ahead of plan' }
        [pscustomobject]@{ 'External ID' = 'KPI-NPS-02'; Status = 'At Risk'; Value = '42'; Date = [datetime]'2026-11-27'; Comment = 'Survey closes Friday, "final" numbers then' }
        [pscustomobject]@{ 'External ID' = 'KPI-HIRE-03'; Status = 'Not Started'; Value = $null; Date = '11/28/2026'; Comment = '' }
    )
    Write-Host '== 1. Rows -> New-AchieveItUpdate'
    $updates = $rows | New-AchieveItUpdate
    $updates | Format-Table ExternalId, Status, MetricValue, AsOfDate, Comment -AutoSize | Out-String -Width 120 | Write-Host

    $csv = Join-Path $work 'nightly.csv'
    Write-Host "== 2. Export-AchieveItCsv -> $csv"
    $updates | Export-AchieveItCsv -Path $csv
    Get-Content -LiteralPath $csv | Write-Host

    Write-Host '== 3. Test-AchieveItCsv on the file'
    $result = Test-AchieveItCsv -LiteralPath $csv
    $result | Format-List Path, IsValid, RowCount, HasHeader, Errors, Warnings | Out-String | Write-Host
    if (-not $result.IsValid) { throw 'The demo file should be valid.' }

    Write-Host '== 4. What a bad row looks like'
    [pscustomobject]@{ 'External ID' = 'KPI-X'; Status = 'Cancelled'; Value = '20%'; Date = '2026-13-01' } |
        New-AchieveItUpdate -ErrorAction SilentlyContinue -ErrorVariable problems | Out-Null
    $problems | ForEach-Object { Write-Host "  $($_.FullyQualifiedErrorId.Split(',')[0]): $($_.Exception.Message)" }
} finally {
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}
