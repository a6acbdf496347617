using System;
using System.Threading;
using System.Threading.Tasks;
using AchieveIt.Http;
using AchieveIt.Journal;

namespace AchieveIt.Submissions
{
    /// <summary>
    /// One submission at a time, whole: the duplicate check, the intent in the journal, the upload, and the outcome
    /// in the journal, with the rules that tie them (what each failure means for the journal, which failures end the
    /// command, what a time limit and Ctrl+C become). It writes nothing to a host: it returns an outcome, and the
    /// journal's warnings go to the journal's sink (docs/ARCHITECTURE.md, "One submission").
    /// </summary>
    public sealed class Submitter : IDisposable
    {
        /// <summary>The journal's word for an upload stopped by Ctrl+C.</summary>
        public const string StoppedId = "Stopped";

        private readonly AchieveItClient client;
        private readonly JournalAccess journal;
        private readonly SubmissionOptions options;
        private readonly IClock clock;
        private readonly CancellationTokenSource deadline;

        /// <param name="client">The endpoint client (its connection names the address).</param>
        /// <param name="journal">The command's one journal handle.</param>
        /// <param name="options">What to send and how.</param>
        /// <param name="clock">Times in the journal; null for the real clock.</param>
        public Submitter(AchieveItClient client, JournalAccess journal, SubmissionOptions options, IClock clock = null)
        {
            this.client = client ?? throw new ArgumentNullException(nameof(client));
            this.journal = journal ?? throw new ArgumentNullException(nameof(journal));
            this.options = options ?? new SubmissionOptions();
            this.clock = clock ?? SystemClock.Instance;
            deadline = this.options.TimeLimit.HasValue ? new CancellationTokenSource(this.options.TimeLimit.Value) : new CancellationTokenSource();
        }

        private AchieveItEnvironment Environment => client.Connection.Settings.Environment;

        /// <summary>The earlier submission that refuses this file, or null (none, the journal is off, or -Force).</summary>
        public DuplicateRefusal FindDuplicate(UploadFile file)
        {
            if (options.Force) return null;
            var earlier = journal.FindDuplicate(file.Sha256, Environment.BaseUri);
            return earlier == null ? null : new DuplicateRefusal(file, earlier, Environment.BaseUri);
        }

        /// <summary>
        /// Submits one file: refused when the journal shows the same content blocking it, else the intent is recorded,
        /// the file uploaded and the outcome recorded. A failure is an outcome, never an exception; Ctrl+C
        /// (<paramref name="stop"/>) is recorded (not queued when no byte had left) and comes out as the cancellation.
        /// </summary>
        public async Task<SubmissionOutcome> SubmitAsync(UploadFile file, CancellationToken stop)
        {
            var duplicate = FindDuplicate(file);
            if (duplicate != null) return SubmissionOutcome.Refused(file, duplicate);
            string submission = null;
            journal.With(j => submission = j.Begin(clock.UtcNow, Environment, file.Name, file.Rows, file.Sha256));
            SubmissionOutcome outcome;
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, deadline.Token))
            {
                try
                {
                    var job = await client.SubmitAsync(file.Path, file.Name, file.Rows, linked.Token, options.Kind, options.Format, file.CheckedAs).ConfigureAwait(false);
                    outcome = SubmissionOutcome.Queued(file, job);
                }
                catch (OperationCanceledException e) when (stop.IsCancellationRequested)
                {
                    // Ctrl+C: queued or not is known by whether a byte of the file had left, so a rerun is not refused
                    // for a day as a submission that may exist when nothing was sent.
                    var mayBeQueued = (e as UploadStoppedException)?.BodyStarted ?? false;
                    Record(submission, mayBeQueued ? JournalOutcome.Unknown : JournalOutcome.NotQueued, StoppedId);
                    throw;
                }
                catch (OperationCanceledException e) when (deadline.IsCancellationRequested)
                {
                    outcome = SubmissionOutcome.Failed(file, TimedOut(file, (e as UploadStoppedException)?.BodyStarted ?? false));
                }
                catch (AchieveItException e)
                {
                    outcome = SubmissionOutcome.Failed(file, e);
                }
            }

            if (outcome.Job != null) journal.With(j => j.Queued(submission, clock.UtcNow, outcome.Job));
            else Record(submission, MeaningFor(outcome.Failure.ErrorId), outcome.Failure.ErrorId);
            return outcome;
        }

        /// <summary>What a failure of the upload says about the job: NoJobId and SubmitOutcomeUnknown may have queued it; every other failure did not.</summary>
        public static JournalOutcome MeaningFor(string errorId) =>
            errorId == ErrorIds.SubmitOutcomeUnknown || errorId == ErrorIds.NoJobId ? JournalOutcome.Unknown : JournalOutcome.NotQueued;

        public void Dispose() => deadline.Dispose();

        private void Record(string submission, JournalOutcome meaning, string errorId)
        {
            if (submission == null) return;
            if (meaning == JournalOutcome.Unknown) journal.With(j => j.OutcomeUnknown(submission, clock.UtcNow, errorId));
            else journal.With(j => j.NotQueued(submission, clock.UtcNow, errorId));
        }

        private AchieveItException TimedOut(UploadFile file, bool mayBeQueued)
        {
            var seconds = options.TimeLimit.Value.TotalSeconds;
            return mayBeQueued
                ? new AchieveItException(ErrorIds.SubmitOutcomeUnknown,
                    $"The upload of '{file.Name}' was stopped at -Timeout {seconds} s after the file was sent, so AchieveIt may or may not have queued it. It was not sent again. " +
                    "Check the plan items' updates in AchieveIt before you resubmit.")
                : new AchieveItException(ErrorIds.SubmitFailed,
                    $"The upload of '{file.Name}' was stopped at -Timeout {seconds} s before AchieveIt queued it (it was waiting to retry, or no byte had left). Nothing was queued; try again.");
        }
    }
}
