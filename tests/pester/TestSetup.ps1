# Dot-sourced by every test file: imports the built module (the one build.ps1 made) and shared helpers.
# The tests never touch the user's submission journal: it is off unless a test gives a folder of its own.
$env:ACHIEVEIT_JOURNAL_PATH = 'off'
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

# One sandbox process per kind for the whole Pester run: a test file's Start-TestSandbox takes a free sandbox started
# with the same arguments (reset through DELETE /sandbox/data and /sandbox/faults), or starts one; its
# Stop-TestSandbox gives it back. Two sandboxes held at once are always two processes. Invoke-PesterSuite stops the
# pool at the end. A test that needs a process of its own (to kill it, to read its output) uses
# Start-SandboxProcess from tests/common/Sandbox.ps1.
if (-not $global:AchieveItSandboxPool) { $global:AchieveItSandboxPool = [Collections.Generic.List[object]]::new() }

function Start-TestSandbox {
    param(
        [Parameter(Mandatory)] [string] $SandboxPath,
        [int] $ProcessingDelayMs = 0,
        [string] $Key,
        [string[]] $ExtraKeys = @(),
        [string] $Database = ':memory:',
        [int] $MaxUploadMb = 50,
        [string] $ItemsFile,
        [string[]] $ExtraArguments = @()
    )
    $global:AchieveItSandboxHandOuts = 1 + [int]$global:AchieveItSandboxHandOuts # each was a process of its own before the pool
    $kind = @($SandboxPath, $ProcessingDelayMs, ($ExtraKeys -join ','), $Database, $MaxUploadMb, $ItemsFile, ($ExtraArguments -join ' ')) -join '|'
    $free = $global:AchieveItSandboxPool | Where-Object { $_.Kind -eq $kind -and -not $_.InUse -and -not $_.Sandbox.Process.HasExited -and (-not $Key -or $_.Sandbox.Key -eq $Key) } | Select-Object -First 1
    if ($free) {
        Reset-Sandbox $free.Sandbox
        $free.InUse = $true
        return $free.Sandbox
    }
    $arguments = @{}
    foreach ($name in $PSBoundParameters.Keys) { $arguments[$name] = $PSBoundParameters[$name] }
    if (-not $Key) { $arguments.Key = [guid]::NewGuid().ToString('N') }
    $sandbox = Start-SandboxProcess @arguments
    $global:AchieveItSandboxPool.Add([pscustomobject]@{ Kind = $kind; Sandbox = $sandbox; InUse = $true })
    $sandbox
}

function Stop-TestSandbox([Parameter(Mandatory)] $Sandbox) {
    $entry = $global:AchieveItSandboxPool | Where-Object { [object]::ReferenceEquals($_.Sandbox, $Sandbox) } | Select-Object -First 1
    if ($entry) { $entry.InUse = $false } else { Stop-SandboxProcess $Sandbox }
}

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

# Requests a delay fault holds now; a test takes the count before it starts its request and waits for one more, so a
# request another test left held never stands in for its own.
function Get-HeldCount([Parameter(Mandatory)] $Sandbox) { [int](Invoke-SandboxApi $Sandbox -Path '/sandbox/faults').delaying }

# Slack added to every wall-clock upper bound ("returns within -Timeout"): each bound sits far below what its case
# takes without the rule under test (a 600 s fault, a day's Retry-After, a read of /dev/zero that never ends), so the
# bound keeps its meaning and a loaded machine (17-minute runs have been seen) never decides the test.
$script:Slack = 20

# Waits until the condition holds, polling: the sandbox and a child process have no notices to wait on, so this is
# the one place a test polls (every 20 ms, up to -Seconds, then the test fails naming what it waited for).
function Wait-Until([Parameter(Mandatory)] [scriptblock] $Condition, [Parameter(Mandatory)] [string] $What, [int] $Seconds = 30) {
    $deadline = [datetime]::UtcNow.AddSeconds($Seconds)
    while (-not (& $Condition)) {
        if ([datetime]::UtcNow -gt $deadline) { throw "Waited $Seconds s for $What." }
        Start-Sleep -Milliseconds 20 # polls: see above
    }
}

