using System;
using System.Collections;
using System.Collections.Generic;
using AchieveIt.Http;

namespace AchieveIt.Journal
{
    /// <summary>
    /// The journal as a command uses it: opened once from the environment, and never the reason a submission or a
    /// wait fails. A journal that cannot be used is one warning (through the sink), and the work goes on without it.
    /// One per command; safe to call from the command's worker thread (the sink must be, too).
    /// </summary>
    public sealed class JournalAccess
    {
        private readonly IDictionary variables;
        private readonly Action<string> warn;
        private readonly IClock clock;
        private readonly object gate = new object();
        private bool warned;
        private bool opened;
        private SubmissionJournal journal;

        public JournalAccess(IDictionary variables, Action<string> warn, IClock clock = null)
        {
            this.variables = variables;
            this.warn = warn ?? (_ => { });
            this.clock = clock ?? SystemClock.Instance;
        }

        /// <summary>The journal, or null when it is off or cannot be opened (after one warning).</summary>
        public SubmissionJournal Journal
        {
            get
            {
                lock (gate)
                {
                    if (opened) return journal;
                    opened = true;
                }

                Try(() => journal = SubmissionJournal.Open(variables));
                return journal;
            }
        }

        /// <summary>Runs a journal step; a failure is a warning (once), never an error, and the journal is not used again.</summary>
        public void Try(Action step)
        {
            try
            {
                step();
            }
            catch (Exception e) when (e is System.IO.IOException || e is UnauthorizedAccessException)
            {
                lock (gate)
                {
                    journal = null;
                    if (warned) return;
                    warned = true;
                }

                warn($"The submission journal could not be used ({e.Message}); this command goes on without it. Set {JournalLocation.Variable} to a folder of your own, or to 'off'.");
            }
        }

        /// <summary>Runs a step on the journal when there is one.</summary>
        public void With(Action<SubmissionJournal> step)
        {
            var now = Journal;
            if (now != null) Try(() => step(now));
        }

        /// <summary>The submissions, oldest first; warns about damaged lines.</summary>
        public IReadOnlyList<JournalSubmission> Read()
        {
            IReadOnlyList<JournalSubmission> submissions = Array.Empty<JournalSubmission>();
            With(j =>
            {
                var (read, damaged) = j.Read(clock.UtcNow);
                submissions = read;
                if (damaged > 0) warn($"{damaged} damaged line(s) in the journal '{j.FilePath}' were skipped.");
            });
            return submissions;
        }

        /// <summary>The earlier submission that blocks sending these bytes again, or null (the journal is off, or none does).</summary>
        public JournalSubmission FindDuplicate(string sha256, Uri baseUri)
        {
            JournalSubmission duplicate = null;
            With(j => duplicate = j.FindDuplicate(sha256, baseUri, clock.UtcNow));
            return duplicate;
        }

        /// <summary>Records a job's final state, when it has one.</summary>
        public void Finished(Job job)
        {
            if (job.IsFinished) With(j => j.Finished(job, clock.UtcNow));
        }
    }
}
