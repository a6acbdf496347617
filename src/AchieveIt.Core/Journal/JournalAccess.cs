using System;
using System.Collections;
using System.Collections.Generic;
using System.Threading;
using AchieveIt.Http;

namespace AchieveIt.Journal
{
    /// <summary>
    /// The journal as a command uses it, opened once from the environment. The guard fails closed:
    /// <see cref="Reserve"/> throws JournalUnavailable when the journal cannot be used, so nothing is sent. Every
    /// other step (an outcome, a job's final state, a listing) fails open: one warning through the sink, and the work
    /// goes on. One per command; safe to call from the command's worker thread (the sink must be, too).
    /// </summary>
    public sealed class JournalAccess
    {
        private readonly IDictionary variables;
        private readonly Action<string> warn;
        private readonly Action<string> note;
        private readonly IClock clock;
        private readonly object gate = new object();
        private bool warned;
        private bool opened;
        private SubmissionJournal journal;
        private AchieveItException openFailure;

        /// <param name="variables">The environment (ACHIEVEIT_JOURNAL_PATH names the folder, or "off").</param>
        /// <param name="warn">Where a journal that cannot be used is told (once).</param>
        /// <param name="clock">The clock entries are dated by (tests give one of their own).</param>
        /// <param name="note">Where what the journal did is told (Verbose): entries past 90 days pruned by a submission.</param>
        public JournalAccess(IDictionary variables, Action<string> warn, IClock clock = null, Action<string> note = null)
        {
            this.variables = variables;
            this.warn = warn ?? (_ => { });
            this.note = note ?? (_ => { });
            this.clock = clock ?? SystemClock.Instance;
        }

        /// <summary>True when the journal is turned off (ACHIEVEIT_JOURNAL_PATH=off): the one way, with -Force, to send without the guard.</summary>
        public bool IsOff
        {
            get
            {
                Open();
                return journal == null && openFailure == null;
            }
        }

        /// <summary>The journal, or null when it is off or cannot be opened (after one warning).</summary>
        public SubmissionJournal Journal
        {
            get
            {
                Open();
                if (openFailure != null) Warn(openFailure);
                return journal;
            }
        }

        /// <summary>
        /// The duplicate check and the intent in one step under the journal's lock; null when the journal is off.
        /// JournalUnavailable (thrown) when it cannot be opened, locked, read or written; Ctrl+C stops the wait.
        /// </summary>
        public JournalReservation Reserve(AchieveItEnvironment environment, string fileName, long rows, string sha256, bool force, CancellationToken cancellation, ApiKey key = null)
        {
            Open();
            if (openFailure != null) throw openFailure;
            if (journal == null) return null;
            var reservation = journal.Reserve(clock.UtcNow, environment, fileName, rows, sha256, force, cancellation, key);
            var damage = reservation.Damage.Warning();
            if (damage != null) warn(damage);
            if (reservation.Pruned > 0) note($"{reservation.Pruned} journal entries older than {SubmissionJournal.KeepFor.TotalDays:0} days were dropped from '{journal.FilePath}'.");
            return reservation;
        }

        /// <summary>Runs a step on the journal when there is one; a failure is a warning (once), never an error.</summary>
        public void With(Action<SubmissionJournal> step)
        {
            var now = Journal;
            if (now == null) return;
            try
            {
                step(now);
            }
            catch (AchieveItException e) when (e.ErrorId == ErrorIds.JournalUnavailable)
            {
                Warn(e);
            }
        }

        /// <summary>The newest <paramref name="count"/> submissions to <paramref name="baseUri"/>, read from the journal's end; warns about damaged lines.</summary>
        public IReadOnlyList<JournalSubmission> ReadLatest(int count, Uri baseUri) => ReadWith(j => j.ReadLatest(clock.UtcNow, count, baseUri));

        /// <summary>The submissions made since <paramref name="since"/>, read from the journal's end.</summary>
        public IReadOnlyList<JournalSubmission> ReadSince(DateTimeOffset since) => ReadWith(j => j.ReadSince(clock.UtcNow, since));

        /// <summary>The submission whose job has this ID, or null.</summary>
        public JournalSubmission FindJob(string jobId)
        {
            foreach (var submission in ReadWith(j => j.ReadJob(clock.UtcNow, jobId)))
            {
                if (string.Equals(submission.JobId, jobId, StringComparison.OrdinalIgnoreCase)) return submission;
            }

            return null;
        }

        private IReadOnlyList<JournalSubmission> ReadWith(Func<SubmissionJournal, JournalRead> reading)
        {
            IReadOnlyList<JournalSubmission> submissions = Array.Empty<JournalSubmission>();
            With(j =>
            {
                var read = reading(j);
                submissions = read.Submissions;
                var damage = read.Damage.Warning();
                if (damage != null) warn(damage);
            });
            return submissions;
        }

        /// <summary>A look at the earlier submission that blocks these bytes, for -WhatIf: null when none does or the journal cannot say (<see cref="Reserve"/> reports that).</summary>
        public JournalSubmission PeekDuplicate(string sha256, Uri baseUri, ApiKey key = null)
        {
            Open();
            if (journal == null) return null;
            try
            {
                return journal.FindDuplicate(sha256, baseUri, clock.UtcNow, key);
            }
            catch (AchieveItException e) when (e.ErrorId == ErrorIds.JournalUnavailable)
            {
                return null;
            }
        }

        /// <summary>Records a job's final state, when it has one.</summary>
        public void Finished(Job job)
        {
            if (!job.IsFinished) return;
            // Once per job and state: a finished job read again (Get-AchieveItJob, a second Wait) adds no line.
            var recorded = string.IsNullOrEmpty(job.JobId) ? null : FindJob(job.JobId);
            if (recorded != null && recorded.State == job.State && recorded.StateAt.HasValue) return;
            With(j => j.Finished(job, clock.UtcNow));
        }

        // Opened once, whole, under the gate: a second thread never sees "opened" before the journal (or its failure)
        // is there, which would read as "journal off" and send without the guard.
        private void Open()
        {
            lock (gate)
            {
                if (opened) return;
                try
                {
                    journal = SubmissionJournal.Open(variables);
                }
                catch (AchieveItException e) when (e.ErrorId == ErrorIds.JournalUnavailable)
                {
                    openFailure = e;
                }

                opened = true;
            }
        }

        private void Warn(AchieveItException e)
        {
            lock (gate)
            {
                if (warned) return;
                warned = true;
            }

            warn($"{e.Message} This step goes on without it. Set {JournalLocation.Variable} to a folder of your own, or to 'off'.");
        }
    }
}
