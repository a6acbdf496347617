using System.Collections.Generic;

namespace AchieveIt.Csv
{
    /// <summary>What <see cref="CsvValidator"/> found in one file.</summary>
    public sealed class CsvValidation
    {
        internal CsvValidation(long rowCount, bool hasHeader, List<CsvIssue> issues)
        {
            RowCount = rowCount;
            HasHeader = hasHeader;
            Issues = issues;
        }

        /// <summary>Data rows (not the header, a #TYPE line or empty rows).</summary>
        public long RowCount { get; }

        public bool HasHeader { get; }

        /// <summary>Every issue, in file order.</summary>
        public IReadOnlyList<CsvIssue> Issues { get; }

        public bool HasErrors
        {
            get
            {
                foreach (var issue in Issues)
                {
                    if (issue.Severity == IssueSeverity.Error) return true;
                }

                return false;
            }
        }
    }
}