# A journal folder of the test's own, private as the module makes one (0700 on Unix): a shared folder would get a
# private subfolder instead.
function New-PrivateFolder {
    $path = (New-Item -ItemType Directory (Join-Path $TestDrive ("journal-" + [guid]::NewGuid().ToString('N')))).FullName
    if ($IsLinux -or $IsMacOS) { chmod 700 $path }
    $path
}

# The README's nightly runbook: the powershell block after the "<!-- runbook: ... -->" marker (a regex match; its
# "code" group is the script), so the tests run the runbook exactly as the README shows it.
function Get-ReadmeRunbook([Parameter(Mandatory)] [string] $Readme) {
    [regex]::Match($Readme, '<!-- runbook:[^>]*-->\s*```powershell\r?\n(?<code>.*?)```', 'Singleline')
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

# Runs a script in a new pwsh process (the module imported, $Sandbox and $Arguments given) and returns what it
# wrote as one JSON document. -Environment sets variables for that process only.
function Invoke-ChildPwsh {
    param([Parameter(Mandatory)] [string] $Script, [hashtable] $Environment = @{}, $Arguments, [int] $TimeoutSeconds = 120)
    $file = Join-Path $TestDrive ("child-" + [guid]::NewGuid().ToString('N') + '.ps1')
    $prologue = "`$ErrorActionPreference = 'Stop'; Import-Module '$modulePath'; `$Arguments = [IO.File]::ReadAllText('$file.json') | ConvertFrom-Json`n"
    Set-Content -LiteralPath $file -Value ($prologue + $Script)
    Set-Content -LiteralPath "$file.json" -Value ($Arguments | ConvertTo-Json -Depth 5 -Compress)
    $process = Start-ChildPwsh -File $file -Environment $Environment
    $output = $process.StandardOutput.ReadToEndAsync()
    $errors = $process.StandardError.ReadToEndAsync()
    if (-not $process.WaitForExit($TimeoutSeconds * 1000)) { Stop-ProcessTree $process; throw "The child pwsh did not end within $TimeoutSeconds s." }
    $process.WaitForExit()
    if ($process.ExitCode -ne 0) { throw "The child pwsh failed ($($process.ExitCode)): $($errors.Result) $($output.Result)" }
    $output.Result | ConvertFrom-Json
}

# Starts the PowerShell that runs the tests, as a child process: pwsh itself (not the dotnet tool shim, so that
# its process ID is the one to signal) on PowerShell 7, powershell.exe on Windows PowerShell 5.1.
function Start-ChildPwsh {
    param([Parameter(Mandatory)] [string] $File, [hashtable] $Environment = @{}, [string[]] $ExtraArguments = @())
    $pwshDll = Join-Path $PSHOME 'pwsh.dll'
    if ($PSVersionTable.PSEdition -eq 'Desktop') { $exe = Join-Path $PSHOME 'powershell.exe'; $prefix = @() }
    elseif (Test-Path $pwshDll) { $exe = 'dotnet'; $prefix = @($pwshDll) }
    else { $exe = (Get-Process -Id $PID).Path; $prefix = @() }
    $info = New-Object System.Diagnostics.ProcessStartInfo $exe
    $info.Arguments = Join-ProcessArgument ($prefix + @('-NoProfile', '-NonInteractive', '-File', $File) + $ExtraArguments)
    $info.EnvironmentVariables.Remove('ACHIEVEIT_API_KEY')
    foreach ($name in $Environment.Keys) { $info.EnvironmentVariables[$name] = $Environment[$name] }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    $global:AchieveItChildPwshStarts = 1 + [int]$global:AchieveItChildPwshStarts # counted for the run's figures
    [System.Diagnostics.Process]::Start($info)
}
