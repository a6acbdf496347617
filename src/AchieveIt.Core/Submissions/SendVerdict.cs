using System.Collections.Generic;
using System.Linq;
using AchieveIt.Http;
using AchieveIt.Rules;

namespace AchieveIt.Submissions
{
    /// <summary>
    /// Whether a command sends what it was given, in words: go on (perhaps with a warning), InvalidRows (nothing sent:
    /// every bad row or file was reported), or NothingToSend (the input held nothing that can be sent).
    /// </summary>
    public sealed class SendVerdict
    {
        private SendVerdict(string errorId, string message, string fix, string warning)
        {
            ErrorId = errorId;
            Message = message;
            Fix = fix;
            Warning = warning;
        }

        /// <summary>Null when the command sends; else InvalidRows or NothingToSend.</summary>
        public string ErrorId { get; }

        public string Message { get; }

        /// <summary>What to do, for InvalidRows.</summary>
        public string Fix { get; }

        /// <summary>Written first, whatever the verdict: what -SkipInvalid left out.</summary>
        public string Warning { get; }

        public bool Sends => ErrorId == null;

        /// <summary>-Path named files, none found.</summary>
        public static SendVerdict NoFiles(IReadOnlyCollection<string> unmatchedPatterns)
        {
            var what = unmatchedPatterns.Count > 0 ? $"-Path {string.Join(", ", unmatchedPatterns.Select(p => "'" + p + "'"))} matched no file" : "No file could be read";
            return Nothing($"{what}, so nothing was sent. Check the path and that the export ran.");
        }

        /// <summary>Rows from the pipeline, counted: received (not $null), accepted, rejected.</summary>
        /// <param name="received">Rows received (not $null, not padding).</param>
        /// <param name="accepted">Rows that passed every rule.</param>
        /// <param name="rejected">Rows that broke a rule.</param>
        /// <param name="nulls">$null objects piped in.</param>
        /// <param name="skipInvalid">-SkipInvalid: bad rows are left out rather than stopping the send.</param>
        /// <param name="padding">Empty rows at the end of the input, left out as Excel's padding (not counted in <paramref name="received"/>).</param>
        public static SendVerdict ForRows(long received, long accepted, long rejected, long nulls, bool skipInvalid, long padding = 0, long leftOut = 0)
        {
            if (rejected > 0 && !skipInvalid)
            {
                return new SendVerdict(ErrorIds.InvalidRows, $"Nothing was sent: {Counting.PartOf(rejected, received, "row", "is", "are")} invalid", "Fix the rows named, or use -SkipInvalid to send only the valid rows.", null);
            }

            if (received == 0)
            {
                var what = padding > 0 ? $"The input held only empty rows ({padding} of them), no updates"
                    : nulls > 0 ? $"The input held only $null ({nulls} of them), no rows" : "No rows came down the pipeline (the input was empty)";
                return Nothing(what + ", so nothing was sent. Check the source of the rows (an empty export, a query that found nothing).");
            }

            if (accepted == 0 && leftOut > 0)
            {
                // A night with no change is a good night: not an error, and no job.
                return new SendVerdict(null, null, null, AllLeftOut(leftOut));
            }

            if (accepted == 0) return Nothing($"All {Counting.Of(received, "row")} {(received == 1 ? "was" : "were")} invalid and left out (-SkipInvalid), so nothing was sent. See the warnings for each row.");
            return new SendVerdict(null, null, null, rejected > 0 ? $"{Counting.PartOf(rejected, received, "row", "was", "were")} invalid and {(rejected == 1 ? "is" : "are")} left out (-SkipInvalid); {accepted} will be sent." : null);
        }

        /// <summary>Files checked and sorted.</summary>
        public static SendVerdict ForFiles(FileSelection files, bool skipInvalid)
        {
            var all = files.Checked;
            var heldBack = files.HeldBack;
            if (heldBack.Count > 0 && !skipInvalid)
            {
                return new SendVerdict(ErrorIds.InvalidRows,
                    $"Nothing was sent: {Counting.PartOf(heldBack.Count, all.Count, "file", "is", "are")} invalid or unreadable ({string.Join(", ", heldBack)}), so all {all.Count} were held back ({string.Join(", ", all)})",
                    "Fix the files named (Test-AchieveItCsv shows every issue), or use -SkipInvalid to send only the valid files.", null);
            }

            var warning = heldBack.Count > 0 ? $"{Counting.PartOf(heldBack.Count, all.Count, "file", "is", "are")} invalid or unreadable and {(heldBack.Count == 1 ? "is" : "are")} not sent (-SkipInvalid): {string.Join(", ", heldBack)}." : null;
            if (files.Ready.Count > 0) return new SendVerdict(null, null, null, warning);
            var empty = files.Empty;
            var message = heldBack.Count == 0
                ? $"{(empty.Count == 1 ? "The file" : $"All {empty.Count} files")} ({string.Join(", ", empty)}) held no rows, so nothing was sent. Check that the export ran."
                : $"None of the {all.Count} files can be sent ({string.Join(", ", heldBack.Concat(empty))}), so nothing was sent.";
            return new SendVerdict(ErrorIds.NothingToSend, message, null, warning);
        }

        /// <summary>The warning when -ExcludeChangeType left every valid row out: nothing sent, and no error.</summary>
        public static string AllLeftOut(long leftOut) =>
            $"Nothing was sent: every valid row was left out by -ExcludeChangeType ({Counting.Of(leftOut, "row")}), so AchieveIt has nothing to change.";

        private static SendVerdict Nothing(string message) => new SendVerdict(ErrorIds.NothingToSend, message, null, null);
    }
}
