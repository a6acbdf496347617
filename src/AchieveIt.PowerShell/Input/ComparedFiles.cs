using System;
using System.Collections.Generic;
using System.IO;
using AchieveIt.Csv;
using AchieveIt.Plans;
using AchieveIt.PowerShell.Errors;
using AchieveIt.Submissions;

namespace AchieveIt.PowerShell.Input
{
    /// <summary>
    /// Submit -Path's second read of each valid file, when the file is not sent as it is checked: with a plan, its rows
    /// are set beside their plan items (an Older row is warned); with -DateOrder DayFirst, a file whose dates were read
    /// day first is rewritten. A file -ExcludeChangeType leaves rows out of, or whose dates were read day first, is sent
    /// as the rows it keeps, written as New-AchieveItUpdate writes them (dates as yyyy-MM-dd), under the file's upload
    /// name; a file it leaves every row out of is not sent; any other file is sent as it is.
    /// </summary>
    internal static class ComparedFiles
    {
        /// <summary>The uploads to send, in order (the caller deletes the spool files among them once sent).</summary>
        /// <param name="compare">The plan's items to compare each row with, or null.</param>
        /// <param name="dayFirst">The files whose dates were read day first (rewritten), with the order they were read in.</param>
        /// <param name="hashOnly">-WhatIf: the rows a file keeps are only hashed, never written.</param>
        public static IReadOnlyList<UploadFile> Apply(IReadOnlyList<UploadFile> ready, PlanComparer compare, BadRowReport report, CsvCheckOptions options, Action<UpdateChange> listing,
            ISet<string> dayFirst, bool hashOnly)
        {
            var result = new List<UploadFile>();
            foreach (var upload in ready)
            {
                var rewrite = dayFirst.Contains(upload.Path);
                var kept = compare == null && !rewrite ? upload : One(upload, compare, rewrite, report, options, listing, hashOnly);
                if (kept != null) result.Add(kept);
            }

            return result;
        }

        /// <summary>The options of a second read of a file already checked (Compare-AchieveItUpdate's files too).</summary>
        // The options of a second read: its own date guard (each file is its own input, read in the order it was
        // checked in), no hash (the bytes sent are known), no duplicate table (the first read said the duplicates).
        internal static CsvCheckOptions Again(CsvCheckOptions options, Rules.DateOrder order = Rules.DateOrder.Unstated)
        {
            var again = options.For(new Rules.DateConvention(order, "line"));
            again.Fingerprint = false;
            again.CheckDuplicates = false; // said by the first read
            return again;
        }

        private static UploadFile One(UploadFile upload, PlanComparer compare, bool rewrite, BadRowReport report, CsvCheckOptions options, Action<UpdateChange> listing, bool hashOnly)
        {
            var name = Path.GetFileName(upload.Path);
            var leftBefore = compare?.LeftOutTotal ?? 0;
            var ignored = new List<CsvIssue>(); // the file was checked already: duplicates were said then
            using (var kept = rewrite || compare.Excludes ? new UpdateBatcher(null, 0, options.Kind, UpdateFormat.Csv, hashOnly) : null)
            {
                CsvValidator.ValidateFile(upload.Path, (line, update) =>
                {
                    if (compare != null)
                    {
                        var change = compare.Compare(update, $"line {line} of {name}");
                        if (change.ChangeType == ChangeType.Older)
                        {
                            var issue = PlanComparer.OlderIssue(line, change).InRow(null, update.ExternalId);
                            report.Report(issue, IssueErrors.FileText(issue, upload.Path), upload.Path);
                        }

                        if (!compare.Keeps(change)) return;
                        listing?.Invoke(change);
                    }

                    kept?.Add(line, update, ignored);
                }, Again(options, rewrite ? Rules.DateOrder.DayFirst : Rules.DateOrder.Unstated));

                if (!rewrite && compare.LeftOutTotal == leftBefore) return upload; // nothing left out: the file goes as it is
                if (kept.Count == 0)
                {
                    report.Warn($"'{name}' is not sent: -ExcludeChangeType leaves out every row of it.");
                    return null;
                }

                var batch = kept.Complete()[0];
                return new UploadFile(batch.Path, upload.Name, batch.RowCount, batch.Sha256, null);
            }
        }
    }
}
