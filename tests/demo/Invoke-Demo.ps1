<#
.SYNOPSIS
    The main job, end to end against a local sandbox:
    the plan read from AchieveIt (Get-AchieveItPlanItem), an unknown External ID caught offline with its suggestion,
    then rows -> New-AchieveItUpdate -> Test-AchieveItCsv (on the CSV it would send) -> Compare-AchieveItUpdate (what it
    would change) -> Submit-AchieveItUpdates -PlanId -> Wait-AchieveItJob -> Compare-AchieveItUpdate again (nothing left to change).
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SandboxPath
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot '../common/Sandbox.ps1')
# The demo keeps a journal of its own, so it never touches yours and can run any number of times.
$env:ACHIEVEIT_JOURNAL_PATH = Join-Path ([IO.Path]::GetTempPath()) ('achieveit-demo-journal-' + [guid]::NewGuid().ToString('N'))
Import-Module $ModulePath

Write-Host '== Starting a sandbox AchieveIt API on a free loopback port (throw-away key and database, and a plan of four items)'
$work = Join-Path ([IO.Path]::GetTempPath()) ("achieveit-demo-" + [guid]::NewGuid().ToString('N'))
New-Item -ItemType Directory $work | Out-Null
$items = Join-Path $work 'plan-items.csv'
[IO.File]::WriteAllText($items, "External ID,HasMetric,Name,Status`r`nKPI-REV-01,true,Q4 revenue,On Track`r`nKPI-NPS-02,true,Net promoter score,At Risk`r`nKPI-HIRE-03,false,Hiring plan,Not Started`r`nKPI-CHURN-04,true,Churn,On Track`r`n")
$sandbox = Start-SandboxProcess -SandboxPath $SandboxPath -ProcessingDelayMs 1500 -ItemsFile $items
try {
    Write-Host "   $($sandbox.Uri)"
    # In a real runbook the key comes from SecretManagement or an Automation credential, never from the script.
    Connect-AchieveIt -ApiKey (ConvertTo-SecureString $sandbox.Key -AsPlainText -Force) -BaseUri $sandbox.Uri

    # Rows as a KPI export or a SQL query gives them.
    $rows = @(
        [pscustomobject]@{ 'External ID' = 'KPI-REV-01'; Status = 'on track'; Value = 0.54; Date = '2026-11-28'; Comment = 'Q4 revenue ahead of plan' }
        [pscustomobject]@{ 'External ID' = 'KPI-NPS-02'; Status = 'At Risk'; Value = '42'; Date = [datetime]'2026-11-27'; Comment = 'Survey closes Friday, "final" numbers then' }
        [pscustomobject]@{ 'External ID' = 'KPI-HIRE-03'; Status = 'Not Started'; Value = $null; Date = '11/28/2026'; Comment = '' }
    )

    Write-Host "== 0. The plan, read from AchieveIt: Get-AchieveItPlanItem -PlanId $($sandbox.PlanId)"
    $plan = Get-AchieveItPlanItem -PlanId $sandbox.PlanId
    $plan | Format-Table | Out-String -Width 120 | Write-Host

    Write-Host '== 0b. A typo in an External ID is caught before anything is sent, with the closest known ID'
    $typo = [pscustomobject]@{ 'External ID' = 'KPI-REV-O1'; Status = 'On Track'; Value = 1; Date = '2026-11-28' }
    $typo | New-AchieveItUpdate -PlanItems $plan -ErrorAction SilentlyContinue -ErrorVariable typoErrors | Out-Null
    $typoErrors | ForEach-Object { Write-Host "   $($_.FullyQualifiedErrorId.Split(',')[0]): $($_.Exception.Message)" }
    if (-not ($typoErrors | Where-Object { $_.FullyQualifiedErrorId -like 'UnknownExternalId,*' })) { throw 'The demo typo should be UnknownExternalId.' }

    Write-Host '== 1. Rows -> New-AchieveItUpdate'
    $updates = $rows | New-AchieveItUpdate
    $updates | Format-Table | Out-String -Width 120 | Write-Host

    Write-Host '== 2. Test-AchieveItCsv on the exact CSV Submit will send (Export-AchieveItCsv writes it)'
    $csv = Join-Path $work 'nightly.csv'
    $updates | Export-AchieveItCsv -Path $csv
    Get-Content -LiteralPath $csv | ForEach-Object { Write-Host "   $_" }
    $check = Test-AchieveItCsv -LiteralPath $csv
    $check | Format-Table | Out-String -Width 120 | Write-Host
    if (-not $check.IsValid) { throw 'The demo file should be valid.' }

    Write-Host '== 2b. What the rows would change in the plan, before anything is sent: Compare-AchieveItUpdate -PlanId'
    Write-Host '   (~ changes something, = changes nothing, ! older than the item''s last update, ? the plan has nothing to compare with)'
    $updates | Compare-AchieveItUpdate -PlanId $sandbox.PlanId | Format-Table | Out-String -Width 120 | Write-Host

    Write-Host '== 2c. The same listing from Submit-AchieveItUpdates -PlanId -WhatIf, with its summary (nothing is sent)'
    $updates | Submit-AchieveItUpdates -FileName 'nightly.csv' -PlanId $sandbox.PlanId -WhatIf

    Write-Host '== 3. Submit-AchieveItUpdates -PlanId (every row checked against the live plan first) | Wait-AchieveItJob'
    $job = $updates | Submit-AchieveItUpdates -FileName 'nightly.csv' -PlanId $sandbox.PlanId | Wait-AchieveItJob
    $job | Format-List JobId, State, StatusCode, FileName, RowCount, SubmittedAt, CompletedAt, Message | Out-String | Write-Host
    if ($job.State -ne 'Succeeded') { throw "The demo job should succeed; it is $($job.State)." }

    Write-Host '== 4. What the sandbox applied'
    $applied = Invoke-RestMethod -Uri "$($sandbox.Uri)/sandbox/updates" -Headers @{ Authorization = "API-KEY $($sandbox.Key)" } | ForEach-Object { $_ }
    $applied | Format-Table externalId, status, metricValue, asOfDate, comment | Out-String -Width 120 | Write-Host

    Write-Host '== 4b. Compared again now that AchieveIt has them: every status and value is what was sent'
    $again = @($updates | Select-Object ExternalId, Status, MetricValue, AsOfDate | Compare-AchieveItUpdate -PlanId $sandbox.PlanId)
    $again | Format-Table | Out-String -Width 120 | Write-Host
    if (@($again | Where-Object ChangeType -NE 'NoChange').Count -gt 0) { throw 'After the job, every row should change nothing.' }

    Write-Host '== 5. A bad row stops the whole submission, and says why'
    $bad = @($rows) + [pscustomobject]@{ 'External ID' = 'KPI-X'; Status = 'Cancelled'; Value = '20%'; Date = '2026-13-01' }
    $bad | Submit-AchieveItUpdates -ErrorAction SilentlyContinue -ErrorVariable problems | Out-Null
    $problems | ForEach-Object { Write-Host "   $($_.FullyQualifiedErrorId.Split(',')[0]): $($_.Exception.Message)" }

    Write-Host ''
    Write-Host '== What to do next'
    Write-Host '   1. Install the module for your account:   dotnet pwsh ./build.ps1 -Task Install   (then: Import-Module AchieveIt)'
    Write-Host '   2. Connect once a session:                 Connect-AchieveIt -ApiKey (Read-Host -AsSecureString "AchieveIt API key")'
    Write-Host '   3. Check your own export offline:          Test-AchieveItCsv ./kpis.csv   (or: Import-Csv ./kpis.csv | Export-AchieveItCsv ./check.csv)'
    Write-Host '   4. See what it would change, then send it: Import-Csv ./kpis.csv | Submit-AchieveItUpdates -PlanId <plan id> -WhatIf'
    Write-Host '                                              Import-Csv ./kpis.csv | Submit-AchieveItUpdates -PlanId <plan id> -Wait'
    Write-Host '      (only what changes an item:             ... -ExcludeChangeType NoChange, Older -Wait)'
    Write-Host '   5. Schedule it: the README''s Runbooks section has the runbook, and Task Scheduler, cron and Azure Automation lines.'
} finally {
    Disconnect-AchieveIt
    Stop-SandboxProcess $sandbox
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}
