BeforeDiscovery {
    $modulePath = if ($env:ACHIEVEIT_TEST_MODULE) { $env:ACHIEVEIT_TEST_MODULE } else { Join-Path $PSScriptRoot '../../out/AchieveIt/AchieveIt.psd1' }
    Import-Module $modulePath -Force
    $cmdlets = @(Get-Command -Module AchieveIt -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } })
    $examples = foreach ($c in Get-Command -Module AchieveIt -CommandType Cmdlet) {
        $n = 0
        foreach ($example in (Get-Help $c.Name -Examples).examples.example) {
            $n++
            $code = ($example.code | Out-String).Trim()
            # An example can run here when every command it calls exists (Invoke-Sqlcmd or Get-Secret do not).
            $ast = [System.Management.Automation.Language.Parser]::ParseInput($code, [ref]$null, [ref]$null)
            $names = $ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true) | ForEach-Object { $_.GetCommandName() }
            $missing = @($names | Where-Object { $_ -and -not (Get-Command $_ -ErrorAction SilentlyContinue) })
            @{ Cmdlet = $c.Name; Number = $n; Code = $code; Runnable = $missing.Count -eq 0; Missing = $missing -join ', ' }
        }
    }
    $runnable = @($examples | Where-Object Runnable)
}

BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
}

Describe 'Help for <Name>' -ForEach $cmdlets {
    BeforeAll { $help = Get-Help $Name -Full }

    It 'has a synopsis and a description' {
        "$($help.Synopsis)".Trim() | Should -Not -BeLike "$Name*" -Because 'a synopsis that is only the syntax means no help was found'
        "$($help.Synopsis)".Length | Should -BeGreaterThan 20
        ($help.description | Out-String).Trim().Length | Should -BeGreaterThan 50
    }

    It 'describes every parameter' {
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        $parameters = (Get-Command $Name).Parameters.Values | Where-Object { $common -notcontains $_.Name -or $_.Name -in 'WhatIf', 'Confirm' } |
            Where-Object { -not ($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow }) }
        foreach ($parameter in $parameters) {
            $described = $help.parameters.parameter | Where-Object name -EQ $parameter.Name
            ($described.description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) of $Name needs a description"
        }
    }

    It 'names its inputs and outputs' {
        ($help.inputTypes | Out-String).Trim() | Should -Not -BeNullOrEmpty
        ($help.returnValues | Out-String).Trim() | Should -Not -BeNullOrEmpty
    }

    It 'shows at least two examples with -Examples' {
        @((Get-Help $Name -Examples).examples.example).Count | Should -BeGreaterOrEqual 2
    }
}

Describe 'about_AchieveIt' {
    It 'explains set-up, keys, environments, the runbook, the sandbox and every error ID' {
        $text = Get-Help about_AchieveIt | Out-String
        foreach ($topic in 'WHERE THE API KEY COMES FROM', 'ENVIRONMENTS AND -BaseUri', 'THE RUNBOOK PATTERN', 'THE SANDBOX', 'ERROR IDS') {
            $text | Should -Match ([regex]::Escape($topic))
        }
        foreach ($id in [AchieveIt.Http.ErrorIds].GetFields().Name + [AchieveIt.Rules.RuleCodes].GetFields().Name) {
            $text | Should -Match "\b$id\b" -Because "error ID $id needs an entry"
        }
    }
}

Describe 'The help examples, run against the sandbox' {
    BeforeAll {
        $work = Join-Path $TestDrive 'examples'
        New-Item -ItemType Directory (Join-Path $work 'exports') -Force | Out-Null
        $items = Join-Path $TestDrive 'plan-items.csv'
        [IO.File]::WriteAllText($items, "External ID,HasMetric,Name`r`nKPI-1,true,Revenue`r`nKPI-2,true,Churn`r`nKPI-3,false,Launch`r`n")
        $sandbox = Start-TestSandbox -SandboxPath $SandboxPath -ProcessingDelayMs 200 -ItemsFile $items
        $kpis = "External ID,Status,Current Metric Value,As Of Date,Comment`r`nKPI-1,On Track,0.5,2026-11-28,`r`nKPI-2,At Risk,12,2026-11-28,late`r`nKPI-3,Achieved,,11/27/2026,`r`n"
        foreach ($file in 'kpis.csv', 'nightly.csv', 'exports/a.csv', 'exports/b.csv') { [IO.File]::WriteAllText((Join-Path $work $file), $kpis) }
    }

    AfterAll { Stop-TestSandbox $sandbox }

    It '<Cmdlet> example <Number> runs green' -ForEach $runnable {
        Push-Location $work
        $env:ACHIEVEIT_API_KEY = $sandbox.Key; $env:ACHIEVEIT_BASE_URI = $sandbox.Uri
        try {
            $ErrorActionPreference = 'Stop'
            $null = & ([scriptblock]::Create($Code))
        } finally {
            Disconnect-AchieveIt
            $env:ACHIEVEIT_API_KEY = $null; $env:ACHIEVEIT_BASE_URI = $null
            Pop-Location
        }
    }

    It 'runs most examples (only those needing SQL Server or a secret store are left out)' -ForEach @(@{ RunnableCount = $runnable.Count; All = @($examples).Count }) {
        $RunnableCount | Should -BeGreaterOrEqual ($All - 4)
    }
}
