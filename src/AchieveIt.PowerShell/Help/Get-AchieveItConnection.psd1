@{
    Synopsis    = 'Shows where the AchieveIt cmdlets of this runspace connect, and where their API key comes from, without the key.'
    Description = @'
Get-AchieveItConnection answers "where am I connected?" as Get-AzContext and Get-MgContext do: the environment (Commercial, Government or Custom) and its address, where that address comes from (Connect-AchieveIt, the environment variable ACHIEVEIT_BASE_URI or ACHIEVEIT_ENVIRONMENT, or Default), the proxy Connect-AchieveIt -Proxy kept (none: the system proxy), and where the API key comes from (Connect-AchieveIt, the environment variable ACHIEVEIT_API_KEY, or None). It never shows the key, any part of it or its length. A parameter given to a command (-ApiKey, -BaseUri, -Environment, -Proxy) still wins over what this shows. Problem says why a command without connection parameters would fail (an address that is not https, an unknown environment name).
'@
    Inputs      = @(
        @{ Type = 'None'; Description = 'Get-AchieveItConnection takes no pipeline input.' }
    )
    Outputs     = @(
        @{ Type = 'AchieveIt.ConnectionContext'; Description = 'Environment, BaseUri, EnvironmentSource, Proxy, ProxyHasCredential, KeySource, HasKey, Problem. Never the key.' }
    )
    Examples    = @(
        @{
            Title   = 'Check where a runbook will send its updates'
            Code    = @'
Get-AchieveItConnection
'@
            Remarks = 'In a runbook that sets ACHIEVEIT_API_KEY and ACHIEVEIT_BASE_URI, KeySource says "Environment variable ACHIEVEIT_API_KEY" and BaseUri the address the updates will go to.'
            Sandbox = $true
        }
        @{
            Title   = 'Connect and see the connection in one step'
            Code    = @'
$connection = Connect-AchieveIt -ApiKey (ConvertTo-SecureString $env:ACHIEVEIT_API_KEY -AsPlainText -Force) -BaseUri $env:ACHIEVEIT_BASE_URI -PassThru
if (-not $connection.HasKey) { throw 'No AchieveIt key' }
$connection.BaseUri
'@
            Remarks = 'Connect-AchieveIt -PassThru writes the same object Get-AchieveItConnection writes.'
            Sandbox = $true
        }
    )
}
