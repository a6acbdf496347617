BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
}

Describe 'On an 80-column screen' {
    It 'shows jobs with the whole JobId, state, rows, elapsed time and file; each column is a property or computed' {
        $job = [AchieveIt.Job]::new('5038014d-e4b1-4b5b-868f-21612c2cf252', 'nightly.csv', 100000, 'Custom', 'http://127.0.0.1:5/', $null, [DateTimeOffset]::UtcNow.AddSeconds(-75), 'Processing')
        $job.Rows | Should -Be 100000
        ($job | Sort-Object Rows | Select-Object -ExpandProperty Rows) | Should -Be 100000
        $text = $job | Out-String -Width 80
        $header = @($text -split "`n" | Where-Object { $_ -match 'JobId' })[0]
        foreach ($column in 'JobId', 'State', 'Rows', 'Elapsed', 'FileName') { $header | Should -Match "\b$column\b" }
        $text | Should -Match '5038014d-e4b1-4b5b-868f-21612c2cf252'
        $text | Should -Match 'Processing\s+100000\s+1:1[5-6]\s+nightly\.csv'
        $text | Should -Not -Match '5038014d[^\s]*(…|\.\.\.)'
        ($text -split "`n" | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual 80
    }

    It 'keeps a long file name readable at 80 columns (it wraps, never cut), and shows Unknown for a job never read' {
        $name = 'nightly-kpi-export-2026-11-28-batch-001.csv'
        $job = [AchieveIt.Job]::new('5038014d-e4b1-4b5b-868f-21612c2cf252', $name, 5000, 'Custom', 'http://127.0.0.1:5/', $null, [DateTimeOffset]::UtcNow)
        $job.State | Should -Be 'Unknown'
        $text = $job | Out-String -Width 80
        ($text -split "`n" | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual 80
        ($text -replace '\s', '') | Should -Match ([regex]::Escape($name))
        $text | Should -Not -Match '…'
    }

    It 'shows updates as a table with invariant numbers and dates' {
        $text = New-AchieveItUpdate -ExternalId KPI-1 -Status 'at risk' -MetricValue 0.5 -AsOfDate 2026-11-28 -Comment 'late' | Out-String -Width 80
        $text | Should -Match 'ExternalId\s+Status\s+MetricValue\s+AsOfDate\s+Comment'
        $text | Should -Match 'KPI-1\s+At Risk\s+0\.5\s+2026-11-28\s+late'
    }

    It 'shows test results as a table, and each issue as "line N (row N, ID), Column: message" in the list view' {
        $path = New-TestCsv 'bad.csv' "KPI-1,On-Track,20%,2026-11-28`r`n`r`nKPI-2,On Track,1,2026-11-28`r`n"
        $result = Test-AchieveItCsv $path
        $table = $result | Out-String -Width 80
        $table | Should -Match 'IsValid\s+Rows\s+Errors\s+Warnings\s+Path'
        $table | Should -Match 'False\s+2\s+3\s+0'
        $list = $result | Format-List | Out-String -Width 80
        $list | Should -Match 'line 1 \(row 1, KPI-1\), Status: ''On-Track'' is not a status'
        $list | Should -Match 'line 2: The row is empty'
    }

    It 'writes no colour codes into the views, so hosts without colour get plain text' {
        # Out-String strips the host's own styling, so the check is on what the views themselves emit.
        $views = Get-Content (Join-Path (Get-Module AchieveIt).ModuleBase 'AchieveIt.format.ps1xml') -Raw
        $views | Should -Not -Match '\x1b|`e|\$PSStyle|\[char\]\s*27'
        $result = Test-AchieveItCsv (New-TestCsv 'ok.csv' "K,Nope,1,2026-01-01`r`n")
        $result.Errors[0].ToString() | Should -Not -Match '\x1b'
    }
}

Describe 'Completion' {
    It 'offers the jobs submitted in this session for -JobId' {
        $sandbox = Start-TestSandbox -SandboxPath $SandboxPath -ProcessingDelayMs 0
        try {
            $job = New-TestRows 1 | Submit-AchieveItUpdates -BaseUri $sandbox.Uri -ApiKey (ConvertTo-TestKey $sandbox.Key)
            foreach ($command in 'Get-AchieveItJob', 'Wait-AchieveItJob') {
                $line = "$command -JobId "
                (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain $job.JobId
            }
            $line = "Get-AchieveItJob -JobId $($job.JobId.Substring(0, 6))"
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches[0].CompletionText | Should -Be $job.JobId
        } finally { Stop-TestSandbox $sandbox }
    }

    It 'offers the environments for -Environment' {
        $line = 'Submit-AchieveItUpdates -Environment '
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('Commercial', 'Government')
    }
}

Describe 'The manifest' {
    It 'passes Test-ModuleManifest and is ready for the Gallery' {
        $manifest = Test-ModuleManifest (Join-Path (Get-Module AchieveIt).ModuleBase 'AchieveIt.psd1')
        $manifest.Description | Should -Not -BeNullOrEmpty
        $manifest.Author | Should -Not -BeNullOrEmpty
        $manifest.ProjectUri | Should -Not -BeNullOrEmpty
        $manifest.LicenseUri | Should -Not -BeNullOrEmpty
        $manifest.Tags | Should -Contain 'AchieveIt'
        $manifest.ReleaseNotes | Should -Not -BeNullOrEmpty
        $manifest.ExportedAliases.Keys | Should -Contain 'Submit-AchieveItUpdate'
        $manifest.ExportedFormatFiles | Should -Not -BeNullOrEmpty
    }
}
