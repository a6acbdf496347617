@{
    Synopsis    = 'Checks progress updates against every rule of the AchieveIt API and submits them as CSV; nothing is sent if any row is invalid.'
    Description = @'
Submit-AchieveItUpdates takes updates from the pipeline (AchieveIt.ProgressUpdate objects, Import-Csv rows, DataRows, hashtables, any object with the column properties) or CSV files with -Path, checks every row, and uploads them. Rows stream to a temporary file, so memory stays flat however many come in; the file is always deleted afterwards.

If any row is invalid nothing is sent and every bad row is reported (use -SkipInvalid to send the good rows). Empty rows at the end of the input (Excel's padding) are not rows: they are left out with one warning and never counted as invalid. A DataTable, DataView or single-table DataSet piped as one object is read as its rows (Invoke-Sqlcmd -OutputAs DataTables). Repeated warnings of one kind are written 20 times, then counted in one line. -Debug never prompts: it adds each HTTP exchange (method, address, status, time, headers with the key redacted). -BatchSize splits the rows into several files, one job each. It writes one AchieveIt.Job per file sent; -Wait waits for them as Wait-AchieveItJob does.

With a plan that gives its items' state (-PlanId, or -PlanItems from Get-AchieveItPlanItem or a plan file with Status, Current Value and Last Updated), each valid row is compared with its item as Compare-AchieveItUpdate compares it. -WhatIf then prints one line per row (~ change, = unchanged, ! older than AchieveIt's latest update, ? not compared) and a summary, which -Confirm shows too. -ExcludeChangeType NoChange, Older leaves those rows out, with one warning per type that counts them and names up to 20 IDs; when no row is left, nothing is sent, no job is written, and the command succeeds. A -Path file with rows left out is sent as the rows it keeps, written as New-AchieveItUpdate writes them. A row dated before the item's last update is always a warning (OlderUpdate), sent or not.

On the wire: the upload is retried only when AchieveIt says it did not queue the file (500, 503, 429, 408) or when no byte of it left. After a timeout, a dropped connection or a gateway error once the file was sent, it is never sent again: that is error SubmitOutcomeUnknown, and the job may exist. The key goes only to the configured address, never over plain http except to loopback, and never shows in output, logs or errors.
'@
    Inputs      = @(
        @{ Type = 'System.Management.Automation.PSObject'; Description = 'Updates or rows, by value to -InputObject.' }
        @{ Type = 'System.IO.FileInfo'; Description = 'CSV files from Get-ChildItem, by their PSPath to -LiteralPath.' }
    )
    Outputs     = @(
        @{ Type = 'AchieveIt.Job'; Description = 'One per file sent: JobId, State, FileName, RowCount, SubmittedAt, ... (with -Wait, in its final state).' }
    )
    Notes       = 'Alias: Submit-AchieveItUpdate. The key comes from -ApiKey, Connect-AchieveIt, or the ACHIEVEIT_API_KEY environment variable, in that order.'
    Defaults    = @{ Timeout = 'Until every job is done'; BatchSize = 'All rows in one file'; FileName = 'achieveit-updates-yyyyMMdd-HHmmss.csv (UTC), or the file''s own name with -Path'; Environment = 'Commercial (or Connect-AchieveIt / ACHIEVEIT_ENVIRONMENT)'; ApiKey = 'Connect-AchieveIt, then ACHIEVEIT_API_KEY'; BaseUri = 'The environment''s address'; Proxy = 'The system proxy' }
    Examples    = @(
        @{
            Title   = 'Send a spreadsheet export and wait for AchieveIt to apply it'
            Code    = 'Import-Csv ./kpis.csv | Submit-AchieveItUpdates -Wait'
            Remarks = 'One bad row and nothing is sent: each bad row is listed with its row number and the fix.'
            Sandbox = $true
        }
        @{
            Title   = 'A nightly runbook'
            Code    = @'
$ErrorActionPreference = 'Stop'
# The key comes from the environment (an Automation variable or a secret store), never from the script.
$job = Import-Csv ./kpis.csv | New-AchieveItUpdate | Submit-AchieveItUpdates -FileName 'nightly.csv' -Wait -Timeout 1800
"AchieveIt applied $($job.RowCount) updates: $($job.Message)"
'@
            Remarks = 'With $ErrorActionPreference = ''Stop'', a bad row, a refused key, a failed job (JobFailed) or a timeout (WaitTimeout) fails the runbook.'
            Sandbox = $true
        }
        @{
            Title   = 'Check every row against the live plan before anything is sent'
            Code    = @'
Import-Csv ./kpis.csv | Submit-AchieveItUpdates -PlanId 5a1d6b0e-8c3f-4b7a-9e21-3f0c2d4b6a10 -Wait
'@
            Remarks = 'The plan is read once (Get-AchieveItPlanItem). A row whose External ID no plan item has is UnknownExternalId, naming the row and the closest known IDs, and nothing is sent. -PlanItems ./plan.csv checks against a plan file instead.'
            Sandbox = $true
        }
        @{
            Title   = 'See what the night would change, then send only the rows that change something'
            Code    = @'
Import-Csv ./kpis.csv | Submit-AchieveItUpdates -PlanId 5a1d6b0e-8c3f-4b7a-9e21-3f0c2d4b6a10 -WhatIf
Import-Csv ./kpis.csv | Submit-AchieveItUpdates -PlanId 5a1d6b0e-8c3f-4b7a-9e21-3f0c2d4b6a10 -ExcludeChangeType NoChange, Older -Wait
'@
            Remarks = '-WhatIf lists each row against the live plan (~ change, = unchanged, ! older, ? not compared) with a summary, and sends nothing. The second line sends only what changes an item; a night with nothing to change sends nothing and succeeds.'
            Sandbox = $true
        }
        @{
            Title   = 'Rows from a SQL query, in batches'
            Code    = @'
$key = Get-Secret -Name AchieveItApiKey
Invoke-Sqlcmd -ServerInstance sql01 -Database Kpi -Query 'SELECT KpiCode AS Id, Status, Value, AsOf AS Date, Note AS Comment FROM dbo.Progress' |
    Submit-AchieveItUpdates -ApiKey $key -BatchSize 5000 |
    Wait-AchieveItJob
'@
            Remarks = 'Each batch of 5,000 rows is its own file and job; Wait-AchieveItJob follows them all at once.'
            Sandbox = $false
        }
        @{
            Title   = 'A metric-only feed (values, no status)'
            Code    = @'
Import-Csv ./kpis.csv |
    Select-Object 'External ID', 'Current Metric Value', 'As Of Date' |
    Where-Object 'Current Metric Value' |
    Submit-AchieveItUpdates -UpdateType Metric -Wait
'@
            Remarks = 'Metric updates go to /api/metricupdates with the columns External ID, Current Metric Value (required) and As Of Date. AchieveIt.MetricUpdate objects from New-AchieveItUpdate -UpdateType Metric are sent as metric updates without -UpdateType.'
            Sandbox = $true
        }
        @{
            Title   = 'Send progress updates as JSON'
            Code    = 'Import-Csv ./kpis.csv | Submit-AchieveItUpdates -Format Json -Wait'
            Remarks = 'The vendor''s JSON array (externalId, status, metricValue as a number, asOfDate, comment), streamed as it is written; every rule is checked as for CSV. Metric updates are CSV only.'
            Sandbox = $true
        }
        @{
            Title   = 'Send files as they are'
            Code    = 'Get-ChildItem ./exports -Filter *.csv | Submit-AchieveItUpdates -Wait'
            Remarks = 'Each file is checked first and sent unchanged, except that a byte order mark is never sent.'
            Sandbox = $true
        }
    )
}
