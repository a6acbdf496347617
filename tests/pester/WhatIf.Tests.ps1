# Issue 35: what-if against the live plan. Compare-AchieveItUpdate and Submit-AchieveItUpdates with a plan, against the
# sandbox's sample plan (a processed job applies its updates to the plan's items, as AchieveIt does).
BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    $samplePlan = Join-Path (Split-Path $SandboxPath) 'sample-plan.csv'
    $sandbox = Start-TestSandbox -SandboxPath $SandboxPath -ItemsFile $samplePlan
    $connection = @{ BaseUri = $sandbox.Uri; ApiKey = (ConvertTo-TestKey $sandbox.Key) }
    $planId = $sandbox.PlanId
    # The sample plan: KPI-1 On Track 0.4, KPI-2 At Risk 14, KPI-3 Not Started (no value; no metric).
    function New-Row([string] $Id, [string] $Status, $Value, [string] $Date = '2026-11-28', [string] $Comment) {
        [pscustomobject]@{ 'External ID' = $Id; Status = $Status; 'Metric Value' = $Value; 'As Of Date' = $Date; Comment = $Comment }
    }
    function Get-Applied([string] $Id) { @(Invoke-SandboxApi $sandbox -Path "/sandbox/updates?externalId=$Id") | ForEach-Object { $_ } }
    # A child pwsh that runs Submit as a person would, so the -WhatIf lines are the host's own; its output and exit code.
    function Invoke-Host([string] $Script) {
        $file = Join-Path $TestDrive ('host-' + [guid]::NewGuid().ToString('N') + '.ps1')
        Set-Content -LiteralPath $file -Value ("Import-Module '$modulePath'; `$PSStyle.OutputRendering = 'PlainText'`n" +
            "Connect-AchieveIt -BaseUri '$($sandbox.Uri)' -ApiKey (ConvertTo-SecureString '$($sandbox.Key)' -AsPlainText -Force)`n" + $Script)
        $process = Start-ChildPwsh -File $file -Environment @{ ACHIEVEIT_JOURNAL_PATH = (Join-Path $TestDrive 'host-journal') }
        $output = $process.StandardOutput.ReadToEndAsync()
        $errors = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit(120000)) { Stop-ProcessTree $process; throw 'The child pwsh did not end within 120 s.' }
        $process.WaitForExit()
        [pscustomobject]@{ ExitCode = $process.ExitCode; Lines = @($output.Result -split "`r?`n" | Where-Object { $_ }); Errors = $errors.Result }
    }
}

AfterAll { Stop-TestSandbox $sandbox }

