using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AchieveIt.Http;
using AchieveIt.PowerShell.Errors;
using AchieveIt.Submissions;

namespace AchieveIt.PowerShell.Online
{
    /// <summary>
    /// The jobs a Submit command queued and has not written yet (each with the client that follows it), and how each
    /// submission's outcome is written: jobs already sent go out before any error that may stop the command, so
    /// that no job ID is lost.
    /// </summary>
    internal sealed class SentJobs
    {
        private readonly List<(Job Job, AchieveItClient Client)> jobs = new List<(Job, AchieveItClient)>();
        private readonly PSCmdlet cmdlet;
        private readonly bool wait;
        private readonly ConnectionSettings settings;

        /// <param name="cmdlet">The command that writes.</param>
        /// <param name="wait">-Wait: the jobs are written when they finish, not as they are sent.</param>
        /// <param name="settings">What the jobs were sent with, remembered for this runspace.</param>
        public SentJobs(PSCmdlet cmdlet, bool wait, ConnectionSettings settings)
        {
            this.cmdlet = cmdlet;
            this.wait = wait;
            this.settings = settings;
        }

        /// <summary>Writes one outcome; false when no later file is to be sent (<paramref name="rest"/> is named in a warning).</summary>
        public bool Write(SubmissionOutcome outcome, AchieveItClient client, List<UploadFile> rest)
        {
            if (outcome.Duplicate != null && outcome.Job != null)
            {
                // A rerun of content AchieveIt already queued: its earlier job, as if just sent (-Wait follows it), and no error.
                cmdlet.Warn($"'{outcome.File.Name}': {outcome.Duplicate.Reason}");
                RunspaceState.For(cmdlet).RememberSubmission(outcome.Job, settings);
                jobs.Add((outcome.Job, client));
                return true;
            }

            if (outcome.Duplicate != null)
            {
                if (!wait) WriteAll();
                cmdlet.WriteError(new ErrorRecord(outcome.Duplicate.ToError(), ErrorIds.DuplicateSubmission, ErrorCategory.ResourceExists, outcome.Duplicate.Earlier.ToJob()));
                return true;
            }

            if (outcome.Job == null)
            {
                var failure = OnlineErrors.From(outcome.Failure, outcome.File.ErrorTarget);
                if (!wait || outcome.EndsCommand || BadRowReport.StopsOnError(cmdlet)) WriteAll();
                if (rest.Count > 0) cmdlet.Warn($"{rest.Count} later file(s) were not sent because '{outcome.File.Name}' failed: {string.Join(", ", rest.Select(u => u.Name))}.");
                if (outcome.EndsCommand) cmdlet.ThrowTerminatingError(failure);
                cmdlet.WriteError(failure);
                return false;
            }

            RunspaceState.For(cmdlet).RememberSubmission(outcome.Job, settings);
            cmdlet.Note($"Submitted '{outcome.File.Name}' ({Rules.Counting.Of(outcome.File.Rows, "row")}): job {outcome.Job.JobId}.");
            jobs.Add((outcome.Job, client));
            return true;
        }

        /// <summary>The jobs, taken out: none is written twice.</summary>
        public List<(Job Job, AchieveItClient Client)> Clear()
        {
            var taken = new List<(Job Job, AchieveItClient Client)>(jobs);
            jobs.Clear();
            return taken;
        }

        /// <summary>Writes the jobs (taken out first: a downstream stop while writing must not write them twice).</summary>
        public void WriteAll()
        {
            foreach (var (job, _) in Clear()) cmdlet.WriteObject(job);
        }
    }
}
