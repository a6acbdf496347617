using System;
using AchieveIt.Http;

namespace AchieveIt.Journal
{
    /// <summary>What the upload of a submission came to.</summary>
    public enum UploadOutcome
    {
        /// <summary>Written before the upload; nothing after it (the process died during the upload).</summary>
        Pending,

        /// <summary>AchieveIt queued the file and answered with a job ID.</summary>
        Queued,

        /// <summary>AchieveIt said it did not queue the file (or could not be reached before a byte left).</summary>
        NotQueued,

        /// <summary>The connection broke after the file was sent: the job may or may not exist.</summary>
        Unknown,
    }

    /// <summary>One submission as the journal knows it: the intent, the upload's outcome, and the job's last known state.</summary>
    public sealed class JournalSubmission
    {
        public string Id { get; internal set; }

        public DateTimeOffset At { get; internal set; }

        public string Environment { get; internal set; }

        public Uri BaseUri { get; internal set; }

        public string FileName { get; internal set; }

        public long Rows { get; internal set; }

        /// <summary>SHA-256 (hex) of the exact bytes sent.</summary>
        public string Sha256 { get; internal set; }

        /// <summary>The keyed fingerprint of the API key it was sent with (<see cref="JournalKeys"/>), never the key; null in records written before it was kept.</summary>
        public string KeyMark { get; internal set; }

        /// <summary>Who wrote the intent (<see cref="IntentHolder"/>): tells an upload in flight from one whose process ended.</summary>
        public string Holder { get; internal set; }

        /// <summary>True while the upload is on its way: no outcome yet, and its process (this one, or another) still runs.</summary>
        public bool InFlight => Outcome == UploadOutcome.Pending && IntentHolder.IsAlive(Holder);

        public UploadOutcome Outcome { get; internal set; }

        public string JobId { get; internal set; }

        public Uri StatusUri { get; internal set; }

        /// <summary>The last state read for the job (Unknown when none was).</summary>
        public JobState State { get; internal set; }

        public int? StatusCode { get; internal set; }

        public DateTimeOffset? StateAt { get; internal set; }

        /// <summary>The error ID the upload ended with, when it was not queued or its outcome is unknown (Stopped for Ctrl+C).</summary>
        public string ErrorId { get; internal set; }

        /// <summary>True when this submission blocks sending the same bytes again: anything but a failed job or a file that was not queued.</summary>
        public bool Blocks => Outcome != UploadOutcome.NotQueued && State != JobState.Failed;

        /// <summary>True when AchieveIt queued this content (and the job did not fail): a rerun answers with this job instead of sending again.</summary>
        public bool WasQueued => Outcome == UploadOutcome.Queued && State != JobState.Failed && !string.IsNullOrEmpty(JobId);

        /// <summary>The state in words, for messages: "Succeeded", "Processing", "Unknown (the upload broke off after the file was sent)".</summary>
        public string Describe()
        {
            switch (Outcome)
            {
                case UploadOutcome.Pending: return InFlight ? "being sent now" : "Unknown (the process ended during the upload)";
                case UploadOutcome.Unknown: return "Unknown (the upload broke off after the file was sent)";
                case UploadOutcome.NotQueued: return "not queued";
                default: return State == JobState.Unknown ? "Processing (queued; not read since)" : State.ToString();
            }
        }

        /// <summary>The submission as a job object: with its last known state, never Unknown for an upload that was not queued.</summary>
        public Job ToJob()
        {
            var state = Outcome == UploadOutcome.Queued ? (State == JobState.Unknown ? JobState.Processing : State) : Outcome == UploadOutcome.NotQueued ? JobState.NotQueued : JobState.Unknown;
            var job = new Job(JobId ?? string.Empty, FileName, Rows, Environment, BaseUri, StatusUri, At, state);
            if (Outcome == UploadOutcome.Queued && StateAt.HasValue && StatusCode.HasValue) job.Observe(State, StatusCode.Value, null, StateAt.Value);
            if (Outcome == UploadOutcome.NotQueued)
            {
                job.Observe(JobState.NotQueued, 0,
                    $"AchieveIt did not queue '{FileName}' ({Rules.Counting.Of(Rows, "row")}, {At:yyyy-MM-dd HH:mm} UTC): {ErrorId ?? "not queued"}. Nothing of it was applied; send it again once the cause is fixed.", At);
            }

            if (Outcome == UploadOutcome.Pending || Outcome == UploadOutcome.Unknown)
            {
                job.Observe(JobState.Unknown, 0,
                    $"The upload of '{FileName}' ({Rules.Counting.Of(Rows, "row")}, {At:yyyy-MM-dd HH:mm} UTC) {(Outcome == UploadOutcome.Pending ? "did not finish (the process ended)" : $"broke off after the file was sent ({ErrorId ?? ErrorIds.SubmitOutcomeUnknown})")}, so there is no job ID. " +
                    "Check the plan items' updates in AchieveIt before you resubmit; Submit refuses the same file for 24 hours unless -Force.", At);
            }

            return job;
        }
    }
}
