# The test files must run on Windows PowerShell 5.1 too (the hosted CI's Windows leg): no PowerShell 7-only syntax.
BeforeAll {
    $finder = Join-Path $PSScriptRoot '../compat/Find-Ps7OnlySyntax.ps1'
    $files = Get-ChildItem (Join-Path $PSScriptRoot '*.ps1'), (Join-Path $PSScriptRoot '../common/*.ps1') | Select-Object -ExpandProperty FullName
}

Describe 'Windows PowerShell 5.1 syntax' -Tag 'Needs-PS7: the parser that knows PowerShell 7 syntax' {
    It 'finds no PowerShell 7-only syntax in the test files and their helpers' {
        $findings = @($files | & $finder)
        $findings | ForEach-Object { "$($_.Path):$($_.Line): $($_.Syntax)" } | Should -BeNullOrEmpty
    }

    It 'catches a planted <Syntax>' -ForEach @(
        @{ Syntax = '??'; Code = '$a = $b ?? 1' }
        @{ Syntax = '??='; Code = '$a ??= 1' }
        @{ Syntax = '?.'; Code = '${a}?.Name' }
        @{ Syntax = 'ternary'; Code = '$a = $true ? 1 : 2' }
        @{ Syntax = '&&'; Code = 'Get-Date && Get-Date' }
        @{ Syntax = 'ForEach-Object -Parallel'; Code = '1..2 | ForEach-Object -Parallel { $_ }' }
        @{ Syntax = 'clean block'; Code = 'function f { process { } clean { } }' }
    ) {
        $planted = Join-Path $TestDrive 'planted.Tests.ps1'
        Set-Content $planted "Describe 'x' { It 'y' { $Code } }"
        @(& $finder -Path $planted).Count | Should -BeGreaterThan 0
    }

    It 'allows ForEach-Object -Parallel inside a block tagged Needs-PS7' {
        $planted = Join-Path $TestDrive 'tagged.Tests.ps1'
        Set-Content $planted "Describe 'x' -Tag 'Needs-PS7: parallel' { It 'y' { 1..2 | ForEach-Object -Parallel { `$_ } } }"
        @(& $finder -Path $planted) | Should -BeNullOrEmpty
    }
}

Describe 'The hosted CI workflow' {
    BeforeAll {
        $workflow = Get-Content (Join-Path $PSScriptRoot '../../.github/workflows/ci.yml') -Raw
        $build = Get-Content (Join-Path $PSScriptRoot '../../build.ps1') -Raw
        $readme = Get-Content (Join-Path $PSScriptRoot '../../README.md') -Raw
        $ciRun = Get-Content (Join-Path $PSScriptRoot '../../.ci/run') -Raw
    }

    It 'is a valid workflow with the three legs' {
        # A YAML parser is not available here: check the structure the runner needs, line by line.
        $workflow | Should -Match '(?m)^on:'
        $workflow | Should -Match '(?m)^jobs:'
        foreach ($leg in 'ubuntu', 'windows-pwsh', 'windows-powershell-5-1') { $workflow | Should -Match "(?m)^  ${leg}:\s*$" }
        $workflow | Should -Match 'runs-on: ubuntu-latest'
        @([regex]::Matches($workflow, 'runs-on: windows-latest')).Count | Should -Be 2
        $workflow | Should -Match 'shell: powershell'
        $workflow | Should -Not -Match "`t" # YAML forbids tabs for indentation
        foreach ($line in $workflow -split "`n") {
            if ($line.Trim().Length -gt 0 -and -not $line.TrimStart().StartsWith('#')) { (($line.Length - $line.TrimStart().Length) % 2) | Should -Be 0 -Because "indentation in '$line'" }
        }
    }

    It 'runs on its ubuntu leg exactly the README''s test command, as .ci/run does' {
        $command = 'dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test'
        $readme | Should -Match ([regex]::Escape($command))
        $ciRun | Should -Match ([regex]::Escape($command))
        $workflow | Should -Match ("run: " + [regex]::Escape($command))
    }

    It 'calls only tasks and parameters that build.ps1 has' {
        $tasks = [regex]::Match($build, "ValidateSet\(([^)]*)\)\]\s*\[string\] \`$Task").Groups[1].Value
        foreach ($call in [regex]::Matches($workflow, 'build\.ps1 -Task (\w+)(?: -PowerShell (\w+))?')) {
            $tasks | Should -Match "'$($call.Groups[1].Value)'"
            if ($call.Groups[2].Success) { $build | Should -Match ([regex]::Escape("'$($call.Groups[2].Value)'")) }
        }
        $build | Should -Match '\[string\] \$PowerShell'
    }
}
