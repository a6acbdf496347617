using System.Management.Automation;
using AchieveIt.Http;
using AchieveIt.PowerShell.Completion;

namespace AchieveIt.PowerShell.Online
{
    /// <summary>
    /// What Get-AchieveItJob and Wait-AchieveItJob share: jobs by ID or as objects, asked at the configured address.
    /// A job this runspace submitted is followed with the key and address it was submitted with, unless -ApiKey,
    /// -BaseUri or -Environment say otherwise; any other job needs them (or Connect-AchieveIt, or the environment).
    /// </summary>
    public abstract class AchieveItJobCommand : AchieveItOnlineCommand
    {
        protected const string JobIdSet = "JobId";
        protected const string JobSet = "Job";
        private ConnectionSettings resolved;
        private ErrorRecord unresolved;
        private System.Collections.Generic.Dictionary<string, Journal.JournalSubmission> journalJobs;

        /// <summary>The job IDs, as Submit-AchieveItUpdates returned them. IDs used in this session tab-complete.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = JobIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(JobIdCompleter))]
        public string[] JobId { get; set; }

        /// <summary>Jobs from Submit-AchieveItUpdates, Get-AchieveItJob or Wait-AchieveItJob.</summary>
        [Parameter(Mandatory = true, ParameterSetName = JobSet, ValueFromPipeline = true)]
        public Job[] Job { get; set; }

        protected override void BeginProcessing() => resolved = TryResolveSettings(out unresolved);

        protected override void ProcessRecord()
        {
            if (ParameterSetName != JobSet && ParameterSetName != JobIdSet) return;
            if (ParameterSetName == JobSet)
            {
                foreach (var job in Job)
                {
                    if (job == null) continue;
                    if (string.IsNullOrEmpty(job.JobId))
                    {
                        WriteError(OnlineErrors.Make(ErrorIds.NoJobId, string.IsNullOrEmpty(job.Message) ? "The job has no job ID to follow." : job.Message, job));
                        continue;
                    }

                    try
                    {
                        OnJob(JobTargets.ForJob(job, SettingsFor(job.JobId, job.BaseUri)));
                    }
                    catch (AchieveItException e)
                    {
                        WriteError(OnlineErrors.From(e, job));
                    }
                }
            }
            else
            {
                foreach (var id in JobId)
                {
                    if (string.IsNullOrWhiteSpace(id)) continue;
                    var settings = SettingsFor(id.Trim(), null);
                    var (job, _) = JobTargets.ForId(id, settings);
                    OnJob((FromJournal(job) ?? job, settings));
                }
            }
        }

        /// <summary>Handles one job: a copy of what was given, with the settings to ask with.</summary>
        protected abstract void OnJob((Job Job, ConnectionSettings Settings) target);

        // A job known by its ID, with what the journal knows of it (file name, rows, when it was sent), as every path writes it.
        private Job FromJournal(Job bare)
        {
            // One job's lines, read from the journal's end: a lookup costs what the job's lines take, not the whole journal.
            if (journalJobs == null) journalJobs = new System.Collections.Generic.Dictionary<string, Journal.JournalSubmission>(System.StringComparer.OrdinalIgnoreCase);
            if (!journalJobs.TryGetValue(bare.JobId, out var known))
            {
                known = Journal.FindJob(bare.JobId);
                if (known != null && !UriRules.SameAddress(known.BaseUri, bare.BaseUri)) known = null;
                journalJobs[bare.JobId] = known;
                DrainLog();
            }

            return known?.ToJob();
        }

        private ConnectionSettings SettingsFor(string jobId, System.Uri baseUri)
        {
            var known = RunspaceState.For(this).SubmittedWith(jobId, baseUri);
            if (known != null) return HasExplicitConnection ? Overlay(known) : known;
            if (resolved == null) ThrowTerminatingError(unresolved);
            return resolved;
        }
    }
}
