using System.Collections.Generic;
using System.Linq;

namespace AchieveIt
{
    /// <summary>What Test-AchieveItCsv found in one file.</summary>
    public sealed class CsvTestResult
    {
        public CsvTestResult(string path, long rowCount, bool hasHeader, IReadOnlyList<CsvIssue> issues)
        {
            Path = path;
            RowCount = rowCount;
            HasHeader = hasHeader;
            Errors = issues.Where(i => i.Severity == IssueSeverity.Error).ToArray();
            Warnings = issues.Where(i => i.Severity == IssueSeverity.Warning).ToArray();
        }

        public string Path { get; }

        /// <summary>True when the file has no errors (warnings are allowed).</summary>
        public bool IsValid => Errors.Count == 0;

        /// <summary>Data rows, not counting a header or a #TYPE line.</summary>
        public long RowCount { get; }

        public bool HasHeader { get; }

        public IReadOnlyList<CsvIssue> Errors { get; }

        public IReadOnlyList<CsvIssue> Warnings { get; }
    }
}
