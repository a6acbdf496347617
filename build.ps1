#Requires -Version 7.0
<#
.SYNOPSIS
    The one entry point: builds, tests, demonstrates and benchmarks the AchieveIt module.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'QuickTest', 'Test', 'Pester', 'Framework', 'Demo', 'Bench', 'Sandbox', 'Package', 'Install', 'Clean')]
    [string] $Task = 'Build',

    # -Task Install: copy the module already built in out/AchieveIt instead of building it first.
    [switch] $SkipBuild,

    # -Task Bench: a smoke run instead (2,000 rows, one run, every row of the table checked, no time judged).
    [switch] $Smoke,

    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',

    # -Task Pester: the PowerShell that runs the Pester suites against out/AchieveIt (the hosted CI's Windows legs):
    # 'pwsh' (PowerShell 7) or 'powershell' (Windows PowerShell 5.1). Tests tagged Needs-PS7 / Needs-Unix are
    # skipped where they cannot run, and listed.
    [ValidateSet('dotnet-pwsh', 'pwsh', 'powershell')]
    [string] $PowerShell = 'dotnet-pwsh'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

# Every path comes from here.
$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'AchieveIt'
$Manifest = Join-Path $Root 'AchieveIt.psd1'
$CmdletProject = Join-Path $Root 'src/AchieveIt.PowerShell/AchieveIt.PowerShell.csproj'
$Solution = Join-Path $Root 'AchieveIt.PowerShell.sln'
$SandboxProject = Join-Path $Root 'src/AchieveIt.Sandbox/AchieveIt.Sandbox.csproj'
$SandboxOut = Join-Path $Out 'sandbox'
$ContenderProject = Join-Path $Root 'tests/bench/Contender/AchieveIt.Bench.Contender.csproj'
$ContenderOut = Join-Path $Out 'bench/contender'
$PesterProject = Join-Path $Root 'tests/pester/PesterPackage.csproj'
$PackagePins = Join-Path $Root 'Directory.Packages.props'
$TestResults = Join-Path $Out 'test-results'
$PackageOut = Join-Path $Out 'package'
$FrameworkTests = Join-Path $Root 'tests/AchieveIt.Core.Tests.Framework/AchieveIt.Core.Tests.Framework.csproj'
$LoaderHarness = Join-Path $Root 'tests/AchieveIt.Loader.Harness/AchieveIt.Loader.Harness.csproj'
$MonoPackage = 'mono-devel' # Debian's Mono with the .NET Framework 4.x libraries the net48 tests load

function Assert-Tool {
    if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
        throw 'The .NET SDK is missing: install the .NET 10 SDK so that "dotnet" is on the PATH, then run: dotnet tool restore && dotnet pwsh ./build.ps1 -Task Build'
    }
    Push-Location $Root
    try {
        & dotnet pwsh -NoProfile -NonInteractive -Command 'exit 0' *> $null
        if ($LASTEXITCODE -ne 0) { throw 'The pinned PowerShell tool is not restored. Run: dotnet tool restore' }
    } finally { Pop-Location }
}

# A plain function (not advanced), so arguments such as -o pass through to dotnet untouched.
function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

# Each package version is pinned once, in a project file (Directory.Packages.props, or the Pester tools project's
# PackageDownload items); the build reads it from there. -Index picks one of several pinned versions ("[a];[b]").
function Get-PinnedVersion([string] $Project, [string] $Package, [int] $Index = 0) {
    $item = ([xml](Get-Content $Project -Raw)).Project.ItemGroup.ChildNodes | Where-Object { $_.Include -eq $Package } | Select-Object -First 1
    if (-not $item) { throw "$Project pins no version of $Package." }
    (($item.Version -split ';')[$Index]).Trim('[', ']', ' ')
}

function Get-ModuleVersion {
    (Import-PowerShellDataFile $Manifest).ModuleVersion
}

