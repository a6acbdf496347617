using System.Collections.Generic;
using System.Linq;

namespace AchieveIt.Journal
{
    /// <summary>What a read of the journal found: its submissions, oldest first, and the damage skipped.</summary>
    public sealed class JournalRead
    {
        public JournalRead(IReadOnlyList<JournalSubmission> submissions, JournalDamage damage)
        {
            Submissions = submissions;
            Damage = damage;
        }

        public IReadOnlyList<JournalSubmission> Submissions { get; }

        public JournalDamage Damage { get; }

        /// <summary>Entries past 90 days that were dropped from the file (only a step that writes prunes).</summary>
        public int Pruned { get; internal set; }
    }

    /// <summary>The journal's damaged lines: how many, and the first few by number, for a warning that names them.</summary>
    public sealed class JournalDamage
    {
        private const int Named = 5;
        private readonly List<long> lines = new List<long>();

        public JournalDamage(string file) => File = file;

        public string File { get; }

        /// <summary>Lines skipped: cut, not JSON, too long, or not a whole entry.</summary>
        public int Count { get; private set; }

        internal void Add(long line)
        {
            Count++;
            if (lines.Count < Named) lines.Add(line);
        }

        internal void AddIncomplete() => Count++;

        // A read from the journal's end counts lines from there: "line 3 from the end".
        private bool fromEnd;

        internal void AddFromEnd(long line)
        {
            fromEnd = true;
            Add(line);
        }

        /// <summary>The warning, or null when nothing was damaged.</summary>
        public string Warning() =>
            Count == 0
                ? null
                : $"{Count} damaged line(s) in the journal '{File}' were skipped" + (lines.Count == 0 ? string.Empty : $" (line {string.Join(", ", lines.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)))}{(Count > lines.Count ? ", ..." : string.Empty)}{(fromEnd ? " from the end" : string.Empty)})") +
                  "; every submission it could still read is kept.";
    }

    /// <summary>What <see cref="SubmissionJournal.Reserve"/> came to: the intent's ID, or the earlier submission that blocks it.</summary>
    public sealed class JournalReservation
    {
        public JournalReservation(string submission, JournalSubmission earlier, JournalDamage damage, int pruned = 0)
        {
            Submission = submission;
            Earlier = earlier;
            Damage = damage;
            Pruned = pruned;
        }

        /// <summary>Entries past 90 days that this step dropped from the file.</summary>
        public int Pruned { get; }

        /// <summary>The intent's ID for the outcome, or null when an earlier submission blocks this one.</summary>
        public string Submission { get; }

        public JournalSubmission Earlier { get; }

        public JournalDamage Damage { get; }
    }
}
