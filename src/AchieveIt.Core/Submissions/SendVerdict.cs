using System.Collections.Generic;
using System.Linq;
using AchieveIt.Http;

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
        public static SendVerdict ForRows(long received, long accepted, long rejected, long nulls, bool skipInvalid)
        {
            if (rejected > 0 && !skipInvalid)
            {
                return new SendVerdict(ErrorIds.InvalidRows, $"Nothing was sent: {rejected} of {received} rows are invalid", "Fix the rows named, or use -SkipInvalid to send only the valid rows.", null);
            }

            if (received == 0)
            {
                return Nothing((nulls > 0 ? $"The input held only $null ({nulls} of them), no rows" : "No rows came down the pipeline (the input was empty)") +
                               ", so nothing was sent. Check the source of the rows (an empty export, a query that found nothing).");
            }

            if (accepted == 0) return Nothing($"All {received} rows were invalid and left out (-SkipInvalid), so nothing was sent. See the warnings for each row.");
            return new SendVerdict(null, null, null, rejected > 0 ? $"{rejected} of {received} rows were invalid and are left out (-SkipInvalid); {accepted} will be sent." : null);
        }

        /// <summary>Files checked and sorted.</summary>
        public static SendVerdict ForFiles(FileSelection files, bool skipInvalid)
        {
            var all = files.Checked;
            var heldBack = files.HeldBack;
            if (heldBack.Count > 0 && !skipInvalid)
            {
                return new SendVerdict(ErrorIds.InvalidRows,
                    $"Nothing was sent: {heldBack.Count} of {all.Count} files are invalid or unreadable ({string.Join(", ", heldBack)}), so all {all.Count} were held back ({string.Join(", ", all)})",
                    "Fix the files named (Test-AchieveItCsv shows every issue), or use -SkipInvalid to send only the valid files.", null);
            }

            var warning = heldBack.Count > 0 ? $"{heldBack.Count} of {all.Count} files are invalid or unreadable and are not sent (-SkipInvalid): {string.Join(", ", heldBack)}." : null;
            if (files.Ready.Count > 0) return new SendVerdict(null, null, null, warning);
            var empty = files.Empty;
            var message = heldBack.Count == 0
                ? $"{(empty.Count == 1 ? "The file" : $"All {empty.Count} files")} ({string.Join(", ", empty)}) held no rows, so nothing was sent. Check that the export ran."
                : $"None of the {all.Count} files can be sent ({string.Join(", ", heldBack.Concat(empty))}), so nothing was sent.";
            return new SendVerdict(ErrorIds.NothingToSend, message, null, warning);
        }

        private static SendVerdict Nothing(string message) => new SendVerdict(ErrorIds.NothingToSend, message, null, null);
    }
}
