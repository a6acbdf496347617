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
        private readonly DateTimeOffset? deadlineAt; // the same deadline on the clock's time, for the waits it measures
        private readonly Action<string> warn;

        /// <summary>How long a submission waits for the same content's upload in flight (without -Timeout): about one upload's stall limit.</summary>
        public static readonly TimeSpan InFlightWait = TimeSpan.FromMinutes(2);

        private static readonly TimeSpan InFlightPoll = TimeSpan.FromMilliseconds(250);

        /// <param name="client">The endpoint client (its connection names the address).</param>
        /// <param name="journal">The command's one journal handle.</param>
        /// <param name="options">What to send and how.</param>
        /// <param name="clock">Times in the journal; null for the real clock.</param>
        /// <param name="warn">Where a warning goes (queued for the pipeline thread by the cmdlet).</param>
        public Submitter(AchieveItClient client, JournalAccess journal, SubmissionOptions options, IClock clock = null, Action<string> warn = null)
        {
            this.warn = warn ?? (_ => { });
            this.client = client ?? throw new ArgumentNullException(nameof(client));
            this.journal = journal ?? throw new ArgumentNullException(nameof(journal));
            this.options = options ?? new SubmissionOptions();
            this.clock = clock ?? SystemClock.Instance;
            deadline = this.options.TimeLimit.HasValue ? new CancellationTokenSource(this.options.TimeLimit.Value) : new CancellationTokenSource();
            deadlineAt = this.options.TimeLimit.HasValue ? this.clock.UtcNow + this.options.TimeLimit.Value : (DateTimeOffset?)null;
        }

        private AchieveItEnvironment Environment => client.Connection.Settings.Environment;

        /// <summary>A look at the earlier submission that would stop this file, for -WhatIf; null when none would (or -Force). <see cref="SubmitAsync"/> decides.</summary>
        public DuplicateRefusal PeekDuplicate(UploadFile file)
        {
            if (options.Force) return null;
            var earlier = journal.PeekDuplicate(file.Sha256, Environment.BaseUri, client.Connection.Settings.Key);
            return earlier == null ? null : new DuplicateRefusal(file, earlier, Environment.BaseUri);
        }

        /// <summary>
        /// Submits one file: the duplicate check and the intent are one step under the journal's lock (another process
        /// with the same content waits, then sees this one); content AchieveIt already queued is answered with the
        /// earlier job, content whose outcome nobody knows is DuplicateSubmission; else the file is uploaded and the
        /// outcome recorded. A journal that cannot guard is JournalUnavailable and nothing is sent (with -Force: a
        /// warning, and it is sent). A failure is an outcome, never an exception; Ctrl+C (<paramref name="stop"/>) is
        /// recorded (not queued when the body was cut short) and comes out as the cancellation.
        /// </summary>
        public async Task<SubmissionOutcome> SubmitAsync(UploadFile file, CancellationToken stop)
        {
            // Waiting for the journal's lock and for the same content's upload in flight are part of the one deadline.
            using (var waits = CancellationTokenSource.CreateLinkedTokenSource(stop, deadline.Token))
            {
                try
                {
                    return await SubmitAsync(file, stop, waits.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (deadline.IsCancellationRequested && !stop.IsCancellationRequested)
                {
                    return SubmissionOutcome.Failed(file, TimedOut(file, mayBeQueued: false)); // nothing was sent: the deadline came while it waited
                }
            }
        }

        private async Task<SubmissionOutcome> SubmitAsync(UploadFile file, CancellationToken stop, CancellationToken waits)
        {
            JournalReservation reservation;
            try
            {
                reservation = journal.Reserve(Environment, file.Name, file.Rows, file.Sha256, options.Force, waits, client.Connection.Settings.Key);
            }
            catch (AchieveItException e) when (e.ErrorId == ErrorIds.JournalUnavailable)
            {
                if (!options.Force) return SubmissionOutcome.Failed(file, Unguarded(file, e));
                warn($"{e.Message} '{file.Name}' is sent without the duplicate guard (-Force).");
                reservation = null;
            }

            // The same content on its way now (another runspace, another process still running): wait for its outcome
            // rather than call it ended, then answer as its outcome says (queued: its job; not queued: send this one).
            // With -Timeout the wait ends at the command's one deadline, shared by every file, not at a limit of its own;
            // then the content is still on its way elsewhere, and this file is refused as such.
            var waitUntil = deadlineAt ?? clock.UtcNow + InFlightWait;
            while (reservation?.Earlier != null && reservation.Earlier.InFlight && clock.UtcNow < waitUntil)
            {
                try
                {
                    await clock.Delay(InFlightPoll, waits).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (deadline.IsCancellationRequested && !stop.IsCancellationRequested)
                {
                    break;
                }

                try
                {
                    reservation = journal.Reserve(Environment, file.Name, file.Rows, file.Sha256, options.Force, waits, client.Connection.Settings.Key);
                }
                catch (AchieveItException e) when (e.ErrorId == ErrorIds.JournalUnavailable)
                {
                    return SubmissionOutcome.Failed(file, Unguarded(file, e));
                }
            }

            if (reservation?.Earlier != null) return SubmissionOutcome.Refused(file, new DuplicateRefusal(file, reservation.Earlier, Environment.BaseUri));
            var submission = reservation?.Submission;
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
                    var mayBeQueued = (e as UploadStoppedException)?.BodyComplete ?? false;
                    Record(submission, mayBeQueued ? JournalOutcome.Unknown : JournalOutcome.NotQueued, StoppedId);
                    throw;
                }
                catch (OperationCanceledException e) when (deadline.IsCancellationRequested)
                {
                    outcome = SubmissionOutcome.Failed(file, TimedOut(file, (e as UploadStoppedException)?.BodyComplete ?? false));
                }
                catch (AchieveItException e)
                {
                    outcome = SubmissionOutcome.Failed(file, e);
                }
            }

            if (outcome.Job == null) Record(submission, MeaningFor(outcome.Failure.ErrorId), outcome.Failure.ErrorId);
            else if (submission != null) journal.With(j => j.Queued(submission, clock.UtcNow, outcome.Job));
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

        private static AchieveItException Unguarded(UploadFile file, AchieveItException e) =>
            new AchieveItException(ErrorIds.JournalUnavailable,
                $"{e.Message} Without it the duplicate guard cannot hold, so '{file.Name}' was not sent. Fix the journal (the file or folder named), " +
                $"or say so for this run: -Force sends without the guard, and {JournalLocation.Variable}=off turns the journal off.", e);

        private AchieveItException TimedOut(UploadFile file, bool mayBeQueued)
        {
            var seconds = options.TimeoutSeconds ?? options.TimeLimit.Value.TotalSeconds;
            return mayBeQueued
                ? new AchieveItException(ErrorIds.SubmitOutcomeUnknown,
                    $"The upload of '{file.Name}' was stopped at -Timeout {seconds} s after the file was sent, so AchieveIt may or may not have queued it. It was not sent again. " +
                    "Check the plan items' updates in AchieveIt before you resubmit.")
                : new AchieveItException(ErrorIds.SubmitFailed,
                    $"The upload of '{file.Name}' was stopped at -Timeout {seconds} s before AchieveIt queued it (it was waiting to retry, for the journal, or for the same content's upload in flight, or no byte had left). Nothing was queued; try again.");
        }
    }
}
