# One test per wire behaviour of docs/CONTRACT.md §5, against real sandboxes over loopback.
BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    $sandbox = Start-TestSandbox -SandboxPath $SandboxPath -ProcessingDelayMs 0
    $other = Start-TestSandbox -SandboxPath $SandboxPath -ProcessingDelayMs 0
    $slow = Start-TestSandbox -SandboxPath $SandboxPath -ProcessingDelayMs 3500
    $connection = @{ BaseUri = $sandbox.Uri; ApiKey = (ConvertTo-TestKey $sandbox.Key) }
}

AfterAll {
    $sandbox, $other, $slow | ForEach-Object { Stop-TestSandbox $_ }
}

Describe 'On the wire' {
    BeforeEach { $sandbox, $other, $slow | ForEach-Object { Reset-Sandbox $_ } }

    It 'retries a submit answered 500 (not queued): one job, two POSTs with identical bodies' {
        Add-SandboxFault $sandbox @{ target = 'submit'; action = 'status'; status = 500 }
        $job = New-TestRows 3 | Submit-AchieveItUpdates @connection
        $posts = @(Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST')
        $posts.status | Should -Be @(500, 200)
        $posts[0].bodySha256 | Should -Not -BeNullOrEmpty
        $posts[1].bodySha256 | Should -Be $posts[0].bodySha256
        @(Invoke-SandboxApi $sandbox -Path '/sandbox/jobs').Count | Should -Be 1
        $job.JobId | Should -Be (Invoke-SandboxApi $sandbox -Path '/sandbox/jobs')[0].jobId
    }

    It 'waits the Retry-After of a 429 before retrying' {
        Add-SandboxFault $sandbox @{ target = 'submit'; action = 'status'; status = 429; retryAfter = '2' }
        New-TestRows 1 | Submit-AchieveItUpdates @connection | Out-Null
        $posts = @(Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST')
        $posts.status | Should -Be @(429, 200)
        ([datetime]$posts[1].time - [datetime]$posts[0].time).TotalSeconds | Should -BeGreaterOrEqual 1.95
    }

    It 'never resends when the connection drops after the body: SubmitOutcomeUnknown' {
        Add-SandboxFault $sandbox @{ target = 'submit'; action = 'drop' }
        New-TestRows 2 | Submit-AchieveItUpdates @connection -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'SubmitOutcomeUnknown,*'
        $errors[0].Exception.Message | Should -Match 'may or may not'
        @(Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST').Count | Should -Be 1
    }

    It 'does not retry a refused key (<Status>) and does not show it' -ForEach @(
        @{ Status = 401; Key = $null }
        @{ Status = 403; Key = 'not-the-right-key-12345' }
    ) {
        $badKey = if ($Key) { ConvertTo-TestKey $Key } else { $null }
        if ($Status -eq 401) { Add-SandboxFault $sandbox @{ target = 'submit'; action = 'status'; status = 401; count = 2 }; $badKey = $connection.ApiKey }
        { New-TestRows 1 | Submit-AchieveItUpdates -BaseUri $sandbox.Uri -ApiKey $badKey -ErrorAction Stop } |
            Should -Throw -ErrorId 'ApiKeyRefused,AchieveIt.PowerShell.Commands.SubmitAchieveItUpdatesCommand'
        $message = $null
        try { New-TestRows 1 | Submit-AchieveItUpdates -BaseUri $sandbox.Uri -ApiKey $badKey -ErrorAction Stop } catch { $message = $_.Exception.Message }
        $message | Should -Match "refused the API key \(API-KEY \*{4}"
        $message | Should -Not -Match ([regex]::Escape($sandbox.Key))
        if ($Key) { $message | Should -Not -Match ([regex]::Escape($Key)) }
        @(Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST').Count | Should -Be 2 # one per attempt above, no retries
    }

    It 'follows a 307 on the same origin with the key and the body' {
        Add-SandboxFault $sandbox @{ target = 'submit'; action = 'redirect'; status = 307; location = '/api/progressupdates/moved.csv' }
        $job = New-TestRows 2 | Submit-AchieveItUpdates @connection
        $posts = @(Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST')
        $posts.status | Should -Be @(307, 200)
        $posts.hadAuthorization | Should -Be @($true, $true)
        $posts[1].bodySha256 | Should -Be $posts[0].bodySha256
        (Invoke-SandboxApi $sandbox -Path "/sandbox/jobs/$($job.JobId)").fileName | Should -Be 'moved.csv'
    }

    It 'sends nothing to another origin: <Case>' -ForEach @(
        @{ Case = 'an upload redirected with 307'; Target = 'submit'; Status = 307 }
        @{ Case = 'a status request redirected with 302'; Target = 'status'; Status = 302 }
    ) {
        $job = $null
        if ($Target -eq 'status') { $job = New-TestRows 1 | Submit-AchieveItUpdates @connection }
        Add-SandboxFault $sandbox @{ target = $Target; action = 'redirect'; status = $Status; location = "$($other.Uri)/api/elsewhere" }
        $errorId = $null
        try {
            if ($Target -eq 'submit') { New-TestRows 1 | Submit-AchieveItUpdates @connection -ErrorAction Stop }
            else { Get-AchieveItJob -JobId $job.JobId @connection -ErrorAction Stop }
        } catch { $errorId = $_.FullyQualifiedErrorId }
        $errorId | Should -BeLike 'RedirectRefused,*'
        Get-SandboxRequest $other | Should -BeNullOrEmpty # nothing at all goes to another origin
    }

    It 'refuses a 301 on the upload and names the new location' {
        Add-SandboxFault $sandbox @{ target = 'submit'; action = 'redirect'; status = 301; location = '/api/v2/progressupdates/x.csv' }
        New-TestRows 1 | Submit-AchieveItUpdates @connection -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'RedirectRefused,*'
        $errors[0].Exception.Message | Should -Match ([regex]::Escape("$($sandbox.Uri)/api/v2/progressupdates/x.csv"))
        @(Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST').Count | Should -Be 1
    }

    It 'sends through -Proxy when one is given' {
        # A second sandbox with the same key plays the proxy: Kestrel takes the absolute-form request line a
        # client sends to a proxy, so the upload lands there instead of at the address in -BaseUri.
        $proxy = Start-TestSandbox -SandboxPath $SandboxPath -ProcessingDelayMs 0 -Key $sandbox.Key
        try {
            $job = New-TestRows 1 | Submit-AchieveItUpdates @connection -Proxy $proxy.Uri
            $job.JobId | Should -Not -BeNullOrEmpty
            @(Get-SandboxRequest $proxy | Where-Object method -EQ 'POST').Count | Should -Be 1
            Get-SandboxRequest $sandbox | Should -BeNullOrEmpty
        } finally { Stop-TestSandbox $proxy }
    }

    It 'refuses plain http to a host that is not loopback, before any connection' {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        { New-TestRows 1 | Submit-AchieveItUpdates -BaseUri 'http://achieveit.invalid' -ApiKey $connection.ApiKey } |
            Should -Throw -ErrorId 'InsecureUri,AchieveIt.PowerShell.Commands.SubmitAchieveItUpdatesCommand'
        $clock.Elapsed.TotalSeconds | Should -BeLessThan (2 + $Slack)
    }

    It 'calls a job Succeeded after some 202s and a 200' {
        $slowConnection = @{ BaseUri = $slow.Uri; ApiKey = (ConvertTo-TestKey $slow.Key) }
        $job = New-TestRows 2 | Submit-AchieveItUpdates @slowConnection
        $done = $job | Wait-AchieveItJob @slowConnection
        $done.State | Should -Be 'Succeeded'
        $done.StatusCode | Should -Be 200
        $gets = @(Get-SandboxRequest $slow | Where-Object method -EQ 'GET')
        @($gets | Where-Object status -EQ 202).Count | Should -BeGreaterOrEqual 2
        $gets[-1].status | Should -Be 200
    }

    It 'calls a job answered 400 failed: JobFailed with the job as target, and -ErrorAction Stop throws' {
        $job = New-AchieveItUpdate -ExternalId K -Status 'On Track' -AsOfDate 2026-11-28 | Submit-AchieveItUpdates @connection
        $null = $job | Wait-AchieveItJob @connection # processed before the fault is set: the fault fails the next job processed, which must be $job2
        Add-SandboxFault $sandbox @{ action = 'failJob' }
        $job2 = New-TestRows 1 | Submit-AchieveItUpdates @connection
        $job2 | Wait-AchieveItJob @connection -ErrorVariable errors -ErrorAction SilentlyContinue | Out-Null
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'JobFailed,*'
        $errors[0].TargetObject.JobId | Should -Be $job2.JobId
        $errors[0].TargetObject.State | Should -Be 'Failed'
        { $job2 | Wait-AchieveItJob @connection -ErrorAction Stop } | Should -Throw -ErrorId 'JobFailed,AchieveIt.PowerShell.Commands.WaitAchieveItJobCommand'
        ($job | Wait-AchieveItJob @connection).State | Should -Be 'Succeeded'
    }

    It 'does not call a job failed for one status 500' {
        $job = New-TestRows 1 | Submit-AchieveItUpdates @connection
        Add-SandboxFault $sandbox @{ target = 'status'; action = 'status'; status = 500 }
        $done = $job | Wait-AchieveItJob @connection -ErrorVariable errors
        $errors | Should -BeNullOrEmpty
        $done.State | Should -Be 'Succeeded'
        @(Get-SandboxRequest $sandbox | Where-Object method -EQ 'GET').status | Should -Be @(500, 200)
    }

    It 'retries a status 503 and honours its Retry-After' {
        $job = New-TestRows 1 | Submit-AchieveItUpdates @connection
        Add-SandboxFault $sandbox @{ target = 'status'; action = 'status'; status = 503; retryAfter = '1' }
        (Get-AchieveItJob -JobId $job.JobId @connection).State | Should -Be 'Succeeded'
    }

    It 'reports an unknown job as JobNotFound' {
        Get-AchieveItJob -JobId ([guid]::NewGuid()) @connection -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'JobNotFound,*'
    }

    It 'writes WaitTimeout and the job in its last state when -Timeout passes' {
        $slowConnection = @{ BaseUri = $slow.Uri; ApiKey = (ConvertTo-TestKey $slow.Key) }
        $job = New-TestRows 1 | Submit-AchieveItUpdates @slowConnection
        $out = $job | Wait-AchieveItJob @slowConnection -Timeout 1 -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'WaitTimeout,*'
        $out.State | Should -Be 'Processing'
    }

    It 'waits for several jobs at once and writes each' {
        $jobs = New-TestRows 6 | Submit-AchieveItUpdates @connection -BatchSize 2
        $done = $jobs | Wait-AchieveItJob @connection
        $done.Count | Should -Be 3
        $done.State | Sort-Object -Unique | Should -Be 'Succeeded'
    }

    It 'shows one progress bar while waiting, which always ends with a Completed record' {
        $slowKey = ConvertTo-TestKey $slow.Key
        $jobs = New-TestRows 4 | Submit-AchieveItUpdates -BaseUri $slow.Uri -ApiKey $slowKey -BatchSize 2
        $ps = New-ModulePowerShell
        $null = $ps.AddCommand('Wait-AchieveItJob').AddParameter('Job', $jobs).AddParameter('BaseUri', $slow.Uri).AddParameter('ApiKey', $slowKey)
        $done = $ps.Invoke()
        $done.Count | Should -Be 2
        $progress = @($ps.Streams.Progress)
        $progress.Count | Should -BeGreaterThan 1
        @($progress.ActivityId | Sort-Object -Unique).Count | Should -Be 1
        $progress[-1].RecordType | Should -Be 'Completed'
        $ps.Dispose()
    }

    It 'ends its progress bar with Completed when it fails too' {
        $job = New-TestRows 1 | Submit-AchieveItUpdates @connection
        Add-SandboxFault $sandbox @{ target = 'status'; action = 'status'; status = 403 }
        $ps = New-ModulePowerShell
        $null = $ps.AddCommand('Wait-AchieveItJob').AddParameter('Job', $job).AddParameter('BaseUri', $sandbox.Uri).AddParameter('ApiKey', $connection.ApiKey)
        { $ps.Invoke() } | Should -Throw
        @($ps.Streams.Progress)[-1].RecordType | Should -Be 'Completed'
        $ps.Dispose()
    }

    It 'stops a Wait-AchieveItJob within 2 s, even during a slow request' {
        $job = New-TestRows 1 | Submit-AchieveItUpdates @connection
        Add-SandboxFault $sandbox @{ target = 'status'; action = 'delay'; delayMs = 600000; count = 10 }
        $held = Get-HeldCount $sandbox
        $ps = New-ModulePowerShell
        try {
            $null = $ps.AddCommand('Wait-AchieveItJob').AddParameter('JobId', $job.JobId).AddParameter('BaseUri', $sandbox.Uri).AddParameter('ApiKey', $connection.ApiKey)
            $handle = $ps.BeginInvoke()
            # The sandbox holds the first poll for 600 s: once it holds it, the cmdlet is inside a slow request.
            Wait-Until { (Get-HeldCount $sandbox) -gt $held } -What 'the first status read to be held'
            $ps.InvocationStateInfo.State | Should -Be 'Running'
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $clock.Elapsed.TotalSeconds | Should -BeLessThan (2 + $Slack)
            $handle.IsCompleted | Should -BeTrue
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $ps.Streams.Error | Should -BeNullOrEmpty
        } finally { $ps.Dispose() } # never left holding the sandbox the next test gets
    }
}
