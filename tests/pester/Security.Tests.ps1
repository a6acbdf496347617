# Issue 8: safe with the key, the data and the process, tried as an attacker and as parallel runbooks would.
BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    $secondKey = [guid]::NewGuid().ToString('N')
    $sandbox = Start-TestSandbox -SandboxPath $SandboxPath -ProcessingDelayMs 0 -ExtraKeys $secondKey
    $other = Start-TestSandbox -SandboxPath $SandboxPath -ProcessingDelayMs 0 -Key $sandbox.Key
    $connection = @{ BaseUri = $sandbox.Uri; ApiKey = (ConvertTo-TestKey $sandbox.Key) }
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim() }
}

AfterAll {
    $sandbox, $other | ForEach-Object { Stop-TestSandbox $_ }
}

Describe 'The key is checked before anything is sent' {
    BeforeEach { Reset-Sandbox $sandbox; Disconnect-AchieveIt; Remove-Item Env:ACHIEVEIT_API_KEY -ErrorAction Ignore }
    AfterAll { Remove-Item Env:ACHIEVEIT_API_KEY -ErrorAction Ignore }

    It 'refuses a key with <Case> from <Source> (ApiKeyInvalid), opens no connection and never shows it' -ForEach @(
        foreach ($source in 'Parameter', 'Variable') {
            @{ Source = $source; Case = 'CR/LF and a header'; Suffix = "`r`nX-Evil: 1" }
            @{ Source = $source; Case = 'a line break inside'; Suffix = "`nmore" }
            # Environment variables cannot hold a NUL; the data names it, since no test report can hold one either.
            if ($source -eq 'Parameter') { @{ Source = $source; Case = 'a NUL'; Suffix = '<NUL>x' } }
            @{ Source = $source; Case = 'inner white space'; Suffix = ' tail' }
            @{ Source = $source; Case = 'a non-ASCII character'; Suffix = 'é' }
        }
    ) {
        $raw = $sandbox.Key + ($Suffix -replace '<NUL>', "`0")
        $arguments = @{ BaseUri = $sandbox.Uri }
        if ($Source -eq 'Parameter') { $arguments.ApiKey = ConvertTo-TestKey $raw } else { $env:ACHIEVEIT_API_KEY = $raw }
        foreach ($command in { New-TestRows 1 | Submit-AchieveItUpdates @arguments -ErrorAction Stop },
                             { Get-AchieveItJob -JobId ([guid]::NewGuid()) @arguments -ErrorAction Stop },
                             { Wait-AchieveItJob -JobId ([guid]::NewGuid()) @arguments -Timeout 5 -ErrorAction Stop }) {
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $caught = $null
            try { & $command } catch { $caught = $_ }
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 2 # no retries, no connection
            $caught.FullyQualifiedErrorId | Should -BeLike 'ApiKeyInvalid,*'
            $caught.Exception.Message | Should -Match $(if ($Source -eq 'Parameter') { '-ApiKey' } else { 'ACHIEVEIT_API_KEY' })
            $caught.Exception.Message | Should -Not -Match ([regex]::Escape($sandbox.Key.Substring(0, 12)))
            $caught.Exception.Message | Should -Not -Match 'X-Evil'
        }
        Get-SandboxRequest $sandbox | Should -BeNullOrEmpty
    }

    It 'never passes over an empty -ApiKey to another key (Connect-AchieveIt or the environment)' {
        Connect-AchieveIt -ApiKey (ConvertTo-TestKey $secondKey) -BaseUri $sandbox.Uri
        $env:ACHIEVEIT_API_KEY = $secondKey
        { New-TestRows 1 | Submit-AchieveItUpdates -ApiKey ([securestring]::new()) -ErrorAction Stop } |
            Should -Throw -ErrorId 'ApiKeyInvalid,AchieveIt.PowerShell.Commands.SubmitAchieveItUpdatesCommand'
        { Connect-AchieveIt -ApiKey ([securestring]::new()) } | Should -Throw -ErrorId 'ApiKeyInvalid,AchieveIt.PowerShell.Commands.ConnectAchieveItCommand'
        Get-SandboxRequest $sandbox | Should -BeNullOrEmpty
    }

    It 'refuses a key longer than any AchieveIt key, from the environment too' {
        $env:ACHIEVEIT_API_KEY = 'k' * 70000
        { New-TestRows 1 | Submit-AchieveItUpdates -BaseUri $sandbox.Uri -ErrorAction Stop } |
            Should -Throw -ErrorId 'ApiKeyInvalid,AchieveIt.PowerShell.Commands.SubmitAchieveItUpdatesCommand'
        Get-SandboxRequest $sandbox | Should -BeNullOrEmpty
    }

    It 'forgets the earlier connection when a Connect-AchieveIt fails' {
        Connect-AchieveIt @connection
        { Connect-AchieveIt -ApiKey (ConvertTo-TestKey 'KE Y1') -BaseUri $sandbox.Uri } | Should -Throw -ErrorId 'ApiKeyInvalid,AchieveIt.PowerShell.Commands.ConnectAchieveItCommand'
        { New-TestRows 1 | Submit-AchieveItUpdates -ErrorAction Stop } | Should -Throw -ErrorId 'ApiKeyMissing,AchieveIt.PowerShell.Commands.SubmitAchieveItUpdatesCommand'
        Get-SandboxRequest $sandbox | Should -BeNullOrEmpty
    }

    It 'never shows a key that the server echoes back (<Target>)' -ForEach @(@{ Target = 'submit' }, @{ Target = 'status' }) {
        Add-SandboxFault $sandbox @{ target = $Target; action = 'status'; status = 400; echoAuthorization = $true }
        if ($Target -eq 'submit') {
            New-TestRows 1 | Submit-AchieveItUpdates @connection -ErrorVariable errors -ErrorAction SilentlyContinue
            $text = $errors[0].Exception.Message
        } else {
            $text = (Get-AchieveItJob -JobId ([guid]::NewGuid()) @connection).Message
        }
        $text | Should -Match 'You sent Authorization: API-KEY \*\*\*\*'
        $text | Should -Not -Match ([regex]::Escape($sandbox.Key))
    }

    It 'refuses such a key at Connect-AchieveIt, naming Connect-AchieveIt' {
        { Connect-AchieveIt -ApiKey (ConvertTo-TestKey "$($sandbox.Key)`r`nX-Evil: 1") -BaseUri $sandbox.Uri } |
            Should -Throw -ErrorId 'ApiKeyInvalid,AchieveIt.PowerShell.Commands.ConnectAchieveItCommand'
        $caught = $null
        try { Connect-AchieveIt -ApiKey (ConvertTo-TestKey "$($sandbox.Key)`u{2028}x") -BaseUri $sandbox.Uri } catch { $caught = $_ }
        $caught.Exception.Message | Should -Match 'Connect-AchieveIt'
        { New-TestRows 1 | Submit-AchieveItUpdates -BaseUri $sandbox.Uri } | Should -Throw -ErrorId 'ApiKeyMissing,AchieveIt.PowerShell.Commands.SubmitAchieveItUpdatesCommand'
    }

    It 'trims a pasted key''s surrounding white space and sends it as one header (<Source>)' -ForEach @(
        @{ Source = 'Parameter' }, @{ Source = 'Connect' }, @{ Source = 'Variable' }
    ) {
        $pasted = "  $($sandbox.Key)`r`n"
        switch ($Source) {
            'Parameter' { $job = New-TestRows 2 | Submit-AchieveItUpdates -BaseUri $sandbox.Uri -ApiKey (ConvertTo-TestKey $pasted) }
            'Connect' { Connect-AchieveIt -ApiKey (ConvertTo-TestKey $pasted) -BaseUri $sandbox.Uri; $job = New-TestRows 2 | Submit-AchieveItUpdates }
            'Variable' { $env:ACHIEVEIT_API_KEY = $pasted; $job = New-TestRows 2 | Submit-AchieveItUpdates -BaseUri $sandbox.Uri }
        }
        $job.JobId | Should -Not -BeNullOrEmpty
        $requests = @(Get-SandboxRequest $sandbox)
        $requests.Count | Should -Be 1 # the CSV did not become a second request
        $requests[0].keyNumber | Should -Be 1
    }
}

