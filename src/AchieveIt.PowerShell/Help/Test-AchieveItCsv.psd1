@{
    Synopsis    = 'Checks CSV files against every rule of the AchieveIt progress-update API, before anything is sent.'
    Description = @'
Test-AchieveItCsv reads each file once, with memory that does not grow with the file, and reports every problem: the line (1-based, as an editor shows it), the column, the value, the rule code and what to do. It checks the columns and header, empty rows, the field count, External IDs, statuses, metric values, dates, a #TYPE line from Windows PowerShell's Export-Csv, a byte order mark, bytes that are not UTF-8, stray quotes, and the same item updated twice for one date.

It writes one AchieveIt.CsvTestResult per file. Errors make a file invalid; warnings (ByteOrderMark, DuplicateUpdate, a header in another order) do not.
'@
    Inputs      = @(
        @{ Type = 'System.String'; Description = 'Paths, by value to -Path.' }
        @{ Type = 'System.IO.FileInfo'; Description = 'Files from Get-ChildItem, by their PSPath to -LiteralPath.' }
    )
    Outputs     = @(
        @{ Type = 'AchieveIt.CsvTestResult'; Description = 'Path, IsValid, RowCount, HasHeader, Errors and Warnings (each issue: Line, Column, Value, Code, Severity, Message).' }
        @{ Type = 'System.Boolean'; Description = 'With -Quiet: $true when a file has no errors.' }
    )
    Examples    = @(
        @{
            Title   = 'Check a file and list what is wrong'
            Code    = 'Test-AchieveItCsv ./nightly.csv | Format-List'
            Remarks = 'The list view shows each issue as "line N, Column: message".'
            Sandbox = $true
        }
        @{
            Title   = 'Check every CSV in a folder'
            Code    = 'Get-ChildItem ./exports -Filter *.csv | Test-AchieveItCsv'
            Remarks = 'Files bind through their PSPath, so names with [ ] or * are taken literally.'
            Sandbox = $true
        }
        @{
            Title   = 'Stop a script when a file is not valid'
            Code    = 'if (-not (Test-AchieveItCsv ./nightly.csv -Quiet)) { throw ''nightly.csv is not valid'' }'
            Remarks = '-Quiet returns only $true or $false.'
            Sandbox = $true
        }
    )
}
