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
            var here = CurrentAddress(fakeBoundParameters);
            var jobs = RunspaceState.Current().Jobs.Recent().Concat(FromJournal())
                .Where(j => !string.IsNullOrEmpty(j.JobId) && (here == null || j.BaseUri == null || AchieveIt.Http.UriRules.SameAddress(j.BaseUri, here)));
            return jobs
                .GroupBy(j => j.JobId, StringComparer.OrdinalIgnoreCase).Select(g => g.First())
                .Where(j => j.JobId.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(j => new CompletionResult(j.JobId, j.JobId, CompletionResultType.ParameterValue, $"{j.FileName} {j.State}".Trim()));
        }

        // The address the command being completed would use: its own -BaseUri or -Environment, then Connect-AchieveIt,
        // then the environment variables. Null when none of them names one (then the jobs of every address are offered:
        // a job this runspace submitted is followed at its own address), or when that cannot be told.
        private static Uri CurrentAddress(IDictionary bound)
        {
            try
            {
                var given = new AchieveIt.Http.SettingsSource
                {
                    BaseUri = Unwrap(bound?["BaseUri"]) is object uri && Uri.TryCreate(uri.ToString(), UriKind.Absolute, out var parsed) ? parsed : null,
                    Environment = Unwrap(bound?["Environment"])?.ToString(),
                };
                var session = RunspaceState.Current().Connection;
                var variables = System.Environment.GetEnvironmentVariables();
                var configured = given.BaseUri != null || !string.IsNullOrEmpty(given.Environment) || ConnectionContext.Describe(session, variables).EnvironmentSource != "Default";
                return configured ? AchieveIt.Http.SettingsResolver.ResolveEnvironment(given, session, variables).BaseUri : null;
            }
            catch (AchieveIt.Http.AchieveItException)
            {
                return null;
            }
        }

        private static object Unwrap(object value) => value is PSObject wrapped ? wrapped.BaseObject : value;

        // The journal's jobs (other sessions'), newest first; completion never fails for want of a journal.
        private static IEnumerable<Job> FromJournal()
        {
            try
            {
                var journal = SubmissionJournal.Open(System.Environment.GetEnvironmentVariables());
                if (journal == null) return Enumerable.Empty<Job>();
                return journal.ReadLatest(DateTimeOffset.UtcNow, 50).Submissions.Reverse().Select(s => s.ToJob()).ToList();
            }
            catch (Exception e) when (e is System.IO.IOException || e is UnauthorizedAccessException || e is AchieveIt.Http.AchieveItException)
            {
                return Enumerable.Empty<Job>();
            }
        }
    }
}
