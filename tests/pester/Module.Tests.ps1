BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    $module = Get-Module AchieveIt
}

Describe 'The built module' {
    It 'exports exactly its cmdlets and the one alias' {
        $module.ExportedCmdlets.Keys | Sort-Object | Should -Be @('Compare-AchieveItUpdate', 'Connect-AchieveIt', 'Disconnect-AchieveIt', 'Export-AchieveItCsv', 'Get-AchieveItConnection', 'Get-AchieveItJob', 'Get-AchieveItPlanItem', 'New-AchieveItUpdate', 'Submit-AchieveItUpdates', 'Test-AchieveItCsv', 'Wait-AchieveItJob')
        $module.ExportedAliases.Keys | Should -Be @('Submit-AchieveItUpdate')
    }

    It 'exports no functions or variables' {
        $module.ExportedFunctions.Count | Should -Be 0
        $module.ExportedVariables.Count | Should -Be 0
    }

    It 'declares both editions and Windows PowerShell 5.1' {
        $data = Import-PowerShellDataFile (Join-Path $module.ModuleBase 'AchieveIt.psd1')
        $data.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $data.PowerShellVersion | Should -Be '5.1'
        $data.CmdletsToExport | Should -Not -Contain '*'
    }

    It 'ships no PowerShell reference assembly, symbols or test code' {
        $files = Get-ChildItem $module.ModuleBase -Recurse -File | ForEach-Object Name
        $files | Should -Not -Contain 'System.Management.Automation.dll'
        $files | Where-Object { $_ -like '*.pdb' -or $_ -like '*Tests*' -or $_ -like 'xunit*' } | Should -BeNullOrEmpty
    }

    It 'keeps third-party DLLs in Dependencies/ and loads them from there' {
        Join-Path $module.ModuleBase 'Dependencies/CsvHelper.dll' | Should -Exist
        Join-Path $module.ModuleBase 'CsvHelper.dll' | Should -Not -Exist
        Test-AchieveItCsv (New-TestCsv 'load.csv' "K,On Track,1,2026-01-01`r`n") -Quiet | Should -BeTrue
        $csvHelper = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'CsvHelper' }
        $csvHelper.Location | Should -BeLike (Join-Path $module.ModuleBase 'Dependencies*')
    }

    It 'stamps the manifest version into the cmdlet assembly' {
        $dll = Join-Path $module.ModuleBase 'AchieveIt.PowerShell.dll'
        [System.Reflection.AssemblyName]::GetAssemblyName($dll).Version.ToString(3) | Should -Be $module.Version.ToString(3)
    }
}

Describe 'Importing in parallel runspaces' -Tag 'Needs-PS7: ForEach-Object -Parallel' {
    It 'succeeds in every runspace of a fresh process, round after round' {
        # A fresh process each round: the race is the first load of the module in a process.
        $script = Join-Path $TestDrive 'parallel-import.ps1'
        Set-Content $script @"
`$results = 1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
    try { Import-Module '$modulePath' -ErrorAction Stop; if ('AchieveIt.Job' -as [type]) { 'ok' } else { 'no [AchieveIt.Job]' } }
    catch { "failed: `$(`$_.Exception.GetBaseException().Message)" }
}
`$results -join '|'
"@
        foreach ($round in 1..5) {
            $process = Start-ChildPwsh -File $script
            $out = $process.StandardOutput.ReadToEndAsync(); $err = $process.StandardError.ReadToEndAsync()
            $process.WaitForExit()
            $out.Result.Trim() | Should -Be (@('ok') * 8 -join '|') -Because "round ${round}: $($err.Result)"
        }
    }
}
