<#
.SYNOPSIS
    Finds syntax in PowerShell files that Windows PowerShell 5.1 cannot run: ?? and ??=, ?. and ?[], the ternary
    operator, && and || chains, clean blocks, and ForEach-Object -Parallel outside a Describe/Context/It tagged
    "Needs-PS7: ...". Parsing happens here on PowerShell 7, so a 5.1-breaking test is caught before it reaches
    Windows. Writes one object per finding (Path, Line, Syntax).
#>
param([Parameter(Mandatory, ValueFromPipeline)] [string[]] $Path)

process {
    foreach ($file in $Path) {
        $tokens = $null; $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseFile($file, [ref] $tokens, [ref] $errors)
        $found = $ast.FindAll({ param($node) $true }, $true)
        foreach ($node in $found) {
            $syntax = switch ($node) {
                { $_ -is [System.Management.Automation.Language.TernaryExpressionAst] } { 'the ternary operator (a ? b : c)' }
                { $_ -is [System.Management.Automation.Language.PipelineChainAst] } { '&& or || between pipelines' }
                { $_ -is [System.Management.Automation.Language.BinaryExpressionAst] -and $_.Operator -eq 'QuestionQuestion' } { 'the ?? operator' }
                { $_ -is [System.Management.Automation.Language.AssignmentStatementAst] -and $_.Operator -eq 'QuestionQuestionEquals' } { 'the ??= operator' }
                { ($_ -is [System.Management.Automation.Language.MemberExpressionAst] -or $_ -is [System.Management.Automation.Language.IndexExpressionAst]) -and $_.NullConditional } { 'a ?. or ?[] access' }
                { $_ -is [System.Management.Automation.Language.ScriptBlockAst] -and $null -ne $_.PSObject.Properties['CleanBlock'] -and $null -ne $_.CleanBlock } { 'a clean block' }
                { $_ -is [System.Management.Automation.Language.CommandAst] -and (Test-ParallelForEach $_) -and -not (Test-InPs7Block $_) } { 'ForEach-Object -Parallel outside a block tagged Needs-PS7' }
                default { $null }
            }
            if ($syntax) { [pscustomobject]@{ Path = $file; Line = $node.Extent.StartLineNumber; Syntax = $syntax } }
        }
    }
}

begin {
    function Test-ParallelForEach($command) {
        $name = $command.GetCommandName()
        if ($name -notin 'ForEach-Object', '%', 'foreach') { return $false }
        foreach ($element in $command.CommandElements) {
            if ($element -is [System.Management.Automation.Language.CommandParameterAst] -and 'parallel'.StartsWith($element.ParameterName.ToLowerInvariant()) -and $element.ParameterName.Length -ge 2) { return $true }
        }
        $false
    }

    # Inside a Pester block (Describe, Context, It) whose -Tag names "Needs-PS7".
    function Test-InPs7Block($node) {
        for ($parent = $node.Parent; $parent; $parent = $parent.Parent) {
            if ($parent -isnot [System.Management.Automation.Language.CommandAst]) { continue }
            if ($parent.GetCommandName() -notin 'Describe', 'Context', 'It') { continue }
            $elements = $parent.CommandElements
            for ($i = 0; $i -lt $elements.Count - 1; $i++) {
                if ($elements[$i] -is [System.Management.Automation.Language.CommandParameterAst] -and $elements[$i].ParameterName -eq 'Tag' -and
                    $elements[$i + 1].Extent.Text -match 'Needs-PS7') { return $true }
            }
        }
        $false
    }
}
