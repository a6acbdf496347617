@{
    Synopsis    = 'Gets the items of AchieveIt plans from the plan export, a page at a time, with their External IDs and current values.'
    Description = @'
Get-AchieveItPlanItem reads a plan's items from AchieveIt's plan export (GET {base}/plans/{planId}/items, a beta API), with the same key, environment and address as every other cmdlet (-ApiKey, Connect-AchieveIt, ACHIEVEIT_API_KEY; the key never goes to another origin). It asks for pages of 1,500 items and writes each page's items as it arrives, so memory does not grow with the plan; a progress bar counts pages and items. A page shorter than asked is not taken for the end (a server may cap a page lower than the vendor's article says); an empty page, or the total the answer gives, is. A page that repeats the one before (a server that ignores skip) stops the read with PlanPagingBroken instead of looping. Every answer is bounded: JSON at most 64 levels deep, at most 10,000 items in one answer, no field over 64 KiB (PlanAnswerInvalid); a total the pages contradict is not trusted (a warning says so); a whole plan stops at 1 GiB of answers or 30 minutes, and a plan export that brings fewer than 100 new items in 5 minutes has stalled (PlanUnavailable). Fields named as PowerShell's own members (PSObject, psbase, ToString) stay in GetFields().

Each item is an AchieveIt.PlanItem: PlanId, ExternalId (empty when the item has none), Name, Status, CurrentValue, Target, Baseline, Level, AssignedTo, Start, Due, LastUpdated and HasMetric when the answer gives them, and every other field of the answer as a property under the name AchieveIt gave it (GetFields() returns them all). The vendor does not document the answer's field names: a bare array or an object holding one (items, data, planItems, results) is read, and names are matched ignoring case, spaces and underscores.

The output is what -PlanItems takes: Get-AchieveItPlanItem -PlanId $id | Export-Csv plan.csv makes a plan file that Submit-AchieveItUpdates -PlanItems ./plan.csv reads back (its column is ExternalId). Submit-AchieveItUpdates -PlanId reads the plan itself.

Errors: PlanForbidden (403: the key's user cannot see the plan), PlanNotFound (404: check the ID and the path; the older form of the export is exports/plans/{planId}, set with ACHIEVEIT_PLAN_PATH), PlanAnswerInvalid (not JSON, no array, or a page over 32 MiB), PlanPagingBroken, PlanUnavailable (the server still failing after retries, or -Timeout); 401 is ApiKeyRefused. 429 and 503 are retried, honouring Retry-After.
'@
    Inputs      = @(
        @{ Type = 'System.String'; Description = 'Plan IDs, by value or by a PlanId property.' }
    )
    Outputs     = @(
        @{ Type = 'AchieveIt.PlanItem'; Description = 'One object per plan item, with every field of the answer.' }
    )
    Defaults    = @{ Environment = 'Commercial (or Connect-AchieveIt / ACHIEVEIT_ENVIRONMENT)'; ApiKey = 'Connect-AchieveIt, then ACHIEVEIT_API_KEY'; BaseUri = 'The environment''s address'; Proxy = 'The system proxy'; Timeout = 'No limit' }
    Examples    = @(
        @{
            Title   = 'List a plan''s items'
            Code    = @'
Get-AchieveItPlanItem -PlanId 5a1d6b0e-8c3f-4b7a-9e21-3f0c2d4b6a10 | Format-Table ExternalId, Status, CurrentValue, Name
'@
            Remarks = 'Copy the plan ID from the plan card''s Options menu ("Copy Plan ID").'
            Sandbox = $true
        }
        @{
            Title   = 'Keep a plan file beside a runbook, for machines that should not read the plan each night'
            Code    = @'
Get-AchieveItPlanItem -PlanId 5a1d6b0e-8c3f-4b7a-9e21-3f0c2d4b6a10 | Export-Csv ./plan.csv -NoTypeInformation
Import-Csv ./kpis.csv | Submit-AchieveItUpdates -PlanItems ./plan.csv
'@
            Remarks = 'Every row is checked against the plan before anything is sent: an External ID no item has is UnknownExternalId, with the closest known IDs.'
            Sandbox = $true
        }
        @{
            Title   = 'The first ten items by current value, highest first'
            Code    = @'
Get-AchieveItPlanItem -PlanId 5a1d6b0e-8c3f-4b7a-9e21-3f0c2d4b6a10 -SortBy currentValue -Descending -First 10
'@
            Remarks = '-First 10 asks AchieveIt for one page of 10; -SortBy tab-completes the documented sort keys.'
            Sandbox = $true
        }
    )
}
