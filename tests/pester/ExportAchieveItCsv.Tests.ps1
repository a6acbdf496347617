BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    $rows = @(
        [pscustomobject]@{ 'External ID' = 'KPI-1'; Status = 'on track'; 'Current Metric Value' = '0.54'; 'As Of Date' = '2026-11-28'; Comment = '' }
        [pscustomobject]@{ 'External ID' = 'KPI 2'; Status = 'At Risk'; 'Current Metric Value' = 1234.5; 'As Of Date' = [datetime]'2026-03-01'; Comment = "late, `"blocked`"`nby vendor" }
        [pscustomobject]@{ 'External ID' = 'Ж-3'; Status = 'Achieved'; 'Current Metric Value' = $null; 'As Of Date' = '07/03/2025'; Comment = 'ünïcödé' }
    )
    $expected = "External ID,Status,Metric Value,As Of Date,Comment`r`n" +
        "KPI-1,On Track,0.54,2026-11-28,`r`n" +
        "KPI 2,At Risk,1234.5,2026-03-01,`"late, `"`"blocked`"`"`nby vendor`"`r`n" +
        "Ж-3,Achieved,,2025-07-03,ünïcödé`r`n"
}

Describe 'Export-AchieveItCsv' {
    It 'writes the file Submit would send: header, CRLF, quoting only where needed, UTF-8 without BOM' {
        $path = Join-Path $TestDrive 'out.csv'
        $rows | Export-AchieveItCsv -Path $path
        $bytes = [IO.File]::ReadAllBytes($path)
        $bytes[0] | Should -Not -Be 0xEF
        [Text.Encoding]::UTF8.GetString($bytes) | Should -BeExactly $expected
    }

    It 'writes the same bytes under the <_> culture, and Test-AchieveItCsv finds no issue in them' -ForEach @('en-US', 'de-DE', 'fr-FR', 'tr-TR', 'ar-SA', 'th-TH') {
        $path = Join-Path $TestDrive "culture-$_.csv"
        $original = [System.Threading.Thread]::CurrentThread.CurrentCulture
        try {
            [System.Threading.Thread]::CurrentThread.CurrentCulture = [System.Globalization.CultureInfo]::new($_)
            $rows | Export-AchieveItCsv -Path $path
        } finally {
            [System.Threading.Thread]::CurrentThread.CurrentCulture = $original
        }
        [Text.Encoding]::UTF8.GetString([IO.File]::ReadAllBytes($path)) | Should -BeExactly $expected
        $result = Test-AchieveItCsv $path
        $result.Errors.Count + $result.Warnings.Count | Should -Be 0
    }

    It 'writes no file and reports every bad row when any row is invalid' {
        $path = Join-Path $TestDrive 'bad.csv'
        $bad = $rows + [pscustomobject]@{ 'External ID' = 'X'; Status = 'Bogus'; 'As Of Date' = '2026-01-01' } +
            [pscustomobject]@{ 'External ID' = 'Y'; Status = 'On Track'; 'As Of Date' = 'tomorrow' }
        $bad | Export-AchieveItCsv -Path $path -ErrorVariable errors -ErrorAction SilentlyContinue
        Test-Path $path | Should -BeFalse
        $errors.FullyQualifiedErrorId | ForEach-Object { ($_ -split ',')[0] } | Should -Be @('InvalidStatus', 'InvalidAsOfDate', 'InvalidRows')
        $errors[0].Exception.Message | Should -BeLike 'Input row 4 (*), Status:*'
        $errors[1].Exception.Message | Should -BeLike 'Input row 5 (*), As Of Date:*'
        Get-ChildItem $TestDrive -Filter '.achieveit-*' -Force | Should -BeNullOrEmpty
    }

    It 'leaves an existing file untouched when a row is invalid' {
        $path = New-TestCsv 'keep.csv' 'old content'
        [pscustomobject]@{ 'External ID' = 'X'; Status = 'Bogus'; 'As Of Date' = '2026-01-01' } |
            Export-AchieveItCsv -Path $path -ErrorAction SilentlyContinue
        Get-Content $path -Raw | Should -Be 'old content'
    }

    It 'stops a runbook with -ErrorAction Stop (InvalidRows, naming the row) and leaves no temporary file' {
        $path = Join-Path $TestDrive 'stop.csv'
        { $rows + [pscustomobject]@{ 'External ID' = 'X'; Status = 'Bogus'; 'As Of Date' = '2026-01-01' } | Export-AchieveItCsv -Path $path -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidRows,AchieveIt.PowerShell.Commands.ExportAchieveItCsvCommand' -ExpectedMessage "*Input row $($rows.Count + 1) (*), Status*"
        Test-Path $path | Should -BeFalse
        Get-ChildItem $TestDrive -Filter '.achieveit-*' -Force | Should -BeNullOrEmpty
    }

    It 'refuses to overwrite with -NoClobber' {
        $path = New-TestCsv 'exists.csv' 'old'
        { $rows | Export-AchieveItCsv -Path $path -NoClobber } | Should -Throw -ErrorId 'FileExists,AchieveIt.PowerShell.Commands.ExportAchieveItCsvCommand'
        Get-Content $path -Raw | Should -Be 'old'
    }

    It 'overwrites a read-only file only with -Force' {
        $path = New-TestCsv 'ro.csv' 'old'
        Set-ItemProperty $path -Name IsReadOnly -Value $true
        { $rows | Export-AchieveItCsv -Path $path } | Should -Throw -ErrorId 'FileReadOnly,AchieveIt.PowerShell.Commands.ExportAchieveItCsvCommand'
        $rows | Export-AchieveItCsv -Path $path -Force
        [IO.File]::ReadAllText($path) | Should -BeExactly $expected
    }

    It 'writes nothing with -WhatIf' {
        $path = Join-Path $TestDrive 'whatif.csv'
        $rows | Export-AchieveItCsv -Path $path -WhatIf
        Test-Path $path | Should -BeFalse
    }

    It 'takes updates from New-AchieveItUpdate and hashtables alike' {
        $a = Join-Path $TestDrive 'a.csv'; $b = Join-Path $TestDrive 'b.csv'
        New-AchieveItUpdate -ExternalId K -Status 'at risk' -MetricValue 2 -AsOfDate '2026-01-01' | Export-AchieveItCsv $a
        @{ ExternalId = 'K'; Status = 'At Risk'; Value = '2'; Date = '2026-01-01' } | Export-AchieveItCsv $b
        [IO.File]::ReadAllText($a) | Should -BeExactly "External ID,Status,Metric Value,As Of Date`r`nK,At Risk,2,2026-01-01`r`n"
        [IO.File]::ReadAllText($b) | Should -BeExactly ([IO.File]::ReadAllText($a))
    }

    It 'names a missing folder' {
        { $rows | Export-AchieveItCsv -Path (Join-Path $TestDrive 'no/such/dir/x.csv') } | Should -Throw -ErrorId 'FolderNotFound,AchieveIt.PowerShell.Commands.ExportAchieveItCsvCommand'
    }
}
