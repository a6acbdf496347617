<#
.SYNOPSIS
    Runs every Pester test in this folder against the built module and writes NUnit XML for build.ps1 to count; exits
    1 when anything failed (a test, a block or a whole file).
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SandboxPath,
    [Parameter(Mandatory)] [string] $PackagePath,
    [Parameter(Mandatory)] [string] $ResultPath
)

$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force
$env:ACHIEVEIT_TEST_MODULE = $ModulePath
$env:ACHIEVEIT_TEST_SANDBOX = $SandboxPath
$env:ACHIEVEIT_TEST_PACKAGE = $PackagePath

# Tests that cannot run here are tagged with the reason ("Needs-PS7: ...", "Needs-Unix: ..."): they are left out
# and listed, never skipped silently.
$onWindows = [Environment]::OSVersion.Platform -eq 'Win32NT'
$exclude = @()
if ($PSVersionTable.PSVersion.Major -lt 7) { $exclude += 'Needs-PS7*' }
if ($onWindows) { $exclude += 'Needs-Unix*' }

$configuration = New-PesterConfiguration
$configuration.Run.Path = $PSScriptRoot
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Normal'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnit3'
$configuration.TestResult.OutputPath = $ResultPath
if ($exclude) {
    $configuration.Filter.ExcludeTag = $exclude
    $discovery = New-PesterConfiguration
    $discovery.Run.Path = $PSScriptRoot
    $discovery.Run.SkipRun = $true
    $discovery.Run.PassThru = $true
    $discovery.Output.Verbosity = 'None'
    $all = Invoke-Pester -Configuration $discovery
    foreach ($test in $all.Tests) {
        $tags = @($test.Tag) + @($test.Block.Tag) + @($test.Block.Parent.Tag) | Where-Object { $_ }
        $reasons = @($tags | Where-Object { $tag = $_; @($exclude | Where-Object { $tag -like $_ }).Count -gt 0 })
        if ($reasons) { Write-Host "Skipped here ($($reasons -join '; ')): $($test.ExpandedPath)" }
    }
}
try {
    $result = Invoke-Pester -Configuration $configuration
} finally {
    # The sandboxes the test files shared (tests/pester/TestSetup.ps1).
    . (Join-Path $PSScriptRoot '../common/Sandbox.ps1')
    foreach ($entry in @($global:AchieveItSandboxPool)) { if ($entry) { try { Stop-SandboxProcess $entry.Sandbox } catch { Write-Host "A sandbox could not be stopped: $_" } } }
    Write-Host ("Processes this run started: {0} shared sandboxes for {1} Start-TestSandbox calls, {2} child PowerShells" -f @($global:AchieveItSandboxPool).Count, [int]$global:AchieveItSandboxHandOuts, [int]$global:AchieveItChildPwshStarts)
}

$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
if ($failed -gt 0) { exit 1 }
