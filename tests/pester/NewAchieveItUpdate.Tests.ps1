BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
}

Describe 'New-AchieveItUpdate' {
    It 'builds an update from parameters, with the canonical status spelling' {
        $u = New-AchieveItUpdate -ExternalId 'KPI-1' -Status 'on track' -MetricValue 0.54 -AsOfDate '2026-11-28' -Comment 'fine'
        $u | Should -BeOfType ([AchieveIt.ProgressUpdate])
        $u.Status | Should -Be 'On Track'
        $u.MetricValue | Should -Be 0.54
        $u.AsOfDate | Should -Be ([datetime]'2026-11-28')
        $u.Comment | Should -Be 'fine'
    }

    It 'binds Import-Csv rows with the header <Header>' -ForEach @(
        @{ Header = 'External ID,Status,Current Metric Value,As Of Date,Comment' }
        @{ Header = 'ExternalID,Status,Metric Value,AsOfDate,Comment' }
        @{ Header = 'Id,Status,Value,Date,Comment' }
        @{ Header = 'ExternalId,Status,MetricValue,As Of Date,Comment' }
        @{ Header = 'ExternalId,Status,CurrentMetricValue,Date,Comment' }
    ) {
        $path = New-TestCsv 'rows.csv' "$Header`r`nKPI-7,At Risk,12.5,07/03/2025,a note`r`n"
        $u = Import-Csv $path | New-AchieveItUpdate
        $u.ExternalId | Should -Be 'KPI-7'
        $u.Status | Should -Be 'At Risk'
        $u.MetricValue | Should -Be 12.5
        $u.AsOfDate | Should -Be ([datetime]'2025-07-03')
        $u.Comment | Should -Be 'a note'
    }

    It 'takes DataRows with DBNull as empty, without an error' {
        $table = [System.Data.DataTable]::new()
        [void]$table.Columns.Add('ExternalId', [string])
        [void]$table.Columns.Add('Status', [string])
        [void]$table.Columns.Add('MetricValue', [decimal])
        [void]$table.Columns.Add('AsOfDate', [datetime])
        [void]$table.Columns.Add('Comment', [string])
        [void]$table.Rows.Add('KPI-1', 'Achieved', [DBNull]::Value, [datetime]'2026-11-01', [DBNull]::Value)
        [void]$table.Rows.Add('KPI-2', 'Off Track', 3.25, [datetime]'2026-11-02', 'late')
        $updates = $table.Rows | New-AchieveItUpdate -ErrorVariable errors
        $errors | Should -BeNullOrEmpty
        $updates.Count | Should -Be 2
        $updates[0].MetricValue | Should -BeNullOrEmpty
        $updates[0].Comment | Should -Be ''
        $updates[1].MetricValue | Should -Be 3.25
    }

    It 'takes the metric as <Kind>' -ForEach @(
        @{ Kind = 'an int'; Value = 12; Expected = '12' }
        @{ Kind = 'a double'; Value = 0.1; Expected = '0.1' }
        @{ Kind = 'a decimal'; Value = [decimal]'0.540'; Expected = '0.54' }
        @{ Kind = 'a string'; Value = '.2'; Expected = '0.2' }
        @{ Kind = 'an empty string'; Value = ''; Expected = '' }
        @{ Kind = 'null'; Value = $null; Expected = '' }
    ) {
        $u = New-AchieveItUpdate -ExternalId K -Status 'On Track' -MetricValue $Value -AsOfDate '2026-01-01'
        [AchieveIt.Csv.CsvFormat]::FormatMetric($u.MetricValue) | Should -Be $Expected
    }

    It 'keeps the date as written, whatever the offset' {
        $u = New-AchieveItUpdate -ExternalId K -Status 'On Track' -AsOfDate ([datetimeoffset]'2026-11-01T23:30:00-05:00')
        $u.AsOfDate | Should -Be ([datetime]'2026-11-01')
        (New-AchieveItUpdate -ExternalId K -Status 'On Track' -AsOfDate '2026-11-01T23:30:00-05:00').AsOfDate | Should -Be ([datetime]'2026-11-01')
    }

    It 'writes a non-terminating <Code> error for <Case>, naming the fix, with the input as target' -ForEach @(
        @{ Case = 'a misspelt status'; Row = @{ ExternalId = 'K'; Status = 'Cancelled'; AsOfDate = '2026-01-01' }; Code = 'InvalidStatus'; Text = "Did you mean 'Canceled'" }
        @{ Case = 'a percentage'; Row = @{ ExternalId = 'K'; Status = 'On Track'; MetricValue = '20%'; AsOfDate = '2026-01-01' }; Code = 'InvalidMetricValue'; Text = 'write 0.2' }
        @{ Case = 'no date'; Row = @{ ExternalId = 'K'; Status = 'On Track' }; Code = 'MissingAsOfDate'; Text = 'yyyy-MM-dd' }
        @{ Case = 'no id'; Row = @{ Status = 'On Track'; AsOfDate = '2026-01-01' }; Code = 'MissingExternalId'; Text = 'External ID' }
        @{ Case = 'a comma in the id'; Row = @{ ExternalId = 'K,1'; Status = 'On Track'; AsOfDate = '2026-01-01' }; Code = 'ExternalIdHasComma'; Text = 'comma' }
    ) {
        $inputRow = [pscustomobject]$Row
        $out = $inputRow | New-AchieveItUpdate -ErrorVariable errors -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike "$Code,*"
        $errors[0].Exception.Message | Should -BeLike "*$Text*"
        $errors[0].TargetObject | Should -Be $inputRow
    }

    It 'goes on with the pipeline after a bad row' {
        $rows = @(
            [pscustomobject]@{ ExternalId = 'A'; Status = 'On Track'; AsOfDate = '2026-01-01' }
            [pscustomobject]@{ ExternalId = 'B'; Status = 'Bogus'; AsOfDate = '2026-01-01' }
            [pscustomobject]@{ ExternalId = 'C'; Status = 'At Risk'; AsOfDate = '2026-01-01' }
        )
        $out = $rows | New-AchieveItUpdate -ErrorVariable errors -ErrorAction SilentlyContinue
        $out.ExternalId | Should -Be @('A', 'C')
        $errors.Count | Should -Be 1
        $errors[0].Exception.Message | Should -BeLike 'Input row 2 (*), Status:*'
    }

    It 'completes -Status with the seven statuses, quoted when they hold a space' {
        $line = 'New-AchieveItUpdate -Status '
        $matches = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $matches | Should -Be @("'On Track'", "'Off Track'", "'At Risk'", 'Achieved', "'Not Achieved'", 'Canceled', "'Not Started'")
        $line = 'New-AchieveItUpdate -Status Not'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @("'Not Achieved'", "'Not Started'")
    }
}
