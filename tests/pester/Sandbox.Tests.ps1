# The vendor's own curl calls, unchanged but for the host, against the sandbox.
BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    $sandbox = Start-TestSandbox -SandboxPath $SandboxPath -ProcessingDelayMs 1500
}

AfterAll { Stop-TestSandbox $sandbox }

Describe 'The sandbox, with the vendor''s curl calls' {
    It 'queues a file (200 and a job ID), answers 202 then 200, and lists the applied rows' -Skip:(-not (Get-Command curl -CommandType Application -ErrorAction SilentlyContinue)) {
        Push-Location $TestDrive
        try {
            [IO.File]::WriteAllText((Join-Path $TestDrive 'my_updates.csv'), "External ID,Status,Current Metric Value,As Of Date`r`nKPI-1,On Track,1,2026-11-28`r`nKPI-2,At Risk,,11/27/2026`r`n")
            $auth = "Authorization: API-KEY $($sandbox.Key)"
            $answer = & curl -s -L -XPOST -H $auth --data-binary '@my_updates.csv' "$($sandbox.Uri)/api/progressupdates/my_updates.csv" | ConvertFrom-Json
            $answer.jobId | Should -Match '^[0-9a-f-]{36}$'
            $first = & curl -s -LI -XGET -H $auth "$($sandbox.Uri)/api/jobs/$($answer.jobId)"
            $first[0] | Should -Match '^HTTP/1\.1 202'
            $deadline = [datetime]::UtcNow.AddSeconds(15)
            do {
                Start-Sleep -Milliseconds 200 # polls, as the vendor's curl example does: the status endpoint is the only notice
                $status = (& curl -s -LI -XGET -H $auth "$($sandbox.Uri)/api/jobs/$($answer.jobId)")[0]
            } while ($status -match ' 202' -and [datetime]::UtcNow -lt $deadline)
            $status | Should -Match '^HTTP/1\.1 200'
            $updates = & curl -s -H $auth "$($sandbox.Uri)/sandbox/updates" | ConvertFrom-Json
            $updates.externalId | Should -Be @('KPI-1', 'KPI-2')
        } finally { Pop-Location }
    }

    It 'refuses a wrong or missing key with 403/401 and makes no job' {
        $before = @(Invoke-SandboxApi $sandbox -Path '/sandbox/jobs').Count
        $wrong = try { Invoke-WebRequest -Method Post -Uri "$($sandbox.Uri)/api/progressupdates/x.csv" -Body 'K,On Track,1,2026-01-01' -Headers @{ Authorization = 'API-KEY nope' } } catch { $_.Exception.Response.StatusCode.value__ }
        $missing = try { Invoke-WebRequest -Method Post -Uri "$($sandbox.Uri)/api/progressupdates/x.csv" -Body 'K,On Track,1,2026-01-01' } catch { $_.Exception.Response.StatusCode.value__ }
        $wrong | Should -Be 403
        $missing | Should -Be 401
        @(Invoke-SandboxApi $sandbox -Path '/sandbox/jobs').Count | Should -Be $before
    }
}
