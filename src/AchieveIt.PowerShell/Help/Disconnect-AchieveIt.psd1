@{
    Synopsis    = 'Forgets the API key and environment that Connect-AchieveIt remembered.'
    Description = 'Disconnect-AchieveIt clears the session''s key and environment. The cmdlets then use their parameters or the ACHIEVEIT_* environment variables.'
    Inputs      = @(
        @{ Type = 'None'; Description = 'Disconnect-AchieveIt takes no pipeline input.' }
    )
    Outputs     = @(
        @{ Type = 'None'; Description = 'Disconnect-AchieveIt writes nothing.' }
    )
    Examples    = @(
        @{
            Title   = 'Forget the key at the end of a script'
            Code    = @'
Connect-AchieveIt -ApiKey (ConvertTo-SecureString $env:ACHIEVEIT_API_KEY -AsPlainText -Force) -BaseUri $env:ACHIEVEIT_BASE_URI
try { Import-Csv ./kpis.csv | Submit-AchieveItUpdates -Wait } finally { Disconnect-AchieveIt }
'@
            Remarks = 'The key is held only in memory, as a SecureString, until Disconnect-AchieveIt or the end of the session.'
            Sandbox = $true
        }
        @{
            Title   = 'Switch from the sandbox to the commercial API'
            Code    = @'
Disconnect-AchieveIt
Connect-AchieveIt -ApiKey (Get-Secret -Name AchieveItApiKey)
'@
            Remarks = 'Without -Environment or -BaseUri the commercial API is used.'
            Sandbox = $false
        }
    )
}
