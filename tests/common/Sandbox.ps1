# Starts and stops the sandbox as a real process on a free loopback port, for the demo, the benchmark and Pester
# (which shares them: tests/pester/TestSetup.ps1).
# Windows PowerShell 5.1 runs this too (the hosted CI's Windows leg): no ProcessStartInfo.ArgumentList, no Kill($true).

# One command line from arguments, quoted as Windows and .NET on Unix both read it.
function Join-ProcessArgument([string[]] $Arguments) {
    ($Arguments | ForEach-Object {
        if ($_ -match '^[A-Za-z0-9_./:=@+-]+$') { $_ } else { '"' + (($_ -replace '(\\*)"', '$1$1\"') -replace '(\\+)$', '$1$1') + '"' }
    }) -join ' '
}

function Stop-ProcessTree([System.Diagnostics.Process] $Process) {
    if ($Process.HasExited) { return }
    $kill = $Process.GetType().GetMethod('Kill', [type[]]@([bool]))
    if ($kill) { $kill.Invoke($Process, @($true)) } else { $Process.Kill() }
}

function Start-SandboxProcess {
    param(
        [Parameter(Mandatory)] [string] $SandboxPath,
        [int] $ProcessingDelayMs = 0,
        [string] $Key = [guid]::NewGuid().ToString('N'),
        [string[]] $ExtraKeys = @(),
        [string] $Database = ':memory:',
        [int] $MaxUploadMb = 50,
        [string] $ItemsFile,
        [string[]] $ExtraArguments = @()
    )
    $info = New-Object System.Diagnostics.ProcessStartInfo 'dotnet'
    $arguments = @($SandboxPath, '--urls', 'http://127.0.0.1:0', '--api-key', $Key, '--database', $Database, '--processing-delay', "$ProcessingDelayMs", '--max-upload-mb', "$MaxUploadMb")
    foreach ($extra in $ExtraKeys) { $arguments += '--api-key', $extra }
    if ($ItemsFile) { $arguments += '--items', $ItemsFile }
    $arguments += $ExtraArguments
    $info.Arguments = Join-ProcessArgument $arguments
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
        Stop-ProcessTree $process
        throw "The sandbox did not start: $($process.StandardError.ReadToEnd())"
    }
    # Its output is read to the end from now on, so a sandbox that lives through a whole test run never blocks on a full pipe.
    $null = $process.StandardOutput.ReadToEndAsync()
    $null = $process.StandardError.ReadToEndAsync()
    [pscustomobject]@{ Uri = $uri; Key = $Key; Process = $process; PlanId = '5a1d6b0e-8c3f-4b7a-9e21-3f0c2d4b6a10' }
}

function Stop-SandboxProcess {
    param([Parameter(Mandatory)] $Sandbox)
    if (-not $Sandbox.Process.HasExited) {
        Stop-ProcessTree $Sandbox.Process
        $Sandbox.Process.WaitForExit(10000) | Out-Null
    }
    $Sandbox.Process.Dispose()
}