Describe 'Nothing crosses to another origin' {
    BeforeEach { $sandbox, $other | ForEach-Object { Reset-Sandbox $_ } }

    It 'refuses a <Status> on the upload to <Case>: RedirectRefused naming it, no byte delivered there' -ForEach @(
        @{ Status = 307; Case = 'another port'; Where = 'other' }
        @{ Status = 308; Case = 'another port'; Where = 'other' }
        @{ Status = 307; Case = 'another host'; Where = 'host' }
        @{ Status = 308; Case = 'another scheme'; Where = 'scheme' }
    ) {
        $location = switch ($Where) {
            'other' { "$($other.Uri)/api/progressupdates/stolen.csv" }
            'host' { ($other.Uri -replace '127\.0\.0\.1', 'localhost') + '/api/progressupdates/stolen.csv' }
            'scheme' { ($sandbox.Uri -replace '^http:', 'https:') + '/api/progressupdates/stolen.csv' }
        }
        Add-SandboxFault $sandbox @{ target = 'submit'; action = 'redirect'; status = $Status; location = $location }
        $out = New-TestRows 2 | Submit-AchieveItUpdates @connection -ErrorVariable errors -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty # no answer from elsewhere became a job
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'RedirectRefused,*'
        $errors[0].Exception.Message | Should -Match ([regex]::Escape(([uri]$location).GetLeftPart('Path')))
        Get-SandboxRequest $other | Should -BeNullOrEmpty
        Invoke-SandboxApi $other -Path '/sandbox/jobs' | Should -BeNullOrEmpty
    }

    It 'refuses a status request redirected to another origin, and sends it nothing' {
        $job = New-TestRows 1 | Submit-AchieveItUpdates @connection
        Add-SandboxFault $sandbox @{ target = 'status'; action = 'redirect'; status = 307; location = "$($other.Uri)/api/jobs/$($job.JobId)" }
        { Get-AchieveItJob -JobId $job.JobId @connection -ErrorAction Stop } | Should -Throw -ErrorId 'RedirectRefused,AchieveIt.PowerShell.Commands.GetAchieveItJobCommand'
        Get-SandboxRequest $other | Should -BeNullOrEmpty
    }
}

