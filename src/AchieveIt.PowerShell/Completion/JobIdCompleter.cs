using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using AchieveIt.Journal;
using AchieveIt.PowerShell.Online;

namespace AchieveIt.PowerShell.Completion
{
    /// <summary>Offers the job IDs submitted (or looked at) in this runspace, newest first, then the journal's.</summary>
    public sealed class JobIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var jobs = RunspaceState.Current().Jobs.Recent().Concat(FromJournal()).Where(j => !string.IsNullOrEmpty(j.JobId));
            return jobs
                .GroupBy(j => j.JobId, StringComparer.OrdinalIgnoreCase).Select(g => g.First())
                .Where(j => j.JobId.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(j => new CompletionResult(j.JobId, j.JobId, CompletionResultType.ParameterValue, $"{j.FileName} {j.State}".Trim()));
        }

        // The journal's jobs (other sessions'), newest first; completion never fails for want of a journal.
        private static IEnumerable<Job> FromJournal()
        {
            try
            {
                var journal = SubmissionJournal.Open(System.Environment.GetEnvironmentVariables());
                if (journal == null) return Enumerable.Empty<Job>();
                return journal.Read(DateTimeOffset.UtcNow).Submissions.Reverse().Take(50).Select(s => s.ToJob()).ToList();
            }
            catch (Exception e) when (e is System.IO.IOException || e is UnauthorizedAccessException || e is AchieveIt.Http.AchieveItException)
            {
                return Enumerable.Empty<Job>();
            }
        }
    }
}
