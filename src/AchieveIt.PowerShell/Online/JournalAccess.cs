using System;
using System.Collections.Generic;
using System.Management.Automation;
using AchieveIt.Journal;

namespace AchieveIt.PowerShell.Online
{
    /// <summary>
    /// The journal as the cmdlets use it: opened from the environment, and never the reason a submission or a
    /// wait fails. A journal that cannot be written is one warning, and the work goes on.
    /// </summary>
    internal sealed class JournalAccess
    {
        private readonly PSCmdlet cmdlet;
        private bool warned;
        private bool opened;
        private SubmissionJournal journal;

        public JournalAccess(PSCmdlet cmdlet) => this.cmdlet = cmdlet;

        /// <summary>The journal, or null when it is off or cannot be opened (after one warning).</summary>
        public SubmissionJournal Journal
        {
            get
            {
                if (opened) return journal;
                opened = true;
                Try(() => journal = SubmissionJournal.Open(System.Environment.GetEnvironmentVariables()));
                return journal;
            }
        }

        /// <summary>Runs a journal step; a failure is a warning (once), never an error.</summary>
        public void Try(Action step)
        {
            try
            {
                step();
            }
            catch (Exception e) when (e is System.IO.IOException || e is UnauthorizedAccessException)
            {
                journal = null;
                if (warned) return;
                warned = true;
                cmdlet.WriteWarning($"The submission journal could not be used ({e.Message}); this command goes on without it. Set {JournalLocation.Variable} to a folder of your own, or to 'off'.");
            }
        }

        /// <summary>The submissions, newest last; warns about damaged lines.</summary>
        public IReadOnlyList<JournalSubmission> Read()
        {
            IReadOnlyList<JournalSubmission> submissions = Array.Empty<JournalSubmission>();
            var journalNow = Journal;
            if (journalNow == null) return submissions;
            Try(() =>
            {
                var (read, damaged) = journalNow.Read(DateTimeOffset.UtcNow);
                submissions = read;
                if (damaged > 0) cmdlet.WriteWarning($"{damaged} damaged line(s) in the journal '{journalNow.FilePath}' were skipped.");
            });
            return submissions;
        }

        /// <summary>The earlier submission that blocks sending these bytes again, or null (the journal is off, or none does).</summary>
        public JournalSubmission FindDuplicate(string sha256, Uri baseUri)
        {
            JournalSubmission duplicate = null;
            var journalNow = Journal;
            if (journalNow != null) Try(() => duplicate = journalNow.FindDuplicate(sha256, baseUri, DateTimeOffset.UtcNow));
            return duplicate;
        }

        /// <summary>Records a job's final state, when it has one.</summary>
        public void Finished(Job job)
        {
            if (!job.IsFinished) return;
            var journalNow = Journal;
            if (journalNow != null) Try(() => journalNow.Finished(job, DateTimeOffset.UtcNow));
        }
    }
}
