using System.Collections.Generic;
using System.Threading;
using AchieveIt.Files;
using AchieveIt.Rules;

namespace AchieveIt.Csv
{
    /// <summary>What <see cref="CsvValidator"/> found in one file.</summary>
    public sealed class CsvValidation
    {
        internal CsvValidation(long rowCount, bool hasHeader, IssueLog log, bool stoppedEarly)
        {
            RowCount = rowCount;
            HasHeader = hasHeader;
            Log = log;
            StoppedEarly = stoppedEarly;
        }

        /// <summary>Data rows (not the header, a #TYPE line or empty rows); up to where reading stopped.</summary>
        public long RowCount { get; }

        public bool HasHeader { get; }

        /// <summary>Every issue counted; the first ones kept.</summary>
        public IssueLog Log { get; }

        /// <summary>The issues kept (at most the limit), in file order.</summary>
        public IReadOnlyList<CsvIssue> Issues => Log.Kept;

        public bool HasErrors => Log.HasErrors;

        /// <summary>Reading stopped before the end: at the first error (when asked) or at a field too long to read.</summary>
        public bool StoppedEarly { get; }

        /// <summary>The length, hash and content bounds of the whole file as it was read (<see cref="CsvCheckOptions.Fingerprint"/>); null when the check stopped early.</summary>
        public FileFingerprint Fingerprint { get; internal set; }
    }

    /// <summary>How much a check keeps and how far it reads.</summary>
    public sealed class CsvCheckOptions
    {
        /// <summary>Issues kept in full; the rest are counted (default 1,000).</summary>
        public int IssueLimit { get; set; } = IssueLog.DefaultLimit;

        /// <summary>Stop reading at the first error (Test-AchieveItCsv -Quiet).</summary>
        public bool StopAtFirstError { get; set; }

        /// <summary>Progress updates (default) or metric updates: which columns and rules apply.</summary>
        public UpdateType Kind { get; set; }

        /// <summary>Also hash every byte read (a file's check only): the result's <see cref="CsvValidation.Fingerprint"/>, for an upload of exactly the bytes checked.</summary>
        public bool Fingerprint { get; set; }

        /// <summary>The plan every row's External ID must name (UnknownExternalId, MissingMetricValue), or null for none.</summary>
        public Plans.PlanItems Plan { get; set; }

        /// <summary>
        /// The module's date guard for this file (AmbiguousDate once a slash date proves day first), or null: the sandbox
        /// reads slashes month first, as AchieveIt does, and checks none.
        /// </summary>
        public Rules.DateConvention Dates { get; set; }

        /// <summary>
        /// Warn of an update for the same item and date twice (default). Off for a second read of a file already
        /// checked (its duplicates were said then): the table of a million rows is not built twice.
        /// </summary>
        public bool CheckDuplicates { get; set; } = true;

        /// <summary>Stops the check (Ctrl+C): OperationCanceledException.</summary>
        public CancellationToken Cancellation { get; set; }

        /// <summary>A copy for one more file, with its own date guard: one options object is never changed under a check.</summary>
        public CsvCheckOptions For(Rules.DateConvention dates)
        {
            var copy = (CsvCheckOptions)MemberwiseClone();
            copy.Dates = dates;
            return copy;
        }
    }
}
