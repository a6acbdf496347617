using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace AchieveIt.PowerShell.Completion
{
    /// <summary>Offers the plan export's documented sort keys for -SortBy.</summary>
    public sealed class SortKeyCompleter : IArgumentCompleter
    {
        // The core's list, repeated here as text: a completer must not load the core before the module's load context exists.
        internal static readonly string[] Keys =
        {
            "sequenceId", "name", "level", "status", "start", "due", "currentValue", "lastUpdated", "assignedToFullName", "updates", "alignsTo",
            "assignedByFullName", "assignedToEmailAddress", "baseline", "target", "created", "dependentOn", "description",
        };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return Keys.Where(k => k.StartsWith(typed, StringComparison.OrdinalIgnoreCase)).Select(k => new CompletionResult(k, k, CompletionResultType.ParameterValue, k));
        }
    }
}
