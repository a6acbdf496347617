using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using AchieveIt.PowerShell.Online;

namespace AchieveIt.PowerShell.Completion
{
    /// <summary>Offers the job IDs submitted (or looked at) in this runspace, newest first.</summary>
    public sealed class JobIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return RunspaceState.Current().Jobs.Recent()
                .Where(j => j.JobId.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(j => new CompletionResult(j.JobId, j.JobId, CompletionResultType.ParameterValue, $"{j.FileName} {j.State}".Trim()));
        }
    }
}
