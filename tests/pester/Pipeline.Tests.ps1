# Issue 13: rows are read on the pipeline thread and checked on a second one. Whatever thread checks a row, the
# result must be what one thread gives: every row in input order, every issue on its row and object, in order.
BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    $sandbox = Start-TestSandbox -SandboxPath $SandboxPath -ProcessingDelayMs 0
    $connection = @{ BaseUri = $sandbox.Uri; ApiKey = (ConvertTo-TestKey $sandbox.Key) }

    # 2,000 rows (several batches of the second thread): every 97th has a bad status, every 89th a bad date.
    function New-Rows {
        foreach ($i in 1..2000) {
            [pscustomobject]@{
                'External ID' = "KPI-$i"
                Status = if ($i % 97 -eq 0) { 'Bogus' } else { 'On Track' }
                'Current Metric Value' = "$i"
                'As Of Date' = if ($i % 89 -eq 0) { '2026-13-01' } else { '2026-11-28' }
            }
        }
    }

    $expectedBad = @(1..2000 | Where-Object { $_ % 97 -eq 0 -or $_ % 89 -eq 0 })
}

AfterAll { Stop-TestSandbox $sandbox }

Describe 'Rows checked on a second thread' {
    It 'reports every bad row as its own error, in row order, with the object it came from' {
        $rows = @(New-Rows)
        $rows | Export-AchieveItCsv -Path (Join-Path $TestDrive 'bad.csv') -ErrorVariable bad -ErrorAction SilentlyContinue
        $rowErrors = @($bad | Where-Object { $_.FullyQualifiedErrorId -match '^(InvalidStatus|InvalidAsOfDate),' })
        $numbers = @($rowErrors | ForEach-Object { [int]($_.Exception.Message -replace '^Input row (\d+)\b.*$', '$1') })
        $numbers | Should -Be $expectedBad
        foreach ($record in $rowErrors) {
            $n = [int]($record.Exception.Message -replace '^Input row (\d+)\b.*$', '$1')
            [object]::ReferenceEquals($record.TargetObject, $rows[$n - 1]) | Should -BeTrue
        }
        Test-Path (Join-Path $TestDrive 'bad.csv') | Should -BeFalse
    }

    It 'lists every bad row in the one InvalidRows error under -ErrorAction Stop' {
        Reset-Sandbox $sandbox
        { New-Rows | Submit-AchieveItUpdates @connection -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidRows*'
        $message = $Error[0].Exception.Message
        foreach ($n in $expectedBad) { $message | Should -Match "Input row $n\b" }
        @($Error[0].TargetObject).Count | Should -Be $expectedBad.Count
        @(Get-SandboxRequest $sandbox).Count | Should -Be 0
    }

    It 'keeps the input order when objects of every kind alternate (custom objects, hashtables, updates, values only the pipeline thread may read)' {
        $mixed = foreach ($i in 1..1200) {
            switch ($i % 4) {
                0 { [pscustomobject]@{ 'External ID' = "KPI-$i"; Status = 'On Track'; 'As Of Date' = '2026-11-28' } }
                1 { @{ 'External ID' = "KPI-$i"; Status = 'On Track'; 'As Of Date' = '2026-11-28' } }
                2 { New-AchieveItUpdate -ExternalId "KPI-$i" -Status 'On Track' -AsOfDate '2026-11-28' }
                3 { [pscustomobject]@{ 'External ID' = "KPI-$i"; Status = 'On Track'; 'As Of Date' = [Text.StringBuilder]::new('2026-11-28') } } # its ToString runs on the pipeline thread
            }
        }
        $path = Join-Path $TestDrive 'mixed.csv'
        $mixed | Export-AchieveItCsv -Path $path
        $ids = @(Import-Csv $path | ForEach-Object 'External ID')
        $ids | Should -Be @(1..1200 | ForEach-Object { "KPI-$_" })
    }

    It 'sends the same rows in the same order as the file they came from' {
        $file = New-TestCsv 'order.csv' ("External ID,Status,Current Metric Value,As Of Date,Comment`r`n" + ((1..3000 | ForEach-Object { "KPI-$_,At Risk,$_.5,2026-11-28,""note $_, ok""" }) -join "`r`n") + "`r`n")
        $path = Join-Path $TestDrive 'order-out.csv'
        Import-Csv $file | Export-AchieveItCsv -Path $path
        # The same bytes but the header, which Export writes in the vendor's short form.
        (Get-Content -Raw $path) | Should -BeExactly ((Get-Content -Raw $file) -replace '^External ID,Status,Current Metric Value,', 'External ID,Status,Metric Value,')
    }

    It 'leaves no spool file and no running check when the pipeline stops early' {
        $before = @(Get-ChildItem ([AchieveIt.Files.SpoolFiles]::Directory) -ErrorAction SilentlyContinue).Count
        { New-Rows | ForEach-Object { if ($_.'External ID' -eq 'KPI-700') { throw 'upstream failed' }; $_ } | Submit-AchieveItUpdates @connection -ErrorAction SilentlyContinue } | Should -Throw 'upstream failed'
        @(Get-ChildItem ([AchieveIt.Files.SpoolFiles]::Directory) -ErrorAction SilentlyContinue).Count | Should -Be $before
        (New-TestRows 600 | Submit-AchieveItUpdates @connection).JobId | Should -Not -BeNullOrEmpty # the next command starts clean
    }
}

Describe 'What an attack on the threaded paths found' {
    BeforeEach { Reset-Sandbox $sandbox }

    It 'reports the bad rows before a MixedUpdateTypes error ends <Command>' -ForEach @(@{ Command = 'Export' }, @{ Command = 'Submit' }) {
        $rows = @(1..600 | ForEach-Object { [pscustomobject]@{ 'External ID' = "KPI-$_"; Status = if ($_ % 100 -eq 0) { 'Nope' } else { 'On Track' }; 'As Of Date' = '2026-11-28' } }) +
            @(New-AchieveItUpdate -UpdateType Metric -ExternalId 'KPI-M' -MetricValue 1 -AsOfDate '2026-11-28')
        $errors = @()
        try {
            if ($Command -eq 'Export') { $rows | Export-AchieveItCsv -Path (Join-Path $TestDrive 'mixed-kinds.csv') -ErrorVariable +errors -ErrorAction SilentlyContinue }
            else { $rows | Submit-AchieveItUpdates @connection -ErrorVariable +errors -ErrorAction SilentlyContinue }
        } catch { $errors += $_ }
        @($errors | Where-Object { $_.FullyQualifiedErrorId -like 'InvalidStatus*' }).Count | Should -Be 6
        @($errors | Where-Object { $_.FullyQualifiedErrorId -like 'MixedUpdateTypes*' }).Count | Should -Be 1
    }

    It 'names the bad rows before it in the MixedUpdateTypes and FormatRefused errors under -ErrorAction Stop' {
        $rows = @(1..300 | ForEach-Object { [pscustomobject]@{ 'External ID' = "KPI-$_"; Status = if ($_ % 100 -eq 0) { 'Nope' } else { 'On Track' }; 'As Of Date' = '2026-11-28' } }) +
            @(New-AchieveItUpdate -UpdateType Metric -ExternalId 'KPI-M' -MetricValue 1 -AsOfDate '2026-11-28')
        { $rows | Export-AchieveItCsv -Path (Join-Path $TestDrive 'stop.csv') -ErrorAction Stop } | Should -Throw -ErrorId 'MixedUpdateTypes*'
        foreach ($n in 100, 200, 300) { $Error[0].Exception.Message | Should -Match "Input row $n \(.*\), Status" }
        { $rows | Submit-AchieveItUpdates @connection -Format Json -ErrorAction Stop } | Should -Throw -ErrorId 'FormatRefused*'
        foreach ($n in 100, 200, 300) { $Error[0].Exception.Message | Should -Match "Input row $n \(.*\), Status" }
    }

    It 'reports the bad rows before -Format Json refuses a metric update' {
        $rows = @(1..300 | ForEach-Object { [pscustomobject]@{ 'External ID' = "KPI-$_"; Status = if ($_ % 100 -eq 0) { 'Nope' } else { 'On Track' }; 'As Of Date' = '2026-11-28' } }) +
            @(New-AchieveItUpdate -UpdateType Metric -ExternalId 'KPI-M' -MetricValue 1 -AsOfDate '2026-11-28')
        $errors = @()
        try { $rows | Submit-AchieveItUpdates @connection -Format Json -ErrorVariable +errors -ErrorAction SilentlyContinue } catch { $errors += $_ }
        @($errors | Where-Object { $_.FullyQualifiedErrorId -like 'InvalidStatus*' }).Count | Should -Be 3
        @($errors | Where-Object { $_.FullyQualifiedErrorId -like 'FormatRefused*' }).Count | Should -Be 1
    }

    It 'takes the text of values that are not plain data on the pipeline thread, alternating with plain rows' {
        $rows = foreach ($i in 1..3000) {
            [pscustomobject]@{ 'External ID' = "KPI-$i"; Status = 'On Track'; 'As Of Date' = '2026-11-28'; Comment = if ($i % 2) { [uri]"http://example.test/$i" } else { "plain $i" } }
        }
        $path = Join-Path $TestDrive 'alternating.csv'
        $rows | Export-AchieveItCsv -Path $path
        $written = @(Import-Csv $path)
        $written.Count | Should -Be 3000
        $written[0].Comment | Should -Be 'http://example.test/1'
        $written[1].Comment | Should -Be 'plain 2'
        $written[2998].Comment | Should -Be 'http://example.test/2999'
    }

    It 'refuses a FIFO piped as a file (Get-Item) as NotARegularFile instead of hanging, and speaks of files' -Tag 'Needs-Unix: mkfifo' {
        $fifo = Join-Path $TestDrive 'piped.csv'
        & mkfifo $fifo
        $errors = @()
        try { Get-Item $fifo | Submit-AchieveItUpdates @connection -ErrorVariable +errors -ErrorAction SilentlyContinue } catch { $errors += $_ }
        @($errors | Where-Object { $_.FullyQualifiedErrorId -like 'NotARegularFile*' }).Count | Should -Be 1
        $nothing = @($errors | Where-Object { $_.FullyQualifiedErrorId -like 'NothingToSend*' })
        $nothing.Count | Should -Be 1
        $nothing[0].Exception.Message | Should -Match 'No file could be read'
        @(Get-SandboxRequest $sandbox).Count | Should -Be 0
    }

    It 'judges a value by its text whichever column holds which kind of value (the text is taken before the row is handed over)' {
        # An object with a long text and an object with a blank text, in either order: the result must not depend on where they stand.
        $long = [Text.StringBuilder]::new('x' * 70000)
        $blank = [Text.StringBuilder]::new()
        $a = [pscustomobject]@{ 'External ID' = 'KPI-1'; Status = 'On Track'; 'As Of Date' = '2026-11-28'; 'Current Metric Value' = $blank; Comment = $long }
        $b = [pscustomobject]@{ 'External ID' = 'KPI-2'; Status = 'On Track'; 'As Of Date' = '2026-11-28'; 'Current Metric Value' = $long; Comment = $blank }
        $fromA = @($a | New-AchieveItUpdate -ErrorAction SilentlyContinue -ErrorVariable errorsNew)
        $a | Export-AchieveItCsv -Path (Join-Path $TestDrive 'a.csv') -ErrorAction SilentlyContinue -ErrorVariable errorsA
        $b | Export-AchieveItCsv -Path (Join-Path $TestDrive 'b.csv') -ErrorAction SilentlyContinue -ErrorVariable errorsB
        # As New-AchieveItUpdate judges the same object: the blank metric is no metric, the long comment is the comment.
        @($errorsA | Where-Object { $_.FullyQualifiedErrorId -match '^(Invalid(?!Rows)|Field)' }).Count | Should -Be @($errorsNew | Where-Object { $_.FullyQualifiedErrorId -match '^(Invalid(?!Rows)|Field)' }).Count
        @($errorsA | Where-Object { $_.FullyQualifiedErrorId -like 'FieldTooLong*' }).Count | Should -Be 1 # the long comment object: refused here, not by the server
        $fromA | Should -BeNullOrEmpty
        @($errorsB | Where-Object { $_.FullyQualifiedErrorId -like 'FieldTooLong*' }).Count | Should -Be 1 # judged by its text, as a string would be
    }

    It 'reports the bad rows, and a value whose ToString throws as PropertyUnreadable for its row, in order' {
        Add-Type -TypeDefinition 'public class AchieveItThrowingText { public override string ToString() { throw new System.InvalidOperationException("boom"); } }' -ErrorAction SilentlyContinue
        $rows = @(1..300 | ForEach-Object { [pscustomobject]@{ 'External ID' = "KPI-$_"; Status = if ($_ % 100 -eq 0) { 'Nope' } else { 'On Track' }; 'As Of Date' = '2026-11-28' } }) +
            @([pscustomobject]@{ 'External ID' = 'KPI-T'; Status = 'On Track'; 'As Of Date' = '2026-11-28'; Comment = [AchieveItThrowingText]::new() })
        $errors = @()
        try { $rows | Export-AchieveItCsv -Path (Join-Path $TestDrive 'thrown.csv') -ErrorVariable +errors -ErrorAction SilentlyContinue } catch { $errors += $_ }
        @($errors | Where-Object { $_.FullyQualifiedErrorId -like 'InvalidStatus*' }).Count | Should -Be 3
        $unreadable = @($errors | Where-Object { $_.FullyQualifiedErrorId -like 'PropertyUnreadable*' })
        $unreadable.Count | Should -Be 1
        $unreadable[0].Exception.Message | Should -Match '^Input row 301.*boom'
        $errors[-1].FullyQualifiedErrorId | Should -BeLike 'InvalidRows*'
        Test-Path (Join-Path $TestDrive 'thrown.csv') | Should -BeFalse
    }

    It 'takes a value whose ToString returns null as empty, naming the row, instead of failing the command' {
        Add-Type -TypeDefinition 'public class AchieveItNullText { public override string ToString() { return null; } }' -ErrorAction SilentlyContinue
        $row = [pscustomobject]@{ 'External ID' = [AchieveItNullText]::new(); Status = 'On Track'; 'As Of Date' = '2026-11-28' }
        $row | Export-AchieveItCsv -Path (Join-Path $TestDrive 'null-text.csv') -ErrorVariable errors -ErrorAction SilentlyContinue
        @($errors | Where-Object { $_.FullyQualifiedErrorId -like 'MissingExternalId*' }).Count | Should -Be 1
        $errors[0].Exception.Message | Should -Match '^Input row 1'
    }

    It 'does not warn that a MetricUpdate object has properties that match no column' {
        New-AchieveItUpdate -UpdateType Metric -ExternalId 'KPI-M' -MetricValue 1 -AsOfDate '2026-11-28' |
            Export-AchieveItCsv -Path (Join-Path $TestDrive 'metric.csv') -WarningVariable warnings -WarningAction SilentlyContinue
        @($warnings | Where-Object Message -Like '*match no column*').Count | Should -Be 0
    }
}
