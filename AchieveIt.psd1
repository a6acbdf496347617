@{
    # The module manifest and the one version source: build.ps1 stamps ModuleVersion into the DLLs.
    RootModule           = 'AchieveIt.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = 'd3b7d25c-a907-47d9-b658-992916c98c3c'
    Author               = 'AchieveIt PowerShell module contributors'
    CompanyName          = 'AchieveIt PowerShell module contributors'
    Copyright            = '(c) AchieveIt PowerShell module contributors. MIT licence.'
    Description          = 'Publish progress updates to AchieveIt from PowerShell: turn pipeline rows into a CSV that follows every rule of the AchieveIt API, check CSV files, submit them and follow the job to its end.'
    CompatiblePSEditions = @('Desktop', 'Core')
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    CmdletsToExport      = @(
        'New-AchieveItUpdate'
        'Test-AchieveItCsv'
        'Export-AchieveItCsv'
        'Submit-AchieveItUpdates'
        'Compare-AchieveItUpdate'
        'Get-AchieveItJob'
        'Get-AchieveItPlanItem'
        'Wait-AchieveItJob'
        'Connect-AchieveIt'
        'Disconnect-AchieveIt'
        'Get-AchieveItConnection'
    )
    FormatsToProcess     = @('AchieveIt.format.ps1xml')
    TypesToProcess       = @('AchieveIt.types.ps1xml')
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @('Submit-AchieveItUpdate')
    PrivateData          = @{
        PSData = @{
            Tags         = @('AchieveIt', 'CSV', 'ProgressUpdates', 'Strategy', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            # Placeholder until the repository is published: set it to the public repository's address.
            ProjectUri   = 'https://github.com/AchieveIt-PowerShell/AchieveIt'
            ReleaseNotes = @'
0.1.0: first release. Install: dotnet tool restore && dotnet pwsh ./build.ps1 -Task Install (from a clone), then
Import-Module AchieveIt in any new session. New-AchieveItUpdate, Test-AchieveItCsv and Export-AchieveItCsv check
every rule of the AchieveIt progress-update API offline; Submit-AchieveItUpdates, Get-AchieveItJob and
Wait-AchieveItJob submit and follow jobs (retries, redirects and the API key handled safely);
Get-AchieveItPlanItem reads a plan for the plan check; Compare-AchieveItUpdate shows what rows would change in
the plan before they are sent; Connect-AchieveIt, Disconnect-AchieveIt and
Get-AchieveItConnection keep and show this runspace's connection (never the key).
'@
        }
    }
}
