@{
    Synopsis    = 'Writes updates to a CSV file exactly as Submit-AchieveItUpdates would send it; nothing is written if any row is invalid.'
    Description = @'
Export-AchieveItCsv checks every row with the same rules as Submit-AchieveItUpdates and writes the same bytes: UTF-8 without a byte order mark, a header, CRLF line ends, quotes only where needed, canonical statuses, invariant numbers and yyyy-MM-dd dates, whatever the session's culture. The Comment column is written only when some update has a comment.

It is all or nothing: one invalid row and no file is written (an existing file is left as it was), and every bad row is reported. Use it for a manual upload, an archive of what was sent, or a diff.
'@
    Inputs      = @(
        @{ Type = 'System.Management.Automation.PSObject'; Description = 'AchieveIt.ProgressUpdate objects, Import-Csv rows, DataRows, hashtables or any object with the column properties.' }
    )
    Outputs     = @(
        @{ Type = 'None, or System.IO.FileInfo'; Description = 'With -PassThru, the file written.' }
    )
    Examples    = @(
        @{
            Title   = 'Turn a spreadsheet export into the file AchieveIt accepts'
            Code    = 'Import-Csv ./kpis.csv | Export-AchieveItCsv ./upload.csv'
            Remarks = 'Statuses get their canonical spelling, dates become yyyy-MM-dd and numbers lose thousands separators only if they had none; anything the API would refuse is reported and no file is written.'
            Sandbox = $true
        }
        @{
            Title   = 'Keep an archive of what is sent every night'
            Code    = @'
$updates = Import-Csv ./kpis.csv | New-AchieveItUpdate
$updates | Export-AchieveItCsv "./archive-$(Get-Date -Format yyyyMMdd).csv" -Force
$updates | Submit-AchieveItUpdates -Wait
'@
            Remarks = 'The archived file holds exactly the bytes that were uploaded.'
            Sandbox = $true
        }
    )
}
