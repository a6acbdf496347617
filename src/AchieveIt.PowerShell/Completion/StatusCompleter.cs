using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using AchieveIt.Rules;

namespace AchieveIt.PowerShell.Completion
{
    /// <summary>Offers the seven statuses for -Status, quoted when they hold a space.</summary>
    public sealed class StatusCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return Statuses.All
                .Where(s => s.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(s => new CompletionResult(s.IndexOf(' ') >= 0 ? "'" + s + "'" : s, s, CompletionResultType.ParameterValue, s));
        }
    }
}
