using System.Collections.Generic;
using System.Linq;
using AchieveIt.Rules;

namespace AchieveIt
{
    /// <summary>
    /// What Test-AchieveItCsv found in one file. Errors and Warnings hold the first issues (at most the issue
    /// limit, 1,000 by default); ErrorCount, WarningCount and IssueCounts count every one.
    /// </summary>
    public sealed class CsvTestResult
    {
        public CsvTestResult(string path, long rowCount, bool hasHeader, IssueLog log, bool stoppedEarly = false)
        {
            Path = path;
            RowCount = rowCount;
            HasHeader = hasHeader;
            Errors = log.Kept.Where(i => i.Severity == IssueSeverity.Error).ToArray();
            Warnings = log.Kept.Where(i => i.Severity == IssueSeverity.Warning).ToArray();
            ErrorCount = log.ErrorCount;
            WarningCount = log.WarningCount;
            IssueCounts = new SortedDictionary<string, long>(log.CountsByCode.ToDictionary(p => p.Key, p => p.Value));
            IssueLimit = log.Limit;
            Complete = !stoppedEarly;
            Summary = log.Summary();
        }

        public string Path { get; }

        /// <summary>True when the file has no errors (warnings are allowed).</summary>
        public bool IsValid => ErrorCount == 0;

        /// <summary>Data rows, not counting a header or a #TYPE line.</summary>
        public long RowCount { get; }

        public bool HasHeader { get; }

        /// <summary>The first errors, in file order.</summary>
        public IReadOnlyList<CsvIssue> Errors { get; }

        /// <summary>The first warnings, in file order.</summary>
        public IReadOnlyList<CsvIssue> Warnings { get; }

        /// <summary>Every error in the file, including those beyond the issue limit.</summary>
        public long ErrorCount { get; }

        public long WarningCount { get; }

        /// <summary>How many issues of each code the file has (all of them, kept or not).</summary>
        public IReadOnlyDictionary<string, long> IssueCounts { get; }

        /// <summary>How many issues were kept in full.</summary>
        public int IssueLimit { get; }

        /// <summary>False when reading stopped before the end (a field over 64 KiB).</summary>
        public bool Complete { get; }

        /// <summary>"2 errors (InvalidStatus 1, MissingAsOfDate 1)".</summary>
        public string Summary { get; }
    }
}