function Invoke-Build {
    Assert-Tool
    $version = Get-ModuleVersion
    $publish = Join-Path $Out 'publish'
    Invoke-Dotnet publish $CmdletProject -c $Configuration -o $publish --nologo -v quiet "-p:Version=$version"
    if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
    New-Item -ItemType Directory $ModuleOut | Out-Null
    # Exactly what the module needs: the entry assembly at the top, everything it depends on (AchieveIt.Core,
    # CsvHelper, ...) in Dependencies/, loaded by Loading/ModuleInitializer in the module's own load context on
    # PowerShell 7; never System.Management.Automation; then the manifest, views and help.
    $dependencies = New-Item -ItemType Directory (Join-Path $ModuleOut 'Dependencies')
    foreach ($dll in Get-ChildItem $publish -Filter *.dll | Where-Object Name -NE 'System.Management.Automation.dll') {
        $destination = if ($dll.Name -eq 'AchieveIt.PowerShell.dll') { $ModuleOut } else { $dependencies }
        Copy-Item $dll.FullName $destination
    }
    Copy-Item $Manifest $ModuleOut
    Copy-Item (Join-Path $Root 'src/AchieveIt.PowerShell/AchieveIt.format.ps1xml') $ModuleOut
    Copy-Item (Join-Path $Root 'src/AchieveIt.PowerShell/AchieveIt.types.ps1xml') $ModuleOut
    # Help: MAML generated from the help sources and the XML docs, in a fresh pwsh (it imports the module).
    $help = Join-Path $Root 'src/AchieveIt.PowerShell/Help'
    $culture = Join-Path $ModuleOut 'en-US'
    New-Item -ItemType Directory $culture | Out-Null
    Copy-Item (Join-Path $help 'about_AchieveIt.help.txt') $culture
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $help 'New-MamlHelp.ps1') -ModulePath (Join-Path $ModuleOut 'AchieveIt.psd1') `
        -XmlDocPath (Join-Path $publish 'AchieveIt.PowerShell.xml') -OutputPath (Join-Path $culture 'AchieveIt.PowerShell.dll-Help.xml')
    if ($LASTEXITCODE -ne 0) { throw 'Generating the help failed.' }
    Invoke-Dotnet publish $SandboxProject -c $Configuration -o $SandboxOut --nologo -v quiet "-p:Version=$version"
    # The benchmark's limit contender (never shipped): beside the module, so the bench and its Pester test find it.
    Invoke-Dotnet build $ContenderProject -c $Configuration -o $ContenderOut --nologo -v quiet
    Write-Host "Module $version built: $(Join-Path $ModuleOut 'AchieveIt.psd1'); sandbox: $(Join-Path $SandboxOut 'AchieveIt.Sandbox.dll')"
}

# A .nupkg of the module in out/package, made by Compress-PSResource: no repository is registered, nothing in the
# user's profile is touched.
function Invoke-Package {
    Invoke-Build
    if (Test-Path $PackageOut) { Remove-Item $PackageOut -Recurse -Force }
    New-Item -ItemType Directory $PackageOut | Out-Null
    Compress-PSResource -Path $ModuleOut -DestinationPath $PackageOut
    $package = Get-ChildItem $PackageOut -Filter *.nupkg | Select-Object -First 1
    if (-not $package) { throw "Publish-PSResource wrote no package to $PackageOut." }
    Write-Host "Package: $($package.FullName)"
}

function Get-PackageFolder {
    if ($env:NUGET_PACKAGES) { return $env:NUGET_PACKAGES }
    ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
}

function Get-PesterModulePath {
    Invoke-Dotnet restore $PesterProject --nologo -v quiet
    $packages = Get-PackageFolder
    $version = Get-PinnedVersion $PesterProject 'Pester'
    $path = Join-Path $packages "pester/$version/tools/Pester.psd1"
    if (-not (Test-Path $path)) { throw "Pester $version was not restored to '$path'. Run: dotnet restore $PesterProject" }
    $path
}

# Every suite writes NUnit XML (dotnet test's NUnit logger, Pester's NUnit3, the loader harness's own, and
# xunit.console's -nunit, the one NUnit 2.5 writer: JUnit was tried, and xunit.console's JUnit drops skipped tests),
# and this one reader counts them all, test case by test case, by its result: Passed/Success, Failed/Failure/Error,
# anything else skipped. A runner that fails or writes no file counts one failure (the caller adds it).
function Get-NUnitCounts([string[]] $Files) {
    $passed = 0; $failed = 0; $skipped = 0
    foreach ($file in $Files | Where-Object { Test-Path $_ }) {
        # A test's data may hold control characters (a NUL in a hostile External ID) that a writer puts in the XML as
        # they are, which no XML reader takes: they are replaced before reading, the counts are unchanged.
        try { $document = [xml]([regex]::Replace((Get-Content $file -Raw), '[\x00-\x08\x0B\x0C\x0E-\x1F]', '?')) }
        catch { Write-Host "The results in '$file' cannot be read ($($_.Exception.Message)): counted as one failure."; $failed++; continue }
        foreach ($case in $document.SelectNodes('//test-case')) {
            switch ($case.GetAttribute('result')) {
                { $_ -in 'Passed', 'Success' } { $passed++ }
                { $_ -in 'Failed', 'Failure', 'Error' } { $failed++ }
                default { $skipped++ }
            }
        }
    }
    [pscustomobject]@{ Passed = $passed; Failed = $failed; Skipped = $skipped }
}

# What git calls changed or new in the clone (ignored files such as out/ aside), or $null outside a git clone.
function Get-CloneChanges {
    if (-not (Test-Path (Join-Path $Root '.git')) -or -not (Get-Command git -ErrorAction SilentlyContinue)) { return $null }
    [pscustomobject]@{ Lines = @(& git -C $Root status --porcelain --untracked-files=all 2>$null) } # an object: an empty list must not read as $null
}

function Invoke-Test {
    $before = Get-CloneChanges
    Invoke-Package
    if (Test-Path $TestResults) { Remove-Item $TestResults -Recurse -Force }
    $failed = 0; $passed = 0

    $xunit = Invoke-XunitSuites
    $passed += $xunit.Passed; $failed += $xunit.Failed

    Write-Host '== Pester'
    $counts = Invoke-PesterSuite 'dotnet-pwsh'
    $passed += $counts.Passed; $failed += $counts.Failed

    Write-Host '== .NET Framework leg (the core on Mono, or on .NET Framework itself on Windows)'
    $framework = Invoke-FrameworkLeg
    $passed += $framework.Passed; $failed += $framework.Failed

    # The run leaves the clone as it found it: everything it makes goes under out/ (or the ignored bin/ and obj/).
    if ($null -ne $before) {
        $left = @((Get-CloneChanges).Lines | Where-Object { $before.Lines -notcontains $_ })
        if ($left.Count -gt 0) { Write-Host "The test run left files in the clone (git status): $($left -join '; ')"; $failed++ } else { Write-Host 'The clone is as the run found it (git status).'; $passed++ }
    }

    Write-Host ("xunit on .NET: {0} passed, {1} failed; Pester: {2} passed, {3} failed; .NET Framework leg: {4}" -f
        $xunit.Passed, $xunit.Failed, $counts.Passed, $counts.Failed, $framework.Summary)
    Write-Host ("{0} passed, {1} failed" -f $passed, $failed)
    if ($failed -gt 0) { exit 1 }
}

# The solution's xunit projects: the core, the sandbox, and the PowerShell layer hosted in process.
function Invoke-XunitSuites {
    Write-Host '== xunit (core, sandbox, PowerShell layer in process)'
    $results = Join-Path $TestResults 'xunit'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force } # never the counts of an earlier run
    & dotnet test $Solution -c $Configuration --nologo --logger "nunit;LogFilePath=$results/{assembly}.nunit.xml" --logger 'console;verbosity=minimal' --results-directory $results | Out-Host
    $counts = Get-NUnitCounts @(Get-ChildItem $results -Filter *.nunit.xml -ErrorAction SilentlyContinue | ForEach-Object FullName)
    if ($LASTEXITCODE -ne 0 -and $counts.Failed -eq 0) { $counts.Failed = 1 } # a build or runner failure counts
    $counts
}

# -Task QuickTest: the fast tier, the feedback while working (docs/MAINTAINERS.md): the xunit suites alone, with no
# module build, package, sandbox process or child pwsh. -Task Test runs them too, with everything else.
function Invoke-QuickTest {
    Assert-Tool
    $xunit = Invoke-XunitSuites
    Write-Host ("{0} passed, {1} failed" -f $xunit.Passed, $xunit.Failed)
    if ($xunit.Failed -gt 0) { exit 1 }
}

# The core's xunit tests built for net48 and run on Mono, and the loader harness (the module's Windows PowerShell
# resolver with another CsvHelper loaded), against the module in out/AchieveIt. Skipped, saying so, without Mono.
function Invoke-FrameworkLeg {
    param([switch] $Required) # -Task Framework asks for the leg itself: without Mono it fails instead of skipping
    $results = Join-Path $TestResults 'framework'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force } # never the counts of an earlier run
    New-Item -ItemType Directory $results -Force | Out-Null
    # Windows runs the net48 programs on its own .NET Framework; elsewhere they need Mono.
    if (-not $IsWindows -and -not (Get-Command mono -ErrorAction SilentlyContinue)) {
        $why = "skipped: Mono is not installed (Debian/Ubuntu: sudo apt-get install -y $MonoPackage; .ci/run installs it)"
        Write-Host "The .NET Framework leg was $why."
        return [pscustomobject]@{ Passed = 0; Failed = [int]$Required.IsPresent; Summary = $why }
    }
    foreach ($project in $FrameworkTests, $LoaderHarness) { Invoke-Dotnet build $project -c $Configuration --nologo -v quiet | Out-Host }
    if (-not $IsWindows) { Write-Host ((& mono --version | Select-Object -First 1) -replace '\s*\(.*$', '') }

    $packages = Get-PackageFolder
    $bin = Join-Path $Root "tests/AchieveIt.Core.Tests.Framework/bin/$Configuration/net48"
    $xml = Join-Path $results 'xunit-net48.nunit.xml'
    $runner = Join-Path $packages "xunit.runner.console/$(Get-PinnedVersion $PackagePins 'xunit.runner.console')/tools/net472/xunit.console.exe"
    $code = Invoke-FrameworkProgram $runner (Join-Path $bin 'AchieveIt.Core.Tests.dll'), '-noshadow', '-nologo', '-nunit', $xml -Log (Join-Path $results 'xunit-net48.txt')
    $xunit = Get-NUnitCounts $xml
    if (($code -ne 0 -or $xunit.Passed -eq 0) -and $xunit.Failed -eq 0) { $xunit.Failed = 1 } # a runner failure, a hang or no test run counts

    # The other module's CsvHelper: the first other version the Pester tools project downloads for the isolation tests.
    $other = Join-Path $packages "csvhelper/$(Get-PinnedVersion $PesterProject 'CsvHelper')/lib/net47/CsvHelper.dll"
    $harness = Join-Path $Root "tests/AchieveIt.Loader.Harness/bin/$Configuration/net48/AchieveIt.Loader.Harness.exe"
    $nunit = Join-Path $results 'loader-harness.nunit.xml'
    $code = Invoke-FrameworkProgram $harness $ModuleOut, $other, '--nunit', $nunit -Log (Join-Path $results 'loader-harness.txt')
    $loader = Get-NUnitCounts $nunit
    if (($code -ne 0 -or $loader.Passed -eq 0) -and $loader.Failed -eq 0) { $loader.Failed = 1 }

    $summary = "core tests on {5} {0} passed, {1} failed, {2} skipped (each with its reason above); loader harness {3} passed, {4} failed" -f
        $xunit.Passed, $xunit.Failed, $xunit.Skipped, $loader.Passed, $loader.Failed, $(if ($IsWindows) { '.NET Framework' } else { 'Mono' })
    Write-Host $summary
    [pscustomobject]@{ Passed = $xunit.Passed + $loader.Passed; Failed = $xunit.Failed + $loader.Failed; Summary = $summary }
}

# Runs a .NET Framework program (under Mono off Windows), its output shown and kept in $Log; a hang is stopped after
# 15 minutes.
function Invoke-FrameworkProgram([string] $Program, [string[]] $Arguments, [Parameter(Mandatory)] [string] $Log) {
    $output = $Log
    $quoted = @($Program) + $Arguments | ForEach-Object { '"' + $_ + '"' }
    $process = if ($IsWindows) {
        Start-Process $Program -ArgumentList ($quoted | Select-Object -Skip 1) -NoNewWindow -PassThru -RedirectStandardOutput $output -RedirectStandardError "$output.err"
    } else {
        Start-Process mono -ArgumentList $quoted -NoNewWindow -PassThru -RedirectStandardOutput $output -RedirectStandardError "$output.err"
    }
    $null = $process.Handle # keeps the exit code readable after the wait (Windows)
    if (-not $process.WaitForExit(15 * 60 * 1000)) {
        $process.Kill($true) # with its children (the harness's scenarios)
        Get-Content $output, "$output.err" -ErrorAction SilentlyContinue | Out-Host
        Write-Host "$Program did not finish in 15 minutes: stopped."
        return 124
    }
    Get-Content $output, "$output.err" | Out-Host
    $process.ExitCode
}

# The Pester suites in a fresh PowerShell of the given kind, so the tests see the built module as a user would.
function Invoke-PesterSuite([string] $Shell) {
    $pester = Get-PesterModulePath
    New-Item -ItemType Directory $TestResults -Force | Out-Null
    $nunit = Join-Path $TestResults "pester-$Shell.nunit.xml"
    if (Test-Path $nunit) { Remove-Item $nunit }
    $command = switch ($Shell) { 'dotnet-pwsh' { 'dotnet', 'pwsh' } 'pwsh' { , 'pwsh' } 'powershell' { , 'powershell' } }
    $exe = $command[0]; $rest = @($command | Select-Object -Skip 1) # an array: splatting a lone string would splat its letters
    & $exe @rest -NoProfile -NonInteractive -File (Join-Path $Root 'tests/pester/Invoke-PesterSuite.ps1') -PesterPath $pester -ModulePath (Join-Path $ModuleOut 'AchieveIt.psd1') `
        -SandboxPath (Join-Path $SandboxOut 'AchieveIt.Sandbox.dll') -PackagePath $PackageOut -ResultPath $nunit | Out-Host
    $code = $LASTEXITCODE
    $counts = Get-NUnitCounts $nunit
    if (($code -ne 0 -or $counts.Passed -eq 0) -and $counts.Failed -eq 0) { $counts.Failed = 1 } # a failed block or file, or no result, counts
    $counts
}

