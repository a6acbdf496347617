# Dot-sourced by every test file: imports the built module (the one build.ps1 made) and shared helpers.
$modulePath = if ($env:ACHIEVEIT_TEST_MODULE) { $env:ACHIEVEIT_TEST_MODULE } else { Join-Path $PSScriptRoot '../../out/AchieveIt/AchieveIt.psd1' }
Import-Module $modulePath -Force

function New-TestCsv {
    # Writes text to a file in TestDrive as UTF-8 without BOM, exactly as given.
    param([string] $Name, [string] $Text)
    $path = Join-Path $TestDrive $Name
    [System.IO.File]::WriteAllText($path, $Text, [System.Text.UTF8Encoding]::new($false))
    $path
}

. (Join-Path $PSScriptRoot '../common/Sandbox.ps1')
$script:SandboxPath = if ($env:ACHIEVEIT_TEST_SANDBOX) { $env:ACHIEVEIT_TEST_SANDBOX } else { Join-Path $PSScriptRoot '../../out/sandbox/AchieveIt.Sandbox.dll' }

function Invoke-SandboxApi {
    # Calls a sandbox endpoint with its key.
    param([Parameter(Mandatory)] $Sandbox, [string] $Method = 'GET', [Parameter(Mandatory)] [string] $Path, $Body)
    $arguments = @{ Uri = "$($Sandbox.Uri)$Path"; Method = $Method; Headers = @{ Authorization = "API-KEY $($Sandbox.Key)" } }
    if ($null -ne $Body) { $arguments.Body = ($Body | ConvertTo-Json -Compress); $arguments.ContentType = 'application/json' }
    # Unrolled: Invoke-RestMethod may write a JSON array as one object.
    Invoke-RestMethod @arguments | ForEach-Object { $_ }
}

function Add-SandboxFault([Parameter(Mandatory)] $Sandbox, [Parameter(Mandatory)] [hashtable] $Fault) {
    Invoke-SandboxApi $Sandbox -Method POST -Path '/sandbox/faults' -Body $Fault | Out-Null
}

function Reset-Sandbox([Parameter(Mandatory)] $Sandbox) {
    Invoke-SandboxApi $Sandbox -Method DELETE -Path '/sandbox/data' | Out-Null
    Invoke-SandboxApi $Sandbox -Method DELETE -Path '/sandbox/faults' | Out-Null
}

# The requests the sandbox received, without the sandbox's own /sandbox calls.
function Get-SandboxRequest([Parameter(Mandatory)] $Sandbox) {
    @(Invoke-SandboxApi $Sandbox -Path '/sandbox/requests') | Where-Object { $_.path -like '/api/*' }
}

function ConvertTo-TestKey([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }

function New-TestRows([int] $Count = 3) {
    1..$Count | ForEach-Object { [pscustomobject]@{ 'External ID' = "KPI-$_"; Status = 'On Track'; 'Current Metric Value' = $_; 'As Of Date' = '2026-11-28' } }
}

# A [PowerShell] instance in a new runspace that has the built module imported.
function New-ModulePowerShell {
    $state = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault()
    $state.ImportPSModule([string[]]@($modulePath))
    [PowerShell]::Create($state)
}
