using System;
using System.Collections.Generic;

namespace AchieveIt.Rules
{
    /// <summary>
    /// Warns when one submission updates the same External ID for the same date twice. It keeps a 64-bit hash
    /// and the first line per row, in one open-addressed table (16 bytes a slot, at most half full), so a million
    /// rows cost 32 MB at most and each row one probe into memory: a general dictionary cost twice the time.
    /// </summary>
    public sealed class DuplicateTracker
    {
        private const int MinimumCapacity = 1024;
        private readonly string place;
        private readonly List<PendingRow> pending = new List<PendingRow>();
        private Slot[] slots;
        private int count;
        private bool hasZeroKey; // the key 0 marks an empty slot, so a row whose hash is 0 is kept apart
        private long zeroKeyLine;

        /// <param name="place">What a position is called in messages: "line" for files, "input row" for objects.</param>
        public DuplicateTracker(string place)
        {
            this.place = place;
            slots = new Slot[MinimumCapacity];
        }

        /// <summary>Rows given to <see cref="Defer"/> and not yet checked.</summary>
        public int Pending => pending.Count;

        /// <summary>Checks one row at once: a duplicate of an earlier row adds a warning.</summary>
        public void Check(long line, IUpdate update, List<CsvIssue> issues)
        {
            var earlier = FirstLine(Hash(update.ExternalId, update.AsOfDate), line);
            if (earlier != 0) issues.Add(Warning(line, update, earlier));
        }

        /// <summary>
        /// Keeps a row to check at the next <see cref="Flush"/>. Rows checked a few hundred at a time cost a third:
        /// the table is far bigger than the CPU's caches, and a batch of lookups waits for memory together.
        /// </summary>
        public void Defer(long line, IUpdate update) => pending.Add(new PendingRow(Hash(update.ExternalId, update.AsOfDate), line, update));

        /// <summary>Checks the deferred rows in order; each duplicate adds a warning to <paramref name="warnings"/>.</summary>
        public void Flush(List<CsvIssue> warnings)
        {
            foreach (var row in pending)
            {
                var earlier = FirstLine(row.Key, row.Line);
                if (earlier != 0) warnings.Add(Warning(row.Line, row.Update, earlier));
            }

            pending.Clear();
        }

        private CsvIssue Warning(long line, IUpdate update, long earlier) =>
            IssueFactory.Warning(line, Column.ExternalId, update.ExternalId, RuleCodes.DuplicateUpdate,
                $"'{IssueFactory.Shorten(update.ExternalId)}' already has an update for {Csv.CsvFormat.FormatDate(update.AsOfDate)} on {place} {earlier}. " +
                "AchieveIt applies both in file order; remove the one you do not mean.");

        // The line that first had this key, or 0 after remembering it for this line.
        private long FirstLine(ulong key, long line)
        {
            if (key == 0)
            {
                if (hasZeroKey) return zeroKeyLine;
                hasZeroKey = true;
                zeroKeyLine = line;
                return 0;
            }

            var mask = slots.Length - 1;
            var i = (int)(key ^ (key >> 32)) & mask;
            while (true)
            {
                var slot = slots[i];
                if (slot.Key == key) return slot.Line;
                if (slot.Key == 0) break;
                i = (i + 1) & mask;
            }

            slots[i] = new Slot(key, line);
            if (++count * 2 > slots.Length) Grow();
            return 0;
        }

        private void Grow()
        {
            var old = slots;
            slots = new Slot[old.Length * 2];
            var mask = slots.Length - 1;
            foreach (var slot in old)
            {
                if (slot.Key == 0) continue;
                var i = (int)(slot.Key ^ (slot.Key >> 32)) & mask;
                while (slots[i].Key != 0) i = (i + 1) & mask;
                slots[i] = slot;
            }
        }

        // FNV-1a over the upper-cased ID and the date, mixed at the end so that the low bits index well: IDs that
        // differ only in case count as the same item.
        private static ulong Hash(string id, DateTime date)
        {
            var hash = 14695981039346656037UL;
            foreach (var c in id)
            {
                var upper = c < 128 ? (c >= 'a' && c <= 'z' ? (char)(c - 32) : c) : char.ToUpperInvariant(c);
                hash = (hash ^ upper) * 1099511628211UL;
            }

            hash = (hash ^ (ulong)date.Ticks) * 1099511628211UL;
            hash ^= hash >> 33;
            hash *= 0xff51afd7ed558ccdUL;
            hash ^= hash >> 33;
            return hash;
        }

        private readonly struct PendingRow
        {
            public PendingRow(ulong key, long line, IUpdate update)
            {
                Key = key;
                Line = line;
                Update = update;
            }

            public ulong Key { get; }

            public long Line { get; }

            public IUpdate Update { get; }
        }

        private readonly struct Slot
        {
            public Slot(ulong key, long line)
            {
                Key = key;
                Line = line;
            }

            public ulong Key { get; }

            public long Line { get; }
        }
    }
}
