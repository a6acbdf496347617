<#
.SYNOPSIS
    Builds the module's MAML help (en-US/AchieveIt.PowerShell.dll-Help.xml) from the help sources in this folder
    (one .psd1 per cmdlet: synopsis, description, inputs, outputs, examples), the parameter descriptions in the
    assembly's XML documentation, and the cmdlets' own metadata (types, positions, pipeline input, aliases).
    platyPS is not needed.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $XmlDocPath,
    [Parameter(Mandatory)] [string] $OutputPath
)

$ErrorActionPreference = 'Stop'
$module = Import-Module $ModulePath -PassThru -Force
$docs = [xml](Get-Content -LiteralPath $XmlDocPath -Raw)
$summaries = @{}
foreach ($member in $docs.SelectNodes('//member')) { $summaries[$member.GetAttribute('name')] = (("$($member.SelectSingleNode('summary').InnerText)" -replace '\s+', ' ').Trim()) }
$common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
$standard = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
    First   = 'Gets only this many items (Get-AchieveItPlanItem asks AchieveIt for no more: -First 10 is one request for 10).'
    Skip    = 'Leaves out this many items at the start (sent to AchieveIt as skip).'
    IncludeTotalCount = 'Writes the total number of items first (exact when AchieveIt says it, else the number read).'
}

$maml = 'http://schemas.microsoft.com/maml/2004/10'
$command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$dev = 'http://schemas.microsoft.com/maml/dev/2004/10'
$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
New-Item -ItemType Directory -Force (Split-Path $OutputPath) | Out-Null
$w = [System.Xml.XmlWriter]::Create($OutputPath, $settings)

function Write-Paras([string] $Text) {
    foreach ($para in ($Text -split "\r?\n\r?\n")) {
        $w.WriteElementString('para', $maml, ($para -replace '\r?\n', ' ').Trim())
    }
}

function Get-PipelineInput($parameter) {
    $attributes = @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
    $kinds = @()
    if ($attributes.ValueFromPipelineByPropertyName -contains $true) { $kinds += 'ByPropertyName' }
    if ($attributes.ValueFromPipeline -contains $true) { $kinds += 'ByValue' }
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

function Write-Parameter($cmd, $parameter, $setName, [hashtable] $defaults) {
    $attribute = @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and ($_.ParameterSetName -eq $setName -or $_.ParameterSetName -eq '__AllParameterSets' -or -not $setName) })[0]
    $property = $cmd.ImplementingType.GetProperty($parameter.Name)
    $description = if ($standard.ContainsKey($parameter.Name)) { $standard[$parameter.Name] } else { $summaries["P:$($property.DeclaringType.FullName).$($property.Name)"] }
    $type = $parameter.ParameterType
    $typeName = if ($type -eq [System.Management.Automation.SwitchParameter]) { 'SwitchParameter' } elseif ($type.IsGenericType) { $type.GenericTypeArguments[0].Name } else { $type.Name }
    $w.WriteStartElement('command', 'parameter', $command)
    $w.WriteAttributeString('required', "$([bool]$attribute.Mandatory)".ToLowerInvariant())
    $w.WriteAttributeString('variableLength', "$($type.IsArray)".ToLowerInvariant())
    $w.WriteAttributeString('globbing', "$([bool]($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }))".ToLowerInvariant())
    $w.WriteAttributeString('pipelineInput', (Get-PipelineInput $parameter))
    $w.WriteAttributeString('position', $(if ($attribute -and $attribute.Position -ge 0) { "$($attribute.Position)" } else { 'named' }))
    $w.WriteAttributeString('aliases', $(if ($parameter.Aliases.Count) { $parameter.Aliases -join ', ' } else { 'none' }))
    $w.WriteElementString('name', $maml, $parameter.Name)
    $w.WriteStartElement('description', $maml); Write-Paras "$description"; $w.WriteEndElement()
    if ($typeName -ne 'SwitchParameter') {
        $w.WriteStartElement('parameterValue', $command); $w.WriteAttributeString('required', 'true'); $w.WriteAttributeString('variableLength', "$($type.IsArray)".ToLowerInvariant()); $w.WriteString($typeName); $w.WriteEndElement()
    }
    $w.WriteStartElement('type', $dev); $w.WriteElementString('name', $maml, $typeName); $w.WriteEndElement()
    $default = if ($defaults -and $defaults.ContainsKey($parameter.Name)) { $defaults[$parameter.Name] } elseif ($typeName -eq 'SwitchParameter') { 'False' } else { 'None' }
    $w.WriteElementString('defaultValue', $dev, $default)
    $w.WriteEndElement()
}

