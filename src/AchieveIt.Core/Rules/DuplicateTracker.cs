using System;
using System.Collections.Generic;

namespace AchieveIt.Rules
{
    /// <summary>
    /// Warns when one submission updates the same External ID for the same date twice. It keeps a 64-bit hash
    /// per row rather than the IDs, so a million rows cost about 40 MB, not hundreds.
    /// </summary>
    public sealed class DuplicateTracker
    {
        private readonly Dictionary<ulong, long> firstLine = new Dictionary<ulong, long>();
        private readonly string place;

        /// <param name="place">What a position is called in messages: "line" for files, "input row" for objects.</param>
        public DuplicateTracker(string place) => this.place = place;

        public void Check(long line, IUpdate update, List<CsvIssue> issues)
        {
            var key = Hash(update.ExternalId, update.AsOfDate);
            if (firstLine.TryGetValue(key, out var earlier))
            {
                issues.Add(IssueFactory.Warning(line, Column.ExternalId, update.ExternalId, RuleCodes.DuplicateUpdate,
                    $"'{IssueFactory.Shorten(update.ExternalId)}' already has an update for {Csv.CsvFormat.FormatDate(update.AsOfDate)} on {place} {earlier}. " +
                    "AchieveIt applies both in file order; remove the one you do not mean."));
                return;
            }

            firstLine.Add(key, line);
        }

        // FNV-1a over the upper-cased ID and the date: IDs that differ only in case count as the same item.
        private static ulong Hash(string id, DateTime date)
        {
            var hash = 14695981039346656037UL;
            foreach (var c in id)
            {
                hash = (hash ^ char.ToUpperInvariant(c)) * 1099511628211UL;
            }

            hash = (hash ^ (ulong)date.Ticks) * 1099511628211UL;
            return hash;
        }
    }
}
