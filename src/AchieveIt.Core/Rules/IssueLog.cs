using System.Collections.Generic;
using System.Linq;

namespace AchieveIt.Rules
{
    /// <summary>
    /// The issues of one file or one input, bounded: the first <see cref="Limit"/> are kept in full, every one is
    /// counted by code. A file of a million bad rows costs a thousand issue objects and a few counters.
    /// </summary>
    public sealed class IssueLog
    {
        /// <summary>How many issues are kept by default (the rest are counted).</summary>
        public const int DefaultLimit = 1000;

        private readonly List<CsvIssue> kept = new List<CsvIssue>();
        private readonly Dictionary<string, long> byCode = new Dictionary<string, long>();

        public IssueLog(int limit = DefaultLimit) => Limit = limit < 1 ? 1 : limit;

        public int Limit { get; }

        /// <summary>The first issues, in order (at most <see cref="Limit"/>).</summary>
        public IReadOnlyList<CsvIssue> Kept => kept;

        public long ErrorCount { get; private set; }

        public long WarningCount { get; private set; }

        public long Total => ErrorCount + WarningCount;

        /// <summary>Issues counted but not kept.</summary>
        public long NotKept => Total - kept.Count;

        public bool HasErrors => ErrorCount > 0;

        /// <summary>How many issues of each code, kept or not.</summary>
        public IReadOnlyDictionary<string, long> CountsByCode => byCode;

        public void Add(CsvIssue issue)
        {
            if (issue.Severity == IssueSeverity.Error) ErrorCount++;
            else WarningCount++;
            byCode.TryGetValue(issue.Code, out var count);
            byCode[issue.Code] = count + 1;
            if (kept.Count < Limit) kept.Add(issue);
        }

        /// <summary>Counts what <paramref name="other"/> counted beyond the issues it kept (the kept ones are added one by one).</summary>
        public void AddCountsNotKept(IssueLog other)
        {
            var keptByCode = other.Kept.GroupBy(i => i.Code).ToDictionary(g => g.Key, g => (long)g.Count());
            ErrorCount += other.ErrorCount - other.Kept.Count(i => i.Severity == IssueSeverity.Error);
            WarningCount += other.WarningCount - other.Kept.Count(i => i.Severity == IssueSeverity.Warning);
            foreach (var pair in other.CountsByCode)
            {
                keptByCode.TryGetValue(pair.Key, out var keptCount);
                if (pair.Value == keptCount) continue;
                byCode.TryGetValue(pair.Key, out var count);
                byCode[pair.Key] = count + pair.Value - keptCount;
            }
        }

        public void AddRange(List<CsvIssue> issues)
        {
            foreach (var issue in issues) Add(issue);
        }

        /// <summary>"3 errors, 1 warning (InvalidStatus 2, MissingAsOfDate 1, DuplicateUpdate 1)".</summary>
        public string Summary()
        {
            var parts = new List<string>();
            if (ErrorCount > 0) parts.Add(ErrorCount + (ErrorCount == 1 ? " error" : " errors"));
            if (WarningCount > 0) parts.Add(WarningCount + (WarningCount == 1 ? " warning" : " warnings"));
            if (parts.Count == 0) return "no issues";
            var codes = string.Join(", ", byCode.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Select(p => p.Key + " " + p.Value));
            return string.Join(", ", parts) + " (" + codes + ")";
        }
    }
}
