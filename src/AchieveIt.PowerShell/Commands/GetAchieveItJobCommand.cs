using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using AchieveIt.Http;
using AchieveIt.Journal;
using AchieveIt.PowerShell.Online;

namespace AchieveIt.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the current state of AchieveIt jobs, or lists the jobs of earlier sessions from the submission journal.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AchieveItJob", DefaultParameterSetName = JournalSet)]
    [OutputType(typeof(Job))]
    public sealed class GetAchieveItJobCommand : AchieveItJobCommand
    {
        private const string JournalSet = "Journal";
        private const int RereadFinished = 25; // a listing this long or shorter reads finished jobs again for their Message

        /// <summary>Seconds to spend on one job's status at most, retries included (default 60). A job whose status could not be read in that time is error StatusUnavailable.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int Timeout { get; set; } = 60;

        /// <summary>Lists the most recent submissions of any session from the journal, newest first, with their current state: Get-AchieveItJob -Recent (10), Get-AchieveItJob -Recent 3. The default: Get-AchieveItJob alone, or with -Since, lists them too.</summary>
        [Parameter(ParameterSetName = JournalSet)]
        public SwitchParameter Recent { get; set; }

        /// <summary>With -Recent: how many submissions to list (default 10).</summary>
        [Parameter(Position = 0, ParameterSetName = JournalSet)]
        [ValidateRange(1, int.MaxValue)]
        public int Count { get; set; } = 10;

        /// <summary>With -Recent: only submissions made at or after this time (then -Count limits them only when given).</summary>
        [Parameter(ParameterSetName = JournalSet)]
        public DateTime? Since { get; set; }

        /// <summary>The type name of a listed job (-Recent, -Since), for its own table view.</summary>
        internal const string ListingTypeName = "AchieveIt.Job#Listing";

        protected override void EndProcessing()
        {
            if (ParameterSetName == JournalSet) ListJournal();
        }

        protected override void OnJob((Job Job, ConnectionSettings Settings) target)
        {
            if (Read(target.Job, target.Settings)) WriteObject(target.Job);
        }

        // Reads one job's state within -Timeout; false (after its error) when it could not be read.
        private bool Read(Job job, ConnectionSettings settings)
        {
            var client = CreateClient(settings);
            using (var limit = new CancellationTokenSource(TimeSpan.FromSeconds(Timeout)))
            {
                try
                {
                    var answer = Run(token => client.GetStatusAsync(job, token), limit.Token);
                    job.Observe(answer.State, answer.StatusCode, answer.Message, answer.At);
                    RunspaceState.For(this).Jobs.Remember(job);
                    Journal.Finished(job);
                    DrainLog();
                    return true;
                }
                catch (OperationCanceledException) when (limit.IsCancellationRequested)
                {
                    WriteError(OnlineErrors.Make(ErrorIds.StatusUnavailable,
                        $"The status of job {job.Describe()} could not be read within {Timeout} s (-Timeout). Try again later, or wait for it: Wait-AchieveItJob -JobId {job.JobId}", job));
                }
                catch (AchieveItException e)
                {
                    if (e.ErrorId == ErrorIds.ApiKeyRefused) ThrowTerminatingError(OnlineErrors.From(e, job));
                    WriteError(OnlineErrors.From(e, job));
                }

                return false;
            }
        }

        // The journal's submissions to this address (newest first), refreshed from the API where not final.
        private void ListJournal()
        {
            AchieveItEnvironment environment;
            try
            {
                environment = SettingsResolver.ResolveEnvironment(new SettingsSource { Environment = Environment, BaseUri = BaseUri },
                    RunspaceState.For(this).Connection, System.Environment.GetEnvironmentVariables());
            }
            catch (AchieveItException e)
            {
                ThrowTerminatingError(OnlineErrors.From(e, BaseUri));
                return;
            }

            if (Journal.IsOff)
            {
                this.Warn($"The submission journal is off ({JournalLocation.Variable}=off), so there are no earlier submissions to list.");
                return;
            }

            var since = Since.HasValue ? SinceOffset(Since.Value) : (DateTimeOffset?)null;
            // Read from the journal's end: -Recent 5 costs five submissions' lines, however long the journal is.
            var newest = Since.HasValue ? Journal.ReadSince(since.Value) : Journal.ReadLatest(Count, environment.BaseUri);
            var listed = newest
                .Where(s => UriRules.SameAddress(s.BaseUri, environment.BaseUri))
                .Where(s => !since.HasValue || s.At >= since.Value)
                .OrderByDescending(s => s.At)
                .Take(Since.HasValue && !MyInvocation.BoundParameters.ContainsKey(nameof(Count)) ? int.MaxValue : Count)
                .ToList();
            DrainLog();
            this.Note($"{listed.Count} submission(s) to {environment.BaseUri} in the journal '{Journal.Journal?.FilePath}'.");
            if (listed.Count == 0)
            {
                this.Warn($"The journal '{Journal.Journal?.FilePath}' holds no submission to {environment.BaseUri}" + (since.HasValue ? $" since {since.Value.ToLocalTime():yyyy-MM-dd HH:mm}" : string.Empty) +
                             " (in the last 90 days). Jobs sent to another address are listed with its -BaseUri or -Environment.");
            }
            var settings = TryResolveSettings(out _);
            if (settings == null && listed.Any(s => s.Outcome == UploadOutcome.Queued && !(s.State == JobState.Succeeded || s.State == JobState.Failed)))
            {
                this.Warn("No API key is given (-ApiKey, Connect-AchieveIt or ACHIEVEIT_API_KEY), so the jobs are listed in their last known state and were not refreshed.");
            }

            foreach (var submission in listed)
            {
                var job = submission.ToJob();
                // Read even when finished (up to RereadFinished jobs), so that every path writes the same properties, the
                // server's Message too; a long listing reads only the jobs not finished, one request each.
                if (settings != null && submission.Outcome == UploadOutcome.Queued && !string.IsNullOrEmpty(job.JobId) && (!job.IsFinished || listed.Count <= RereadFinished)) Read(job, settings);
                RunspaceState.For(this).Jobs.Remember(job);
                var shown = PSObject.AsPSObject(job);
                shown.TypeNames.Insert(0, ListingTypeName); // the listing's view: when each was submitted
                WriteObject(shown);
            }
        }

        // -Since as a point in time; the first and last days a DateTime holds are the ends themselves (a local offset would
        // take them past what a DateTimeOffset holds).
        private static DateTimeOffset SinceOffset(DateTime since)
        {
            if (since <= DateTime.MinValue.AddDays(1)) return DateTimeOffset.MinValue;
            if (since >= DateTime.MaxValue.AddDays(-1)) return DateTimeOffset.MaxValue;
            return new DateTimeOffset(since.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(since, DateTimeKind.Local) : since);
        }
    }
}
