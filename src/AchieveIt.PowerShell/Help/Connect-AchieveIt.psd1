@{
    Synopsis    = 'Remembers the API key and environment for the AchieveIt cmdlets in this runspace.'
    Description = @'
Connect-AchieveIt stores the key (as a SecureString) and the environment for this runspace (the PowerShell session, or one runspace of ForEach-Object -Parallel; a new runspace starts disconnected, and Remove-Module AchieveIt forgets the connection), so the other cmdlets need no -ApiKey. The key is trimmed of surrounding white space and refused (ApiKeyInvalid) if it holds a line break, another control character, inner white space or a non-ASCII character. A parameter on a cmdlet still wins over the session, and the session wins over the ACHIEVEIT_API_KEY, ACHIEVEIT_ENVIRONMENT and ACHIEVEIT_BASE_URI environment variables. -ApiKey takes a SecureString or a PSCredential whose password is the key (Get-Credential, an Automation credential asset, a SecretManagement credential); the user name is not used. -Proxy and -ProxyCredential are kept for the runspace too (a command's own -Proxy wins). Nothing is sent until a cmdlet needs it; the address is checked here (https, or plain http only to loopback). -PassThru writes the connection as Get-AchieveItConnection shows it (never the key).
'@
    Inputs      = @(
        @{ Type = 'None'; Description = 'Connect-AchieveIt takes no pipeline input.' }
    )
    Outputs     = @(
        @{ Type = 'None'; Description = 'Connect-AchieveIt writes nothing, unless -PassThru.' }
        @{ Type = 'AchieveIt.ConnectionContext'; Description = 'With -PassThru: the connection, as Get-AchieveItConnection writes it.' }
    )
    Defaults    = @{ Environment = 'Commercial'; BaseUri = 'The environment''s address' }
    Examples    = @(
        @{
            Title   = 'Connect with a key from a secret store'
            Code    = 'Connect-AchieveIt -ApiKey (Get-Secret -Name AchieveItApiKey) -Environment Government'
            Remarks = 'Get-Secret (Microsoft.PowerShell.SecretManagement) returns a SecureString. Without -Environment the commercial API is used.'
            Sandbox = $false
        }
        @{
            Title   = 'Connect to the local sandbox'
            Code    = 'Connect-AchieveIt -ApiKey (ConvertTo-SecureString $env:ACHIEVEIT_API_KEY -AsPlainText -Force) -BaseUri $env:ACHIEVEIT_BASE_URI'
            Remarks = 'build.ps1 -Task Sandbox prints a throw-away key and the address (http://127.0.0.1:5179). Plain http is allowed only to loopback addresses.'
            Sandbox = $true
        }
        @{
            Title   = 'Connect with a credential, through a proxy'
            Code    = @'
$credential = [pscredential]::new('achieveit', (ConvertTo-SecureString $env:ACHIEVEIT_API_KEY -AsPlainText -Force))
Connect-AchieveIt -ApiKey $credential -BaseUri $env:ACHIEVEIT_BASE_URI -Proxy http://127.0.0.1:3128 -PassThru
'@
            Remarks = 'A PSCredential''s password is the key (Get-Credential, Get-AutomationPSCredential, Get-Secret of a credential). The proxy is kept for every command of this runspace; Get-AchieveItConnection shows it.'
            Sandbox = $false
        }
    )
}
