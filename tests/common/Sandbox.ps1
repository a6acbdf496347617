# Starts and stops the sandbox as a real process on a free loopback port, for the demo, the benchmark and Pester.

function Start-TestSandbox {
    param(
        [Parameter(Mandatory)] [string] $SandboxPath,
        [int] $ProcessingDelayMs = 0,
        [string] $Key = [guid]::NewGuid().ToString('N'),
        [string[]] $ExtraKeys = @(),
        [string] $Database = ':memory:',
        [int] $MaxUploadMb = 50
    )
    $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($arg in @($SandboxPath, '--urls', 'http://127.0.0.1:0', '--api-key', $Key, '--database', $Database, '--processing-delay', "$ProcessingDelayMs", '--max-upload-mb', "$MaxUploadMb")) {
        $info.ArgumentList.Add($arg)
    }
    foreach ($extra in $ExtraKeys) { $info.ArgumentList.Add('--api-key'); $info.ArgumentList.Add($extra) }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    $deadline = [datetime]::UtcNow.AddSeconds(30)
    $uri = $null
    while (-not $uri -and [datetime]::UtcNow -lt $deadline) {
        $read = $process.StandardOutput.ReadLineAsync()
        if (-not $read.Wait(([datetime]::UtcNow - $deadline).Duration())) { break }
        if ($null -eq $read.Result) { break }
        if ($read.Result -match '^Listening on (http://\S+)$') { $uri = $Matches[1] }
    }
    if (-not $uri) {
        if (-not $process.HasExited) { $process.Kill($true) }
        throw "The sandbox did not start: $($process.StandardError.ReadToEnd())"
    }
    [pscustomobject]@{ Uri = $uri; Key = $Key; Process = $process }
}

function Stop-TestSandbox {
    param([Parameter(Mandatory)] $Sandbox)
    if (-not $Sandbox.Process.HasExited) {
        $Sandbox.Process.Kill($true)
        $Sandbox.Process.WaitForExit(10000) | Out-Null
    }
    $Sandbox.Process.Dispose()
}