Describe 'Compare-AchieveItUpdate against the live plan' {
    BeforeEach { Reset-Sandbox $sandbox }

    It 'says Modify, NoChange and NotCompared, and Older once AchieveIt has a later update; it sends nothing' {
        $changes = @(
            New-Row KPI-1 'at risk' 0.35
            New-Row KPI-2 'at risk' '14.0'
            New-Row KPI-3 'not started' 5
        ) | Compare-AchieveItUpdate @connection -PlanId $planId -WarningAction SilentlyContinue
        $changes.ChangeType | Should -Be @('Modify', 'NoChange', 'NotCompared')
        $changes[0].ValueChange | Should -Be -0.05
        @(Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST').Count | Should -Be 0

        New-Row KPI-2 'At Risk' 14 | Submit-AchieveItUpdates @connection -Wait -ErrorAction Stop | Out-Null
        (New-Row KPI-2 'At Risk' 14 '2026-11-20' | Compare-AchieveItUpdate @connection -PlanId $planId).ChangeType | Should -Be 'Older'
    }

    It '-ExcludeChangeType leaves types out of the output' {
        $changes = @(New-Row KPI-1 'At Risk' 0.4; New-Row KPI-2 'At Risk' 14) | Compare-AchieveItUpdate @connection -PlanId $planId -ExcludeChangeType NoChange
        $changes.ExternalId | Should -Be 'KPI-1'
    }
}

Describe 'Submit-AchieveItUpdates with a plan' {
    BeforeEach { Reset-Sandbox $sandbox }

    It '-ExcludeChangeType NoChange sends exactly the rows that change something' {
        $job = @(New-Row KPI-1 'On Track' 0.4; New-Row KPI-2 'Off Track' 14) |
            Submit-AchieveItUpdates @connection -PlanId $planId -ExcludeChangeType NoChange -Wait -WarningVariable warnings -WarningAction SilentlyContinue -ErrorAction Stop
        $job.State | Should -Be 'Succeeded'
        $job.RowCount | Should -Be 1
        "$warnings" | Should -Match '1 unchanged row\(s\) left out \(-ExcludeChangeType NoChange\): KPI-1\.'
        @(Get-Applied KPI-1).Count | Should -Be 0
        (Get-Applied KPI-2).status | Should -Be 'Off Track'
    }

    It 'with every row unchanged, sends nothing and a runbook exits 0' {
        $run = Invoke-Host "`$ErrorActionPreference = 'Stop'
            [pscustomobject]@{ 'External ID' = 'KPI-1'; Status = 'On Track'; 'Metric Value' = '0.40'; 'As Of Date' = '2026-11-28' } |
                Submit-AchieveItUpdates -PlanId '$planId' -ExcludeChangeType NoChange -Wait
            exit 0"
        $run.ExitCode | Should -Be 0 -Because $run.Errors
        "$($run.Lines)" | Should -Match 'Nothing was sent: every valid row was left out by -ExcludeChangeType \(1 row\)'
        @(Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST').Count | Should -Be 0
    }

    It '-WhatIf prints the listing and the summary, on the host, and sends nothing' {
        $run = Invoke-Host "@([pscustomobject]@{ 'External ID' = 'KPI-1'; Status = 'At Risk'; 'Metric Value' = 0.35; 'As Of Date' = '2026-11-28' }
              [pscustomobject]@{ 'External ID' = 'KPI-2'; Status = 'At Risk'; 'Metric Value' = 14; 'As Of Date' = '2026-11-28' }) |
                Submit-AchieveItUpdates -PlanId '$planId' -WhatIf"
        $run.ExitCode | Should -Be 0 -Because $run.Errors
        $run.Lines[1] | Should -Match '^~ KPI-1 +On Track -> At Risk +0\.4 -> 0\.35 +-0\.05 2026-11-28$'
        $run.Lines[2] | Should -Match '^= KPI-2 +At Risk +14 +2026-11-28$'
        $run.Lines | Should -Contain "What if: 1 to change, 1 unchanged, 0 older than AchieveIt's latest update, 0 not compared."
        # The ShouldProcess message, the one -Confirm asks with, carries the summary too.
        $run.Lines[-1] | Should -Match '^What if: Performing the operation "Submit 2 AchieveIt updates as .*\(1 to change, 1 unchanged, 0 older'
        @(Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST').Count | Should -Be 0
    }

    It 'warns of an older row with its row, its ID and both dates, whether it is sent or left out' {
        New-Row KPI-2 'At Risk' 14 | Submit-AchieveItUpdates @connection -Wait -ErrorAction Stop | Out-Null
        $job = New-Row KPI-2 'At Risk' 14 '2026-11-20' | Submit-AchieveItUpdates @connection -PlanId $planId -Wait -WarningVariable sent -WarningAction SilentlyContinue -ErrorAction Stop
        $job.State | Should -Be 'Succeeded'
        "$sent" | Should -Match 'Input row 1 \(KPI-2\).*2026-11-20 is before AchieveIt''s latest update of item ''KPI-2'' \(2026-11-28\)'
        $none = New-Row KPI-2 'At Risk' 14 '2026-11-20' | Submit-AchieveItUpdates @connection -PlanId $planId -ExcludeChangeType Older -WarningVariable left -WarningAction SilentlyContinue -ErrorAction Stop
        $none | Should -BeNullOrEmpty
        "$left" | Should -Match 'before AchieveIt''s latest update'
        "$left" | Should -Match '1 older row\(s\) left out'
    }

    It 'round trip: submitted, applied, and compared again, every row is NoChange' {
        $rows = @(New-Row KPI-1 'At Risk' 0.35; New-Row KPI-2 'Off Track' 12; New-Row KPI-3 'On Track' '')
        ($rows | Submit-AchieveItUpdates @connection -PlanId $planId -Wait -ErrorAction Stop).State | Should -Be 'Succeeded'
        ($rows | Compare-AchieveItUpdate @connection -PlanId $planId).ChangeType | Should -Be @('NoChange', 'NoChange', 'NoChange')
    }
}