$w.WriteStartDocument()
$w.WriteStartElement('helpItems', 'http://msh')
$w.WriteAttributeString('schema', 'maml')
foreach ($cmd in Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name) {
    $sourcePath = Join-Path $PSScriptRoot "$($cmd.Name).psd1"
    $source = if (Test-Path $sourcePath) { Import-PowerShellDataFile $sourcePath } else { @{} }
    $parameters = @($cmd.Parameters.Values | Where-Object { $common -notcontains $_.Name -or $standard.ContainsKey($_.Name) } | Where-Object {
            -not (@($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] }).DontShow -contains $true) })
    $w.WriteStartElement('command', 'command', $command)
    $w.WriteAttributeString('xmlns', 'maml', $null, $maml)
    $w.WriteAttributeString('xmlns', 'dev', $null, $dev)
    $w.WriteStartElement('details', $command)
    $w.WriteElementString('name', $command, $cmd.Name)
    $w.WriteElementString('verb', $command, $cmd.Verb)
    $w.WriteElementString('noun', $command, $cmd.Noun)
    $w.WriteStartElement('description', $maml); Write-Paras "$($source.Synopsis)"; $w.WriteEndElement()
    $w.WriteEndElement()
    $w.WriteStartElement('description', $maml); Write-Paras "$($source.Description)"; $w.WriteEndElement()

    $w.WriteStartElement('syntax', $command)
    foreach ($set in $cmd.ParameterSets) {
        $w.WriteStartElement('syntaxItem', $command)
        $w.WriteElementString('name', $maml, $cmd.Name)
        foreach ($p in $set.Parameters | Where-Object { $common -notcontains $_.Name -or $standard.ContainsKey($_.Name) }) {
            $parameter = $cmd.Parameters[$p.Name]
            if ($parameters -contains $parameter) { Write-Parameter $cmd $parameter $set.Name $source.Defaults }
        }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('parameters', $command)
    foreach ($parameter in $parameters | Sort-Object Name) { Write-Parameter $cmd $parameter $null $source.Defaults }
    $w.WriteEndElement()

    foreach ($kind in @(@{ List = 'inputTypes'; Item = 'inputType'; Key = 'Inputs' }, @{ List = 'returnValues'; Item = 'returnValue'; Key = 'Outputs' })) {
        $w.WriteStartElement($kind.List, $command)
        foreach ($entry in @($source[$kind.Key])) {
            if (-not $entry) { continue }
            $w.WriteStartElement($kind.Item, $command)
            $w.WriteStartElement('type', $dev); $w.WriteElementString('name', $maml, $entry.Type); $w.WriteEndElement()
            $w.WriteStartElement('description', $maml); Write-Paras $entry.Description; $w.WriteEndElement()
            $w.WriteEndElement()
        }
        $w.WriteEndElement()
    }

    if ($source.Notes) {
        $w.WriteStartElement('alertSet', $maml); $w.WriteStartElement('alert', $maml); Write-Paras $source.Notes; $w.WriteEndElement(); $w.WriteEndElement()
    }

    $w.WriteStartElement('examples', $command)
    $n = 0
    foreach ($example in @($source.Examples)) {
        if (-not $example) { continue }
        $n++
        $w.WriteStartElement('example', $command)
        $w.WriteElementString('title', $maml, "-------------------------- Example ${n}: $($example.Title) --------------------------")
        $w.WriteElementString('code', $dev, $example.Code)
        $w.WriteStartElement('remarks', $dev); Write-Paras $example.Remarks; $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('relatedLinks', $command)
    foreach ($link in @('about_AchieveIt')) {
        $w.WriteStartElement('navigationLink', $maml); $w.WriteElementString('linkText', $maml, $link); $w.WriteElementString('uri', $maml, ''); $w.WriteEndElement()
    }
    $w.WriteEndElement()
    $w.WriteEndElement()
}
$w.WriteEndElement()
$w.WriteEndDocument()
$w.Dispose()
