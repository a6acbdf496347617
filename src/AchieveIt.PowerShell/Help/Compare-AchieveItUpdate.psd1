@{
    Synopsis    = 'Shows what progress updates would change in AchieveIt, item by item, against the plan as it is now; sends nothing.'
    Description = @'
Compare-AchieveItUpdate takes what Submit-AchieveItUpdates takes (pipeline rows with -DateOrder, or -Path/-LiteralPath files) and a plan: -PlanId (read from AchieveIt now, as Submit -PlanId reads it) or -PlanItems (Get-AchieveItPlanItem output, or a plan CSV or objects with External ID, Status, Current Value and Last Updated). It sends nothing and writes no journal.

Rows are checked with every rule Test-AchieveItCsv and Submit-AchieveItUpdates use, the plan check included: a row that breaks one, or names an External ID the plan does not have, is the same error, not a change. Each valid row becomes one AchieveIt.UpdateChange: ExternalId, Name, ChangeType, StatusBefore, StatusAfter, ValueBefore, ValueAfter, ValueChange (after minus before), LastUpdated, AsOfDate, Comment, Address (the input row, or the file's line) and PlanId.

ChangeType is one of: Modify (the status or the value differs, or the row carries a comment), NoChange (the same status, compared as AchieveIt compares them, in any case, and the same value, compared as numbers: 0.45 is 0.450; only the as-of date would move), Older (the row's As Of Date is before the item's last update, whatever else it changes) and NotCompared (the plan gave no status or no value where the row has one, so nothing can be said; never NoChange). A field the row does not carry is not compared. A second row of one item is compared with the item as the first row leaves it. A plan file's values are read as AchieveIt writes them, or else as this session's culture wrote them (Export-Csv); a value neither reads is a warning, and the rows it would decide are NotCompared. A -Path file with an invalid row is not compared (Submit would not send it); Get-ChildItem output piped in is compared as files. The table shows a symbol per type (~ Modify, = NoChange, ! Older, ? NotCompared), before -> after, and the value's change; the views write no colour codes, so a log or a host without colour reads the same symbols. -ExcludeChangeType leaves types out of the output.
'@
    Inputs      = @(
        @{ Type = 'System.Management.Automation.PSObject'; Description = 'Rows: AchieveIt.ProgressUpdate objects, Import-Csv rows, DataRows, hashtables or any object with the column properties.' }
    )
    Outputs     = @(
        @{ Type = 'AchieveIt.UpdateChange'; Description = 'One object per valid row: what it would change in its plan item.' }
    )
    Defaults    = @{ Environment = 'Commercial (or Connect-AchieveIt / ACHIEVEIT_ENVIRONMENT)'; ApiKey = 'Connect-AchieveIt, then ACHIEVEIT_API_KEY'; BaseUri = 'The environment''s address'; Proxy = 'The system proxy'; Timeout = 'No limit'; UpdateType = 'Progress' }
    Examples    = @(
        @{
            Title   = 'See what tonight''s export would change before it is sent'
            Code    = @'
@(
    [pscustomobject]@{ ExternalId = 'KPI-1'; Status = 'At Risk'; Value = 2; Date = '2026-11-28' }
    [pscustomobject]@{ ExternalId = 'KPI-2'; Status = 'On Track'; Value = 1; Date = '2026-11-28' }
) | Compare-AchieveItUpdate -PlanId 5a1d6b0e-8c3f-4b7a-9e21-3f0c2d4b6a10
'@
            Remarks = 'One line per row: ~ for a change, = for a row that changes nothing, ! for a row older than the item''s last update, ? where the plan gives nothing to compare with.'
            Sandbox = $true
        }
        @{
            Title   = 'Only the rows that change something, from a file, against a plan file'
            Code    = @'
Get-AchieveItPlanItem -PlanId 5a1d6b0e-8c3f-4b7a-9e21-3f0c2d4b6a10 | Export-Csv ./plan.csv -NoTypeInformation
[IO.File]::WriteAllText("$PWD/kpis.csv", "External ID,Status,Current Metric Value,As Of Date`r`nKPI-1,At Risk,2,2026-11-28`r`n")
Compare-AchieveItUpdate -Path ./kpis.csv -PlanItems ./plan.csv -ExcludeChangeType NoChange
'@
            Remarks = 'The plan file needs Status, Current Value and Last Updated columns beside External ID for the comparison; Get-AchieveItPlanItem output exported as CSV has them.'
            Sandbox = $true
        }
    )
}
