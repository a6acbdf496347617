# Issue 10: every value the user meant, and a loud word for every value that cannot be taken.
BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    $sandbox = Start-TestSandbox -SandboxPath $SandboxPath -ProcessingDelayMs 0
    $connection = @{ BaseUri = $sandbox.Uri; ApiKey = (ConvertTo-TestKey $sandbox.Key) }
    $quiet = @{ ErrorAction = 'SilentlyContinue'; WarningAction = 'SilentlyContinue' }
}

AfterAll { Stop-TestSandbox $sandbox }

Describe 'No silent drop of a column' {
    BeforeAll {
        $path = New-TestCsv 'renamed.csv' ("External ID,Status,Current Value,As Of Date,Notes,Owner`r`n" + ((1..50 | ForEach-Object { "KPI-$_,On Track,$_,2026-11-28,note $_,ann" }) -join "`r`n") + "`r`n")
    }

    It '<Command> writes one warning naming the unused properties, with did-you-mean and the accepted names' -ForEach @(
        @{ Command = 'Submit' }, @{ Command = 'Export' }, @{ Command = 'New' }
    ) {
        $rows = Import-Csv $path
        switch ($Command) {
            'Submit' { $rows | Submit-AchieveItUpdates @connection -WhatIf -WarningVariable warnings -WarningAction SilentlyContinue | Out-Null }
            'Export' { $rows | Export-AchieveItCsv -Path (Join-Path $TestDrive 'renamed-out.csv') -WarningVariable warnings -WarningAction SilentlyContinue }
            'New' { $rows | New-AchieveItUpdate -WarningVariable warnings -WarningAction SilentlyContinue | Out-Null }
        }
        $unused = @($warnings | Where-Object { $_.Message -like '*match no column*' })
        $unused.Count | Should -Be 1 # once per command, not once per row
        $unused[0].Message | Should -Match "'Current Value' \(did you mean Current Metric Value\?\)"
        $unused[0].Message | Should -Match "'Notes' \(did you mean Comment\?\)"
        $unused[0].Message | Should -Match "'Owner'"
        $unused[0].Message | Should -Match 'Accepted names'
    }

    It 'hints at -Delimiter for a semicolon file in <Command>' -ForEach @(@{ Command = 'Submit' }, @{ Command = 'Export' }, @{ Command = 'New' }) {
        $rows = Import-Csv (New-TestCsv 'semi.csv' "External ID;Status;Metric Value;As Of Date`r`nKPI-1;On Track;1;2026-11-28`r`n")
        switch ($Command) {
            'Submit' { try { $rows | Submit-AchieveItUpdates @connection -WarningVariable warnings @quiet } catch { } }
            'Export' { $rows | Export-AchieveItCsv -Path (Join-Path $TestDrive 'semi-out.csv') -WarningVariable warnings @quiet }
            'New' { $rows | New-AchieveItUpdate -WarningVariable warnings @quiet | Out-Null }
        }
        ($warnings.Message -join ' ') | Should -Match "-Delimiter ';'"
        (Test-AchieveItCsv (Join-Path $TestDrive 'semi.csv')).Errors[0].Message | Should -Match "Delimiter ';'"
    }
}

Describe 'Every date the vendor promises' {
    It 'takes <Text> as <Expected>' -ForEach @(
        @{ Text = '11/27/2026 10:00:00 PM'; Expected = '2026-11-27' }
        @{ Text = '11/27/2026 22:00'; Expected = '2026-11-27' }
        @{ Text = '20261127'; Expected = '2026-11-27' }
        @{ Text = '2026-W48-5'; Expected = '2026-11-27' }
        @{ Text = '2026-331'; Expected = '2026-11-27' }
        @{ Text = '2026-11-27T23:30:00-05:00'; Expected = '2026-11-27' }
    ) {
        (New-AchieveItUpdate -ExternalId K -Status 'On Track' -AsOfDate $Text).AsOfDate.ToString('yyyy-MM-dd') | Should -Be $Expected
    }

    It 'takes what Export-Csv writes for a DateTime in en-US' {
        $enUs = ([datetime]'2026-11-27T22:00:00').ToString([cultureinfo]'en-US')
        $enUs | Should -Be '11/27/2026 10:00:00 PM'
        $file = New-TestCsv 'en-us.csv' "`"Id`",`"Status`",`"Date`"`r`n`"KPI-1`",`"On Track`",`"$enUs`"`r`n"
        (Import-Csv $file | New-AchieveItUpdate).AsOfDate | Should -Be ([datetime]'2026-11-27')
    }

    It 'refuses <Text> with the hint to write <Hint>' -ForEach @(
        @{ Text = '27.11.2026'; Hint = '2026-11-27' }, @{ Text = '27/11/2026'; Hint = '2026-11-27' }
    ) {
        New-AchieveItUpdate -ExternalId K -Status 'On Track' -AsOfDate $Text -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidAsOfDate,*'
        $errors[0].Exception.Message | Should -Match "write $Hint"
    }
}

