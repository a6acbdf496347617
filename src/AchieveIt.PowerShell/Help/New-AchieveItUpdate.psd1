@{
    Synopsis    = 'Creates a progress update for one AchieveIt plan item, checked against every rule of the API.'
    Description = @'
New-AchieveItUpdate turns values into an AchieveIt.ProgressUpdate: the status in its canonical spelling, the metric as a number, the date as written (a time or offset is dropped, never used to move the date). It takes parameters, or objects from the pipeline by property name, with the names people's data actually has (External ID, ExternalID, Id; Current Metric Value, Metric Value, MetricValue, Value; As Of Date, AsOfDate, Date; Status; Comment). Strings, numbers, DateTime and DBNull (SQL NULL, meaning empty) are all accepted.

A row that breaks a rule is a non-terminating error whose ID is the rule (InvalidStatus, InvalidMetricValue, ...), whose target is the input object and whose message says the fix; the pipeline goes on with the next row.

Inputs as admins have them: empty rows at the end of the input (Excel pads exports with them) are left out with one warning, while an empty row with rows after it is EmptyRow; a DataTable, DataView or single-table DataSet piped as one object is read as its rows; -DateOrder DayFirst reads 05.12.2026, 5-12-2026 and 05/12/2026 as 5 December. An ANSI export is read with Import-Csv -Encoding 1252 (PowerShell 7) or -Encoding Default (Windows PowerShell 5.1), never Latin1: a C1 control character is error ControlCharacter. -Debug never prompts.
'@
    Inputs      = @(
        @{ Type = 'System.Management.Automation.PSObject'; Description = 'Any object with the column properties: Import-Csv rows, DataRow objects from a SQL query, hashtables cast to [pscustomobject].' }
    )
    Outputs     = @(
        @{ Type = 'AchieveIt.ProgressUpdate'; Description = 'One checked update per valid input.' }
    )
    Notes       = 'The parameters are not mandatory, so a row that lacks a column gets the rule''s own error (MissingAsOfDate, ...) instead of a prompt. Strings are trimmed: SQL CHAR columns arrive padded.'
    Examples    = @(
        @{
            Title   = 'One update by hand'
            Code    = 'New-AchieveItUpdate -ExternalId ''KPI-7'' -Status ''On Track'' -MetricValue 0.54 -AsOfDate (Get-Date) -Comment ''Ahead of plan'''
            Remarks = '-Status tab-completes the seven statuses. The date is today''s date as written; the time is dropped.'
            Sandbox = $true
        }
        @{
            Title   = 'Updates from a spreadsheet export'
            Code    = 'Import-Csv ./kpis.csv | New-AchieveItUpdate'
            Remarks = 'Columns named External ID, Status, Current Metric Value (or Metric Value, Value) and As Of Date (or Date) bind by name. A bad row is reported with its row number and the pipeline goes on.'
            Sandbox = $true
        }
        @{
            Title   = 'Updates from a SQL query'
            Code    = @'
Invoke-Sqlcmd -ServerInstance sql01 -Database Kpi -Query 'SELECT KpiCode AS Id, Status, Value, AsOf AS Date FROM dbo.Progress' |
    New-AchieveItUpdate
'@
            Remarks = 'Invoke-Sqlcmd returns DataRow objects; SQL NULL (DBNull) means an empty metric or comment.'
            Sandbox = $false
        }
    )
}
