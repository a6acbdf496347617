BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    $sandbox = Start-TestSandbox -SandboxPath $SandboxPath -ProcessingDelayMs 0
    $key = ConvertTo-TestKey $sandbox.Key
    $connection = @{ BaseUri = $sandbox.Uri; ApiKey = $key }
}

AfterAll {
    Stop-TestSandbox $sandbox
}

Describe 'Submit-AchieveItUpdates' {
    BeforeEach { Reset-Sandbox $sandbox }

    It 'submits piped rows and returns one AchieveIt.Job with the rows and file name' {
        $job = New-TestRows 3 | Submit-AchieveItUpdates @connection -FileName 'nightly.csv'
        $job | Should -BeOfType ([AchieveIt.Job])
        $job.FileName | Should -Be 'nightly.csv'
        $job.RowCount | Should -Be 3
        $job.State | Should -Be 'Processing'
        $stored = Invoke-SandboxApi $sandbox -Path "/sandbox/jobs/$($job.JobId)"
        $stored.fileName | Should -Be 'nightly.csv'
    }

    It 'uploads byte for byte what Export-AchieveItCsv writes' {
        $rows = @(New-TestRows 3) + [pscustomobject]@{ 'External ID' = 'KPI 9'; Status = 'at risk'; 'Current Metric Value' = '1234.50'; 'As Of Date' = '07/03/2026'; Comment = "two`nlines, 'quoted' ""here""" }
        $path = Join-Path $TestDrive 'same.csv'
        $rows | Export-AchieveItCsv $path
        $rows | Submit-AchieveItUpdates @connection | Out-Null
        $post = Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST'
        $post.bodySha256 | Should -Be (Get-FileHash -LiteralPath $path -Algorithm SHA256).Hash
    }

    It 'waits with -Wait and the sandbox applies every row' {
        $job = New-TestRows 4 | Submit-AchieveItUpdates @connection -Wait
        $job.State | Should -Be 'Succeeded'
        @(Invoke-SandboxApi $sandbox -Path '/sandbox/updates').Count | Should -Be 4
    }

    It 'sends nothing when one Import-Csv row is bad, and names that row and the reason' {
        $path = New-TestCsv 'kpis.csv' "External ID,Status,Current Metric Value,As Of Date`r`nKPI-1,On Track,1,2026-11-28`r`nKPI-2,On-Track,2,2026-11-28`r`nKPI-3,At Risk,3,2026-11-28`r`n"
        $out = Import-Csv $path | Submit-AchieveItUpdates @connection -Wait -ErrorVariable errors -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidStatus,*'
        $errors[0].Exception.Message | Should -BeLike "Input row 2 (KPI-2), Status: 'On-Track'*Did you mean 'On Track'*"
        $errors[-1].FullyQualifiedErrorId | Should -BeLike 'InvalidRows,*'
        Get-SandboxRequest $sandbox | Should -BeNullOrEmpty
    }

    It 'takes DataRows from a SQL-style DataTable, with DBNull as empty' {
        $table = [System.Data.DataTable]::new()
        foreach ($column in 'Id', 'Status', 'Value', 'Date', 'Comment') { [void]$table.Columns.Add($column) }
        [void]$table.Rows.Add('KPI-1', 'Achieved', [DBNull]::Value, '2026-11-28', [DBNull]::Value)
        [void]$table.Rows.Add('KPI-2', 'at risk', '2.5', '2026-11-28', 'late')
        $job = $table.Rows | Submit-AchieveItUpdates @connection -Wait
        $job.State | Should -Be 'Succeeded'
        $applied = @(Invoke-SandboxApi $sandbox -Path '/sandbox/updates')
        $applied.metricValue | Should -Be @($null, '2.5')
        $applied.status | Should -Be @('Achieved', 'At Risk')
    }

    It 'sends only the good rows with -SkipInvalid' {
        $rows = @(New-TestRows 2) + [pscustomobject]@{ 'External ID' = 'BAD'; Status = 'nope'; 'As Of Date' = '2026-11-28' }
        $job = $rows | Submit-AchieveItUpdates @connection -SkipInvalid -Wait -ErrorAction SilentlyContinue -WarningVariable warnings
        $job.RowCount | Should -Be 2
        ($warnings -join ' ') | Should -Match '1 of 3 rows was invalid'
    }

    It 'splits into batches of -BatchSize, one job each' {
        $jobs = New-TestRows 5 | Submit-AchieveItUpdates @connection -BatchSize 2 -FileName 'part.csv'
        $jobs.Count | Should -Be 3
        $jobs.RowCount | Should -Be @(2, 2, 1)
        $jobs.FileName | Should -Be @('part-001.csv', 'part-002.csv', 'part-003.csv')
    }

    It 'sends nothing with -WhatIf' {
        New-TestRows 2 | Submit-AchieveItUpdates @connection -WhatIf
        Get-SandboxRequest $sandbox | Should -BeNullOrEmpty
    }

    It 'sends a -Path file as it is, but without its byte order mark' {
        $text = "KPI-1,On Track,1,2026-11-28`r`nKPI-2,At Risk,,2026-11-28`r`n"
        $path = Join-Path $TestDrive 'bom.csv'
        [IO.File]::WriteAllText($path, $text, [Text.UTF8Encoding]::new($true))
        $job = Submit-AchieveItUpdates -Path $path @connection -WarningAction SilentlyContinue
        $job.FileName | Should -Be 'bom.csv'
        $stored = Invoke-SandboxApi $sandbox -Path "/sandbox/jobs/$($job.JobId)"
        $stored.size | Should -Be ([Text.Encoding]::UTF8.GetByteCount($text))
    }

    It 'sends nothing for a -Path file with an invalid row' {
        $path = New-TestCsv 'bad.csv' "KPI-1,On Track,1,2026-11-28`r`nKPI-2,Dunno,1,2026-11-28`r`n"
        Submit-AchieveItUpdates -LiteralPath $path @connection -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidStatus,*'
        $errors[0].Exception.Message | Should -BeLike '*: line 2 (*), Status:*'
        Get-SandboxRequest $sandbox | Should -BeNullOrEmpty
    }

    It 'is also called Submit-AchieveItUpdate' {
        (Get-Alias Submit-AchieveItUpdate).ResolvedCommandName | Should -Be 'Submit-AchieveItUpdates'
    }

    It 'says the three ways to give a key when there is none' {
        Disconnect-AchieveIt
        $saved = $env:ACHIEVEIT_API_KEY; $env:ACHIEVEIT_API_KEY = $null
        try {
            { New-TestRows 1 | Submit-AchieveItUpdates -BaseUri $sandbox.Uri } | Should -Throw -ErrorId 'ApiKeyMissing,AchieveIt.PowerShell.Commands.SubmitAchieveItUpdatesCommand'
            try { New-TestRows 1 | Submit-AchieveItUpdates -BaseUri $sandbox.Uri } catch { $message = $_.Exception.Message }
            $message | Should -Match '-ApiKey'
            $message | Should -Match 'Connect-AchieveIt'
            $message | Should -Match 'ACHIEVEIT_API_KEY'
        } finally { $env:ACHIEVEIT_API_KEY = $saved }
    }

    It 'takes the key from <Source>' -ForEach @(
        @{ Source = 'Connect-AchieveIt' }
        @{ Source = 'ACHIEVEIT_API_KEY and ACHIEVEIT_BASE_URI' }
    ) {
        try {
            if ($Source -eq 'Connect-AchieveIt') { Connect-AchieveIt -ApiKey $key -BaseUri $sandbox.Uri }
            else { $env:ACHIEVEIT_API_KEY = $sandbox.Key; $env:ACHIEVEIT_BASE_URI = $sandbox.Uri }
            (New-TestRows 1 | Submit-AchieveItUpdates).JobId | Should -Not -BeNullOrEmpty
        } finally {
            Disconnect-AchieveIt
            $env:ACHIEVEIT_API_KEY = $null; $env:ACHIEVEIT_BASE_URI = $null
        }
    }

    It 'lets a parameter win over the session' {
        Connect-AchieveIt -ApiKey (ConvertTo-TestKey 'wrong-key') -BaseUri $sandbox.Uri
        try {
            (New-TestRows 1 | Submit-AchieveItUpdates -ApiKey $key).JobId | Should -Not -BeNullOrEmpty
        } finally { Disconnect-AchieveIt }
    }
}