# -Task Framework: only the .NET Framework leg, against the module a Build made.
function Invoke-FrameworkOnly {
    if (-not (Test-Path (Join-Path $ModuleOut 'AchieveIt.psd1'))) { Invoke-Build }
    $null = Get-PesterModulePath # restores the other CsvHelper the loader harness loads
    $counts = Invoke-FrameworkLeg -Required
    Write-Host ("{0} passed, {1} failed" -f $counts.Passed, $counts.Failed)
    if ($counts.Failed -gt 0) { exit 1 }
}

# -Task Pester: only the Pester suites, in -PowerShell, against the module a Build made (the hosted CI's Windows legs).
function Invoke-PesterOnly {
    if (-not (Test-Path (Join-Path $ModuleOut 'AchieveIt.psd1'))) { Invoke-Build }
    if (-not (Test-Path $PackageOut)) { New-Item -ItemType Directory $PackageOut | Out-Null }
    $counts = Invoke-PesterSuite $PowerShell
    Write-Host ("{0} passed, {1} failed" -f $counts.Passed, $counts.Failed)
    if ($counts.Failed -gt 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tests/demo/Invoke-Demo.ps1') -ModulePath (Join-Path $ModuleOut 'AchieveIt.psd1') -SandboxPath (Join-Path $SandboxOut 'AchieveIt.Sandbox.dll')
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-Bench {
    Invoke-Build
    $script = if ($Smoke) { 'tests/bench/Test-BenchSmoke.ps1' } else { 'tests/bench/Invoke-Bench.ps1' }
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root $script) -ModulePath (Join-Path $ModuleOut 'AchieveIt.psd1') -SandboxPath (Join-Path $SandboxOut 'AchieveIt.Sandbox.dll') `
        -ContenderPath (Join-Path $ContenderOut 'AchieveIt.Bench.Contender.dll')
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

# The current user's module folders, where Import-Module AchieveIt finds a module without a path: PowerShell 7's
# (and on Windows also Windows PowerShell 5.1's, which has its own).
function Get-UserModuleFolder {
    if ($IsWindows -or $PSVersionTable.PSEdition -eq 'Desktop') {
        $documents = [Environment]::GetFolderPath('MyDocuments')
        return @((Join-Path $documents 'PowerShell/Modules'), (Join-Path $documents 'WindowsPowerShell/Modules'))
    }
    $data = if ($env:XDG_DATA_HOME) { $env:XDG_DATA_HOME } else { Join-Path $HOME '.local/share' }
    @(Join-Path $data 'powershell/Modules')
}

function Invoke-Install {
    if (-not $SkipBuild) { Invoke-Build }
    if (-not (Test-Path (Join-Path $ModuleOut 'AchieveIt.psd1'))) { throw 'There is no built module to install: run ./build.ps1 -Task Install without -SkipBuild.' }
    $version = Get-ModuleVersion
    foreach ($folder in Get-UserModuleFolder) {
        $target = Join-Path $folder "AchieveIt/$version"
        if (Test-Path $target) { Remove-Item $target -Recurse -Force } # the same version again: replaced whole
        New-Item -ItemType Directory $target -Force | Out-Null
        Copy-Item (Join-Path $ModuleOut '*') $target -Recurse -Force
        Write-Host "Installed AchieveIt $version for this user in $target"
    }
    Write-Host 'In a new PowerShell session: Import-Module AchieveIt; Get-Help about_AchieveIt'
}

function Invoke-Sandbox {
    Invoke-Build
    $key = [guid]::NewGuid().ToString('N')
    $plan = Join-Path $SandboxOut 'sample-plan.csv' # the IDs the README's examples use
    $planId = @(Import-Csv $plan)[0].'Plan ID'
    Write-Host "Sandbox API key (throw-away): $key"
    Write-Host "Sample plan ID:               $planId ($(@(Import-Csv $plan).'External ID' -join ', '))"
    Write-Host 'Base URI:                     http://127.0.0.1:5179 (-BaseUri). Ctrl+C stops the sandbox.'
    & dotnet (Join-Path $SandboxOut 'AchieveIt.Sandbox.dll') --urls 'http://127.0.0.1:5179' --api-key $key --processing-delay 1000 --items $plan
}

switch ($Task) {
    'Build' { Invoke-Build }
    'QuickTest' { Invoke-QuickTest }
    'Test' { Invoke-Test }
    'Pester' { Invoke-PesterOnly }
    'Framework' { Invoke-FrameworkOnly }
    'Demo' { Invoke-Demo }
    'Bench' { Invoke-Bench }
    'Sandbox' { Invoke-Sandbox }
    'Package' { Invoke-Package }
    'Install' { Invoke-Install }
    'Clean' { if (Test-Path $Out) { Remove-Item $Out -Recurse -Force } }
}