Describe 'Connection state belongs to one runspace' {
    BeforeEach { Reset-Sandbox $sandbox; Disconnect-AchieveIt; Remove-Item Env:ACHIEVEIT_API_KEY -ErrorAction Ignore }

    It 'sends each runspace''s own key: 20 parallel runspaces with two keys, checked on the wire' -Tag 'Needs-PS7: ForEach-Object -Parallel' {
        $keys = @($sandbox.Key, $secondKey)
        $module = $modulePath
        $uri = $sandbox.Uri
        $results = 1..20 | ForEach-Object -ThrottleLimit 10 -Parallel {
            Import-Module $using:module
            $n = ($_ % 2) + 1
            Connect-AchieveIt -ApiKey (ConvertTo-SecureString ($using:keys)[$n - 1] -AsPlainText -Force) -BaseUri $using:uri
            Start-Sleep -Milliseconds (Get-Random -Maximum 200) # not a wait: jitter, so the runspaces interleave in a new order each run
            $job = [pscustomobject]@{ Id = "RS-$_"; Status = 'On Track'; Date = '2026-11-28' } | Submit-AchieveItUpdates -FileName "runspace-$_-key-$n.csv"
            [pscustomobject]@{ Runspace = $_; Key = $n; JobId = $job.JobId }
        }
        @($results).Count | Should -Be 20
        $posts = @(Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST')
        $posts.Count | Should -Be 20
        foreach ($post in $posts) {
            $post.path -match 'runspace-\d+-key-(\d)\.csv$' | Should -BeTrue
            $post.keyNumber | Should -Be ([int]$Matches[1])
        }
    }

    It 'starts disconnected in a runspace that ForEach-Object -Parallel reuses' -Tag 'Needs-PS7: ForEach-Object -Parallel' {
        $module = $modulePath
        $uri = $sandbox.Uri
        $key = $sandbox.Key
        $results = 1..4 | ForEach-Object -ThrottleLimit 1 -Parallel {
            Import-Module $using:module
            if ($_ -eq 1) { Connect-AchieveIt -ApiKey (ConvertTo-SecureString $using:key -AsPlainText -Force) -BaseUri $using:uri }
            try { [pscustomobject]@{ Id = "R-$_"; Status = 'On Track'; Date = '2026-11-28' } | Submit-AchieveItUpdates -BaseUri $using:uri -ErrorAction Stop | Out-Null; "$_ sent" }
            catch { "$_ $($_.FullyQualifiedErrorId)" -replace '^(\S+) .*?(ApiKeyMissing).*$', '$1 $2' }
        }
        $results[0] | Should -Be '1 sent'
        $results[1..3] | ForEach-Object { $_ | Should -Match 'ApiKeyMissing' }
        @(Get-SandboxRequest $sandbox).Count | Should -Be 1
    }

    It 'starts a new runspace disconnected, while the environment variable still applies everywhere' {
        Connect-AchieveIt @connection
        $ps = New-ModulePowerShell
        $null = $ps.AddScript("[pscustomobject]@{ Id = 'K1'; Status = 'On Track'; Date = '2026-11-28' } | Submit-AchieveItUpdates -BaseUri '$($sandbox.Uri)'")
        $ps.Invoke() | Should -BeNullOrEmpty
        $ps.Streams.Error[0].FullyQualifiedErrorId | Should -BeLike 'ApiKeyMissing,*'
        $ps.Dispose()
        Get-SandboxRequest $sandbox | Should -BeNullOrEmpty
        $env:ACHIEVEIT_API_KEY = $sandbox.Key
        try {
            $ps = New-ModulePowerShell
            $null = $ps.AddScript("[pscustomobject]@{ Id = 'K1'; Status = 'On Track'; Date = '2026-11-28' } | Submit-AchieveItUpdates -BaseUri '$($sandbox.Uri)'")
            @($ps.Invoke()).Count | Should -Be 1
            $ps.Dispose()
        } finally { Remove-Item Env:ACHIEVEIT_API_KEY }
    }

    It 'keeps job IDs for completion per runspace' {
        $job = New-TestRows 1 | Submit-AchieveItUpdates @connection
        (TabExpansion2 -inputScript 'Get-AchieveItJob -JobId ' -cursorColumn 24).CompletionMatches.CompletionText | Should -Contain $job.JobId
        $ps = New-ModulePowerShell
        $null = $ps.AddScript("(TabExpansion2 -inputScript 'Get-AchieveItJob -JobId ' -cursorColumn 24).CompletionMatches.CompletionText")
        $ps.Invoke() | Should -Not -Contain $job.JobId
        $ps.Dispose()
    }

    It 'forgets the connection when the module is removed and imported again' {
        $ps = New-ModulePowerShell
        $null = $ps.AddScript(@"
Connect-AchieveIt -ApiKey (ConvertTo-SecureString '$($sandbox.Key)' -AsPlainText -Force) -BaseUri '$($sandbox.Uri)'
[pscustomobject]@{ Id = 'K1'; Status = 'On Track'; Date = '2026-11-28' } | Submit-AchieveItUpdates
Remove-Module AchieveIt
Import-Module '$modulePath'
try { [pscustomobject]@{ Id = 'K2'; Status = 'On Track'; Date = '2026-11-28' } | Submit-AchieveItUpdates -BaseUri '$($sandbox.Uri)' -ErrorAction Stop; 'sent' }
catch { `$_.FullyQualifiedErrorId }
"@)
        $out = $ps.Invoke()
        $ps.Streams.Error | Should -BeNullOrEmpty
        $ps.Dispose()
        $out[0].JobId | Should -Not -BeNullOrEmpty
        $out[1] | Should -BeLike 'ApiKeyMissing,*'
        @(Get-SandboxRequest $sandbox).Count | Should -Be 1
    }
}

Describe 'Temporary files are private and do not outlive the process' -Tag 'Needs-Unix: file modes, SIGTERM and links' {
    BeforeAll {
        $submitScript = @'
$key = ConvertTo-SecureString $Arguments.Key -AsPlainText -Force
1..2000 | ForEach-Object { [pscustomobject]@{ Id = "K-$_"; Status = 'On Track'; Value = $_; Date = '2026-11-28' } } |
    Submit-AchieveItUpdates -BaseUri $Arguments.Uri -ApiKey $key -ErrorAction SilentlyContinue | Out-Null
'{}'
'@
    }
    BeforeEach { Reset-Sandbox $sandbox }

    It 'spools into a 0700 folder as 0600 files, and deletes them on SIGTERM' {
        $runtime = New-Item -ItemType Directory (Join-Path $TestDrive ("run-" + [guid]::NewGuid().ToString('N')))
        $spool = Join-Path $runtime 'achieveit'
        Add-SandboxFault $sandbox @{ target = 'submit'; action = 'delay'; delayMs = 60000 }
        $held = Get-HeldCount $sandbox
        $file = Join-Path $TestDrive 'sigterm.ps1'
        $argumentsFile = "$file.json"
        Set-Content $argumentsFile (@{ Key = $sandbox.Key; Uri = $sandbox.Uri } | ConvertTo-Json)
        Set-Content $file ("Import-Module '$modulePath'; `$Arguments = Get-Content '$argumentsFile' -Raw | ConvertFrom-Json`n" + $submitScript)
        $process = Start-ChildPwsh -File $file -Environment @{ XDG_RUNTIME_DIR = "$runtime" }
        try {
            # The sandbox holds the upload (its delay fault), so the spool file is open: that is the moment to look.
            Wait-Until { (Get-HeldCount $sandbox) -gt $held } -What 'the child''s upload to reach the sandbox'
            $spooled = @(Get-ChildItem $spool -Force -Filter '.achieveit-*.csv.tmp')
            $spooled.Count | Should -Be 1
            [IO.File]::GetUnixFileMode($spool) | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite, UserExecute')
            [IO.File]::GetUnixFileMode($spooled[0].FullName) | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite')
            $lock = @(Get-ChildItem $spool -Force -Filter '.achieveit-*.lock')
            $lock.Count | Should -Be 1
            [IO.File]::GetUnixFileMode($lock[0].FullName) | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite')
            kill -TERM $process.Id
            $process.WaitForExit(15000) | Should -BeTrue
            @(Get-ChildItem $spool -Force) | Should -BeNullOrEmpty
        } finally { Stop-ProcessTree $process }
    }

    It 'removes what a killed process left behind at the next run, never the files of a live one' {
        $runtime = New-Item -ItemType Directory (Join-Path $TestDrive ("run-" + [guid]::NewGuid().ToString('N')))
        $spool = New-Item -ItemType Directory (Join-Path $runtime 'achieveit')
        $dead = [guid]::NewGuid().ToString('N')
        $staleLock = New-Item (Join-Path $spool ".achieveit-$dead.lock") -Value ''
        $stale = New-Item (Join-Path $spool ".achieveit-$dead-0123456789abcdef.csv.tmp") -Value 'old rows'
        $orphan = New-Item (Join-Path $spool ".achieveit-$([guid]::NewGuid().ToString('N'))-01.csv.tmp") -Value 'no lock at all'
        $live = [guid]::NewGuid().ToString('N')
        $liveLock = [IO.File]::Open((Join-Path $spool ".achieveit-$live.lock"), 'CreateNew', 'ReadWrite', 'None') # held, as a live process holds it
        $liveFile = New-Item (Join-Path $spool ".achieveit-$live-01.csv.tmp") -Value 'rows being sent'
        $mine = New-Item (Join-Path $spool 'not-ours.txt') -Value 'kept'
        try {
            Invoke-ChildPwsh -Script $submitScript -Environment @{ XDG_RUNTIME_DIR = "$runtime" } -Arguments @{ Key = $sandbox.Key; Uri = $sandbox.Uri } | Out-Null
        } finally { $liveLock.Dispose() }
        Test-Path $stale, $staleLock, $orphan | Should -Be @($false, $false, $false)
        Test-Path $liveFile | Should -BeTrue
        Test-Path $mine | Should -BeTrue
        @(Get-ChildItem $spool -Force -Filter '.achieveit-*' | Where-Object Name -NotLike "*$live*") | Should -BeNullOrEmpty # its own files went too
    }

    It 'refuses a spool folder that someone else made first in a shared place' {
        $shared = New-Item -ItemType Directory (Join-Path $TestDrive ("shared-" + [guid]::NewGuid().ToString('N')))
        $target = New-Item -ItemType Directory (Join-Path $TestDrive ("elsewhere-" + [guid]::NewGuid().ToString('N')))
        New-Item -ItemType SymbolicLink -Path (Join-Path $shared 'achieveit') -Target $target | Out-Null
        $script = @'
try { [pscustomobject]@{ Id = 'K'; Status = 'On Track'; Date = '2026-11-28' } | Submit-AchieveItUpdates -BaseUri $Arguments.Uri -ApiKey (ConvertTo-SecureString $Arguments.Key -AsPlainText -Force); @{ Sent = $true } | ConvertTo-Json }
catch { @{ Sent = $false; Message = $_.Exception.Message } | ConvertTo-Json }
'@
        $result = Invoke-ChildPwsh -Script $script -Environment @{ XDG_RUNTIME_DIR = "$shared" } -Arguments @{ Key = $sandbox.Key; Uri = $sandbox.Uri }
        $result.Sent | Should -BeFalse
        $result.Message | Should -Match 'cannot hold private files: it is a link'
        @(Get-ChildItem $target -Force) | Should -BeNullOrEmpty
    }
}

BeforeDiscovery {
    # The other CsvHelpers are the ones the Pester tools project downloads: their versions are pinned there only.
    $tools = [xml](Get-Content (Join-Path $PSScriptRoot 'PesterPackage.csproj') -Raw)
    $otherCsvHelpers = ($tools.Project.ItemGroup.PackageDownload | Where-Object Include -EQ 'CsvHelper').Version -split ';' | ForEach-Object { $_.Trim('[', ']') }
    $csvHelperCases = foreach ($version in $otherCsvHelpers) { @{ Version = $version; Order = 'before' }, @{ Version = $version; Order = 'after' } }
}

Describe 'Another module''s CsvHelper cannot break ours' {
    It 'every cmdlet works with CsvHelper <Version> loaded <Order> the module' -ForEach $csvHelperCases {
        $dll = Join-Path $packages "csvhelper/$Version/lib/netstandard2.0/CsvHelper.dll"
        Test-Path $dll | Should -BeTrue
        $script = @'
$ErrorActionPreference = 'Stop'
if ($Arguments.Order -eq 'before') { Add-Type -Path $Arguments.Dll }
Import-Module $Arguments.Module
if ($Arguments.Order -eq 'after') { Add-Type -Path $Arguments.Dll }
$key = ConvertTo-SecureString $Arguments.Key -AsPlainText -Force
$folder = [IO.Path]::GetTempPath()
$csv = Join-Path $folder "csvhelper-$PID.csv"
$rows = 1..3 | ForEach-Object { New-AchieveItUpdate -ExternalId "K-$_" -Status 'on track' -MetricValue $_ -AsOfDate 2026-11-28 -Comment 'a, "quoted" comment' }
$rows | Export-AchieveItCsv -Path $csv -Force
$test = Test-AchieveItCsv -Path $csv
$job = Submit-AchieveItUpdates -Path $csv -BaseUri $Arguments.Uri -ApiKey $key
$got = Get-AchieveItJob -JobId $job.JobId -BaseUri $Arguments.Uri -ApiKey $key
$done = $job | Wait-AchieveItJob -BaseUri $Arguments.Uri -ApiKey $key -Timeout 30
Remove-Item $csv
$other = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'CsvHelper' -and $_.GetName().Version.Major -ne 33 }
[pscustomobject]@{ Valid = $test.IsValid; Rows = $test.RowCount; State = "$($done.State)"; Got = [bool]$got.JobId; OtherLoaded = [bool]$other; IsJob = $done -is [AchieveIt.Job] } | ConvertTo-Json
'@
        $file = Join-Path $TestDrive "csvhelper-$Version-$Order.ps1"
        Set-Content $file ("`$Arguments = '" + (@{ Order = $Order; Dll = $dll; Module = $modulePath; Key = $sandbox.Key; Uri = $sandbox.Uri } | ConvertTo-Json -Compress) + "' | ConvertFrom-Json`n" + $script)
        $process = Start-ChildPwsh -File $file
        $output = $process.StandardOutput.ReadToEnd(); $errors = $process.StandardError.ReadToEnd()
        $process.WaitForExit()
        $errors | Should -BeNullOrEmpty
        $result = $output | ConvertFrom-Json
        $result.Valid | Should -BeTrue
        $result.Rows | Should -Be 3
        $result.Got | Should -BeTrue
        $result.State | Should -Be 'Succeeded'
        $result.OtherLoaded | Should -BeTrue
        $result.IsJob | Should -BeTrue
    }

    It 'keeps only its own DLL in the module root; the rest load from Dependencies' -Tag 'Needs-PS7: assembly load contexts' {
        $root = Split-Path $modulePath
        (Get-ChildItem $root -Filter *.dll).Name | Should -Be 'AchieveIt.PowerShell.dll'
        Test-Path (Join-Path $root 'Dependencies/AchieveIt.Core.dll') | Should -BeTrue
        [Runtime.Loader.AssemblyLoadContext]::GetLoadContext([AchieveIt.Job].Assembly) | Should -Not -Be ([Runtime.Loader.AssemblyLoadContext]::Default)
    }
}

Describe 'Validation cannot be bypassed' {
    BeforeEach { Reset-Sandbox $sandbox }

    It 'the constructor applies the rules' {
        { [AchieveIt.ProgressUpdate]::new('bad,"external', 'Bogus', $null, [datetime]'2026-11-28', $null) } | Should -Throw -ExpectedMessage '*ExternalIdContainsExternal*'
        { [AchieveIt.ProgressUpdate]::new('KPI-1', 'Bogus', $null, [datetime]'2026-11-28', $null) } | Should -Throw -ExpectedMessage '*InvalidStatus*'
        [AchieveIt.ProgressUpdate]::new('KPI-1', 'at risk', 1.5, [datetime]'2026-11-28', $null).Status | Should -Be 'At Risk'
    }

    It 'a forged update (<Case>) is never sent or written' -ForEach @(
        @{ Case = 'made without a constructor' }
        @{ Case = 'changed by reflection' }
    ) {
        if ($Case -eq 'made without a constructor') {
            $forged = [System.Runtime.Serialization.FormatterServices]::GetUninitializedObject([AchieveIt.ProgressUpdate])
        } else {
            $forged = New-AchieveItUpdate -ExternalId 'KPI-1' -Status 'On Track' -AsOfDate 2026-11-28
            # The one reflection on a private field in the tests, on purpose: an attacker forging an object does this.
            $field = [AchieveIt.ProgressUpdate].GetField('<ExternalId>k__BackingField', [Reflection.BindingFlags]'NonPublic, Instance')
            $field.SetValue($forged, 'bad,"external')
        }
        $good = New-AchieveItUpdate -ExternalId 'KPI-2' -Status 'On Track' -AsOfDate 2026-11-28
        $good, $forged | Submit-AchieveItUpdates @connection -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors.FullyQualifiedErrorId | Should -Contain 'InvalidRows,AchieveIt.PowerShell.Commands.SubmitAchieveItUpdatesCommand'
        Get-SandboxRequest $sandbox | Should -BeNullOrEmpty
        $path = Join-Path $TestDrive 'forged.csv'
        $good, $forged | Export-AchieveItCsv -Path $path -ErrorAction SilentlyContinue
        Test-Path $path | Should -BeFalse
    }
}

Describe 'A server cannot exhaust memory, and messages point the right way' {
    BeforeEach { Reset-Sandbox $sandbox }

    It 'reads at most a bounded prefix of a 50 MB error body (<Target>): the process stays under 300 MB' -ForEach @(
        @{ Target = 'submit' }, @{ Target = 'status' }
    ) {
        Add-SandboxFault $sandbox @{ target = $Target; action = 'status'; status = 400; bodyBytes = 50MB }
        $script = @'
$key = ConvertTo-SecureString $Arguments.Key -AsPlainText -Force
$rows = [pscustomobject]@{ Id = 'K-1'; Status = 'On Track'; Date = '2026-11-28' }
if ($Arguments.Target -eq 'submit') {
    $rows | Submit-AchieveItUpdates -BaseUri $Arguments.Uri -ApiKey $key -ErrorVariable failed -ErrorAction SilentlyContinue
    $message = "$($failed[0].Exception.Message)"; $what = "$($failed[0].FullyQualifiedErrorId)"
} else {
    $job = Get-AchieveItJob -JobId ([guid]::NewGuid()) -BaseUri $Arguments.Uri -ApiKey $key   # a status 400: the job failed
    $message = $job.Message; $what = "$($job.State)"
}
$peak = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
@{ PeakMB = [int]($peak / 1MB); What = $what; MessageLength = $message.Length; Message = $message } | ConvertTo-Json
'@
        $result = Invoke-ChildPwsh -Script $script -Arguments @{ Key = $sandbox.Key; Uri = $sandbox.Uri; Target = $Target }
        $result.PeakMB | Should -BeLessThan 300
        $result.What | Should -BeLike $(if ($Target -eq 'submit') { 'SubmitRejected,*' } else { 'Failed' })
        $result.MessageLength | Should -BeLessThan 5000
        $result.Message | Should -Match 'Injected fault: 400'
    }

    It 'says a 403 key may be wrong or lack permission for these plan items' {
        $caught = $null
        try { New-TestRows 1 | Submit-AchieveItUpdates -BaseUri $sandbox.Uri -ApiKey (ConvertTo-TestKey 'not-a-key-of-this-sandbox') -ErrorAction Stop } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'ApiKeyRefused,*'
        $caught.Exception.Message | Should -Match 'may be wrong'
        $caught.Exception.Message | Should -Match 'lack permission for these plan items'
    }
}