Describe 'Values that are not what they seem' {
    BeforeEach { Reset-Sandbox $sandbox }

    It 'calls an Excel ,,,, row read by Import-Csv one EmptyRow error' {
        $rows = Import-Csv (New-TestCsv 'excel.csv' "External ID,Status,Current Metric Value,As Of Date,Comment`r`nKPI-1,On Track,1,2026-11-28,`r`n,,,,`r`nKPI-2,On Track,2,2026-11-28,`r`n")
        $rows | Export-AchieveItCsv -Path (Join-Path $TestDrive 'excel-out.csv') -ErrorVariable errors -ErrorAction SilentlyContinue
        @($errors | Where-Object FullyQualifiedErrorId -NotLike 'InvalidRows,*').FullyQualifiedErrorId | Should -Be 'EmptyRow,AchieveIt.PowerShell.Commands.ExportAchieveItCsvCommand'
        $errors[0].Exception.Message | Should -Match 'Input row 2'
    }

    It 'catches text decoded with the wrong encoding (U+FFFD) and says to pass -Encoding' -Tag 'Needs-PS7: Import-Csv reads UTF-8 by default only in PowerShell 7' {
        $file = Join-Path $TestDrive 'ansi.csv'
        [IO.File]::WriteAllBytes($file, [Text.Encoding]::Latin1.GetBytes("External ID,Status,Current Metric Value,As Of Date,Comment`r`nKPI-1,On Track,1,2026-11-28,Café`r`n"))
        Import-Csv $file | Submit-AchieveItUpdates @connection -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidEncoding,*'
        $errors[0].Exception.Message | Should -Match '-Encoding'
        Get-SandboxRequest $sandbox | Should -BeNullOrEmpty
        $job = Import-Csv $file -Encoding Latin1 | Submit-AchieveItUpdates @connection -Wait
        $job.State | Should -Be 'Succeeded'
        (Invoke-SandboxApi $sandbox -Path '/sandbox/updates?externalId=KPI-1')[0].comment | Should -Be 'Café'
    }

    It 'refuses an array in <Column> and names the column' -ForEach @(
        @{ Column = 'External ID'; Row = @{ Id = @('A', 'B'); Status = 'On Track'; Date = '2026-11-28' } }
        @{ Column = 'Comment'; Row = @{ Id = 'A'; Status = 'On Track'; Date = '2026-11-28'; Comment = [Collections.Generic.List[string]]@('x', 'y') } }
    ) {
        [pscustomobject]$Row | Export-AchieveItCsv -Path (Join-Path $TestDrive 'array.csv') -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'NotAValue,*'
        $errors[0].Exception.Message | Should -Match $Column
        Test-Path (Join-Path $TestDrive 'array.csv') | Should -BeFalse
    }

    It 'makes a throwing getter an error for its row; the pipeline goes on' {
        $bad = [pscustomobject]@{ Id = 'KPI-2'; Status = 'On Track' } | Add-Member -PassThru ScriptProperty Date { throw 'the date service is down' }
        $rows = @([pscustomobject]@{ Id = 'KPI-1'; Status = 'On Track'; Date = '2026-11-28' }, $bad, [pscustomobject]@{ Id = 'KPI-3'; Status = 'On Track'; Date = '2026-11-28' })
        $job = $rows | Submit-AchieveItUpdates @connection -SkipInvalid -WarningVariable warnings -WarningAction SilentlyContinue
        $job.RowCount | Should -Be 2
        ($warnings.Message -join ' ') | Should -Match 'Input row 2\b.*As Of Date: Reading the property for As Of Date failed: the date service is down'
        $rows | Export-AchieveItCsv -Path (Join-Path $TestDrive 'getter.csv') -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'PropertyUnreadable,*'
    }

    It 'refuses a control character in an External ID (<Case>)' -ForEach @(@{ Case = 'CR LF' }, @{ Case = 'NUL' }) {
        # The character is made here, not in the data: no test report can hold a NUL.
        $Id = if ($Case -eq 'NUL') { "KPI`01" } else { "KPI`r`n1" }
        New-AchieveItUpdate -ExternalId $Id -Status 'On Track' -AsOfDate 2026-11-28 -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ExternalIdHasControlCharacter,*'
    }

    It 'writes a double as the shortest text that reads back the same: <Value>' -ForEach @(
        @{ Value = (1 / 3); Text = '0.3333333333333333' }, @{ Value = 1e-30; Text = '0.000000000000000000000000000001' }, @{ Value = 1e20; Text = '100000000000000000000' }
    ) {
        $file = Join-Path $TestDrive 'double.csv'
        [pscustomobject]@{ Id = 'K'; Status = 'On Track'; Value = [double]$Value; Date = '2026-11-28' } | Export-AchieveItCsv -Path $file -Force
        (Get-Content $file)[1] | Should -Be "K,On Track,$Text,2026-11-28"
        (Test-AchieveItCsv $file).IsValid | Should -BeTrue
    }
}

Describe 'A trailing blank line is not a row' {
    BeforeEach { Reset-Sandbox $sandbox }

    It 'sends a file that ends with empty lines without them, with a warning' {
        $content = "External ID,Status,Metric Value,As Of Date`r`nKPI-1,On Track,1,2026-11-28`r`n"
        $path = New-TestCsv 'trailing.csv' ($content + "`r`n,,,`r`n`r`n")
        (Test-AchieveItCsv $path).Warnings.Code | Should -Be 'TrailingEmptyLines'
        $job = Submit-AchieveItUpdates -Path $path @connection -Wait -WarningVariable warnings -WarningAction SilentlyContinue
        $job.State | Should -Be 'Succeeded'
        ($warnings.Message -join ' ') | Should -Match 'empty line'
        $expected = [BitConverter]::ToString([Security.Cryptography.SHA256]::Create().ComputeHash([Text.Encoding]::UTF8.GetBytes($content))) -replace '-', ''
        (Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST').bodySha256 | Should -Be $expected
    }

    It 'still refuses an empty line between rows' {
        $path = New-TestCsv 'between.csv' "KPI-1,On Track,1,2026-11-28`r`n`r`nKPI-2,On Track,1,2026-11-28`r`n"
        Submit-AchieveItUpdates -Path $path @connection -ErrorVariable errors @quiet
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'EmptyRow,*'
        Get-SandboxRequest $sandbox | Should -BeNullOrEmpty
    }
}
