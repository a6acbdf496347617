# Issue 12: metric updates, and JSON bodies for progress updates.
BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    $sandbox = Start-TestSandbox -SandboxPath $SandboxPath -ProcessingDelayMs 0
    $connection = @{ BaseUri = $sandbox.Uri; ApiKey = (ConvertTo-TestKey $sandbox.Key) }
    function Get-Applied([string] $JobId) { @(Invoke-SandboxApi $sandbox -Path '/sandbox/updates') | Where-Object jobId -EQ $JobId }
}

AfterAll { Stop-TestSandbox $sandbox }

Describe 'Metric updates' {
    BeforeEach { Reset-Sandbox $sandbox }

    It 'sends a metric-only feed from Import-Csv and the sandbox applies its values' {
        $rows = Import-Csv (New-TestCsv 'metrics.csv' "External ID,Current Metric Value,As Of Date`r`nKPI-1,0.5,2026-11-28`r`nKPI-2,12,11/28/2026`r`n")
        $job = $rows | Submit-AchieveItUpdates @connection -UpdateType Metric -Wait
        $job.State | Should -Be 'Succeeded'
        (Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST').path | Should -BeLike '/api/metricupdates/*'
        $applied = Get-Applied $job.JobId
        $applied.metricValue | Should -Be @('0.5', '12')
        $applied.kind | Sort-Object -Unique | Should -Be 'metric'
        $applied.status | Where-Object { $_ } | Should -BeNullOrEmpty
    }

    It 'sends a metric-only feed from DataRows' {
        $table = [Data.DataTable]::new()
        'Id', 'Value', 'Date' | ForEach-Object { [void]$table.Columns.Add($_) }
        [void]$table.Rows.Add('KPI-7', '3.25', '2026-11-28')
        [void]$table.Rows.Add('KPI-8', [DBNull]::Value, '2026-11-28')
        $table.Rows | Submit-AchieveItUpdates @connection -UpdateType Metric -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MissingMetricValue,*' # a metric update needs its value
        $table.Rows.RemoveAt(1)
        $job = $table.Rows | Submit-AchieveItUpdates @connection -UpdateType Metric -Wait
        $job.State | Should -Be 'Succeeded'
        (Get-Applied $job.JobId).metricValue | Should -Be '3.25'
    }

    It 'makes MetricUpdate objects with New-AchieveItUpdate -UpdateType Metric, and Submit and Export take the kind from them' {
        $updates = 1..2 | ForEach-Object { New-AchieveItUpdate -UpdateType Metric -ExternalId "KPI-$_" -MetricValue $_ -AsOfDate 2026-11-28 }
        $updates[0] | Should -BeOfType ([AchieveIt.MetricUpdate])
        $path = Join-Path $TestDrive 'metric.csv'
        $updates | Export-AchieveItCsv -Path $path
        (Get-Content $path)[0] | Should -Be 'External ID,Current Metric Value,As Of Date'
        (Test-AchieveItCsv $path -UpdateType Metric).IsValid | Should -BeTrue
        $job = $updates | Submit-AchieveItUpdates @connection -Wait
        $job.State | Should -Be 'Succeeded'
        (Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST').path | Should -BeLike '/api/metricupdates/*'
        ($job = Submit-AchieveItUpdates -Path $path @connection -UpdateType Metric -FileName again.csv -Wait).State | Should -Be 'Succeeded'
    }

    It 'refuses to mix the two kinds in one command, and sends nothing' {
        $mixed = @(New-AchieveItUpdate -ExternalId K1 -Status 'On Track' -AsOfDate 2026-11-28), (New-AchieveItUpdate -UpdateType Metric -ExternalId K2 -MetricValue 1 -AsOfDate 2026-11-28)
        { $mixed | Submit-AchieveItUpdates @connection } | Should -Throw -ErrorId 'MixedUpdateTypes,AchieveIt.PowerShell.Commands.SubmitAchieveItUpdatesCommand'
        { $mixed | Export-AchieveItCsv -Path (Join-Path $TestDrive 'mixed.csv') } | Should -Throw -ErrorId 'MixedUpdateTypes,AchieveIt.PowerShell.Commands.ExportAchieveItCsvCommand'
        Get-SandboxRequest $sandbox | Should -BeNullOrEmpty
    }

    It 'Test-AchieveItCsv says when a header is of the other kind' {
        $metricFile = New-TestCsv 'metric-header.csv' "External ID,Current Metric Value,As Of Date`r`nKPI-1,1,2026-11-28`r`n"
        (Test-AchieveItCsv $metricFile).Errors.Message -join ' ' | Should -Match '-UpdateType Metric'
        $progressFile = New-TestCsv 'progress-header.csv' "External ID,Status,Metric Value,As Of Date`r`nKPI-1,On Track,1,2026-11-28`r`n"
        (Test-AchieveItCsv $progressFile -UpdateType Metric).Errors.Message -join ' ' | Should -Match 'progress-updates file'
    }
}

Describe 'JSON bodies' {
    BeforeEach { Reset-Sandbox $sandbox }

    It 'sends progress updates as JSON and AchieveIt applies exactly what the CSV path applies' {
        $rows = @(
            [pscustomobject]@{ Id = 'KPI-1'; Status = 'on track'; Value = (1 / 3); Date = '2026-11-28'; Comment = 'a, "quoted"' }
            [pscustomobject]@{ Id = 'KPI-2'; Status = 'At Risk'; Value = $null; Date = '11/27/2026 10:00 PM'; Comment = '' }
        )
        $csv = $rows | Submit-AchieveItUpdates @connection -Wait
        $json = $rows | Submit-AchieveItUpdates @connection -Format Json -Wait
        $csv.State, $json.State | Should -Be @('Succeeded', 'Succeeded')
        $post = @(Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST')[-1]
        $post.path | Should -BeLike '/api/progressupdates/*.json'
        $shape = { $_ | Select-Object externalId, status, metricValue, asOfDate, comment | ConvertTo-Json -Compress }
        (Get-Applied $json.JobId | ForEach-Object $shape) | Should -Be (Get-Applied $csv.JobId | ForEach-Object $shape)
    }

    It 'refuses -Format Json for metric updates, with the reason' {
        $caught = $null
        try { New-TestRows 1 | Submit-AchieveItUpdates @connection -UpdateType Metric -Format Json } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'FormatRefused,*'
        $caught.Exception.Message | Should -Match 'progress updates only'
        $metric = New-AchieveItUpdate -UpdateType Metric -ExternalId K -MetricValue 1 -AsOfDate 2026-11-28
        { $metric | Submit-AchieveItUpdates @connection -Format Json } | Should -Throw -ErrorId 'FormatRefused,AchieveIt.PowerShell.Commands.SubmitAchieveItUpdatesCommand'
        Get-SandboxRequest $sandbox | Should -BeNullOrEmpty
    }

    It 'the sandbox refuses malformed JSON with 400 and a message' {
        $caught = $null
        try {
            Invoke-RestMethod -Method Post -Uri "$($sandbox.Uri)/api/progressupdates/bad.json" -Headers @{ Authorization = "API-KEY $($sandbox.Key)" } -ContentType 'application/json' -Body '[{"externalId":"K",'
        } catch { $caught = $_ }
        $caught.Exception.Response.StatusCode.value__ | Should -Be 400
        $caught.ErrorDetails.Message | Should -Match 'not valid JSON'
    }

    It 'fails a JSON job whose items break the rules, naming the item' {
        $job = Invoke-RestMethod -Method Post -Uri "$($sandbox.Uri)/api/progressupdates/rules.json" -Headers @{ Authorization = "API-KEY $($sandbox.Key)" } -ContentType 'application/json' `
            -Body '[{"externalId":"K1","status":"On Track","asOfDate":"2026-11-28"},{"externalId":"K2","status":"Bogus","asOfDate":"2026-11-28"}]'
        $done = Wait-AchieveItJob -JobId $job.jobId @connection -ErrorAction SilentlyContinue
        $done.State | Should -Be 'Failed'
        $done.Message | Should -Match 'InvalidStatus'
    }
}
