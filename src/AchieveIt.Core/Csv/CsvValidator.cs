using System;
using System.Collections.Generic;
using System.IO;
using AchieveIt.Files;
using AchieveIt.Rules;

namespace AchieveIt.Csv
{
    /// <summary>
    /// The whole rule set of docs/CONTRACT.md §3 over a file: one pass, memory flat but for the duplicate check.
    /// The client's Test-AchieveItCsv, Submit -Path and the sandbox all judge files through this class.
    /// </summary>
    public static class CsvValidator
    {
        private const int DuplicateBatch = 256;

        /// <summary>Checks a file; <paramref name="onValidRow"/>, when given, receives every row that broke no rule.</summary>
        public static CsvValidation Validate(Stream stream, Action<long, IUpdate> onValidRow = null, CsvCheckOptions options = null)
        {
            options = options ?? new CsvCheckOptions(); // a fresh one: options are mutable, never shared
            var log = new IssueLog(options.IssueLimit);
            var issues = new List<CsvIssue>(); // the issues of the rows since the last flush, in line order
            var late = new List<CsvIssue>(); // duplicate warnings, found a batch of rows at a time
            var checkedIssues = 0;
            var duplicates = new DuplicateTracker("line");
            long rows = 0;
            var hasHeader = false;
            var stoppedEarly = false;
            var blankLines = new List<long>(); // blank records not yet known to be at the very end (kept up to the issue limit)
            long blankCount = 0;
            ColumnLayout layout = null;
            using (var reader = new ReadAheadRecords(stream))
            {
                if (reader.HasByteOrderMark)
                {
                    issues.Add(IssueFactory.Warning(1, null, string.Empty, RuleCodes.ByteOrderMark,
                        "The file starts with a UTF-8 byte order mark. Submit leaves it out; to remove it yourself, save as 'UTF-8' rather than 'UTF-8 with BOM'."));
                }

                var first = true;
                var cancellation = options.Cancellation;
                while (true)
                {
                    cancellation.ThrowIfCancellationRequested();
                    if (duplicates.Pending >= DuplicateBatch || HasErrorSince(issues, ref checkedIssues)) Flush(log, issues, duplicates, late, ref checkedIssues);
                    if (options.StopAtFirstError && log.HasErrors)
                    {
                        stoppedEarly = true;
                        break;
                    }

                    if (!reader.TryRead(out var record)) break;
                    if (record.IsTooLong)
                    {
                        issues.Add(IssueFactory.Error(record.Line, null, string.Empty, RuleCodes.FieldTooLong,
                            $"A field is longer than {CsvRecordReader.MaxFieldLength / 1024} KiB, which no column of an update needs; the file was not read past it. " +
                            "Check that the file is a CSV of updates, and that every quote is closed."));
                        stoppedEarly = true;
                        break;
                    }

                    if (record.HasTooManyFields)
                    {
                        issues.Add(IssueFactory.Error(record.Line, null, string.Empty, RuleCodes.ColumnCount,
                            $"The row has more than {CsvRecordReader.MaxUpdateFields} fields; AchieveIt needs 4 or 5 (3 or 4 for metric updates). The file was not read past it. " +
                            "Check that the file is a CSV of updates with commas between its columns."));
                        stoppedEarly = true;
                        break;
                    }

                    var fields = record.Fields;
                    if (first && fields.Length > 0 && fields[0].StartsWith("#TYPE", StringComparison.OrdinalIgnoreCase))
                    {
                        first = false;
                        issues.Add(IssueFactory.Error(record.Line, null, fields[0], RuleCodes.TypeInformationLine,
                            "The first line is a '#TYPE' line from Windows PowerShell's Export-Csv. Delete the line, or export with Export-Csv -NoTypeInformation (or with Export-AchieveItCsv)."));
                        continue;
                    }

                    first = false;
                    if (record.HasInvalidBytes)
                    {
                        issues.Add(IssueFactory.Error(record.Line, null, string.Empty, RuleCodes.InvalidEncoding,
                            "The line holds bytes that are not UTF-8. Save the file as UTF-8 (in Excel: 'CSV UTF-8'), or send an ANSI export as rows: " + EncodingAdvice.AnsiImport + " | Submit-AchieveItUpdates."));
                    }

                    if (record.IsBlank)
                    {
                        // An error only if a row follows: empty lines at the very end are left out when the file is sent.
                        if (blankLines.Count < options.IssueLimit) blankLines.Add(record.Line);
                        blankCount++;
                        continue;
                    }

                    foreach (var blank in blankLines)
                    {
                        issues.Add(IssueFactory.Error(blank, null, string.Empty, RuleCodes.EmptyRow,
                            "The row is empty. Delete the empty line: AchieveIt rejects files with empty rows."));
                    }

                    blankLines.Clear();
                    blankCount = 0;

                    if (record.HasBadQuotes)
                    {
                        issues.Add(IssueFactory.Error(record.Line, null, string.Empty, RuleCodes.InvalidQuoting,
                            "A double quote is misplaced: a field that holds a quote must be enclosed in quotes with the quote doubled (\"say \"\"hi\"\"\"), and every opening quote needs a closing one."));
                    }

                    if (layout == null)
                    {
                        if (ColumnLayout.LooksLikeHeader(fields))
                        {
                            hasHeader = true;
                            layout = ColumnLayout.FromHeader(record.Line, fields, issues, options.Kind);
                            CheckFieldCount(record.Line, fields, 0, issues, options.Kind);
                            continue;
                        }

                        layout = ColumnLayout.Positional(options.Kind);
                    }

                    rows++;
                    var mark = issues.Count;
                    layout.SetFieldCountIfUnknown(fields.Length);
                    if (!CheckFieldCount(record.Line, fields, layout.FieldCount, issues, options.Kind))
                    {
                        InRow(issues, mark, rows, null);
                        continue;
                    }

                    IUpdate update = options.Kind == UpdateType.Metric
                        ? (IUpdate)UpdateBuilder.MetricFromText(record.Line, layout.Get(fields, Column.ExternalId), layout.Get(fields, Column.MetricValue),
                            layout.Get(fields, Column.AsOfDate), layout.Get(fields, Column.Comment), issues, options.Dates)
                        : UpdateBuilder.FromText(record.Line,
                            layout.Get(fields, Column.ExternalId), layout.Get(fields, Column.Status), layout.Get(fields, Column.MetricValue),
                            layout.Get(fields, Column.AsOfDate), layout.Get(fields, Column.Comment), issues, options.Dates);
                    var valid = update != null && (options.Plan == null || options.Plan.Check(record.Line, update, issues));
                    InRow(issues, mark, rows, layout.Get(fields, Column.ExternalId));
                    if (!valid) continue;
                    if (options.CheckDuplicates) duplicates.Defer(record.Line, update);
                    onValidRow?.Invoke(record.Line, update);
                }
            }

            Flush(log, issues, duplicates, late, ref checkedIssues);
            if (options.Dates != null && !stoppedEarly) log.AddRange(options.Dates.Finish()); // dates read before the file proved day first

            if (blankCount > 0 && !stoppedEarly)
            {
                issues.Add(IssueFactory.Warning(blankLines[0], null, string.Empty, RuleCodes.TrailingEmptyLines,
                    $"The file ends with {Rules.Counting.Of(blankCount, "empty line")} (from line {blankLines[0]}). They are not rows: Submit leaves them out."));
            }

            if (rows == 0 && !stoppedEarly)
            {
                issues.Add(IssueFactory.Error(1, null, string.Empty, RuleCodes.NoRows,
                    hasHeader ? "The file has a header but no updates. Add at least one row, or do not send the file." : "The file is empty. Add at least one update row."));
            }

            log.AddRange(issues);
            return new CsvValidation(rows, hasHeader, log, stoppedEarly);
        }

        /// <summary>Opens and checks a file on disk.</summary>
        public static CsvValidation ValidateFile(string path, Action<long, IUpdate> onValidRow = null, CsvCheckOptions options = null)
        {
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan))
            {
                return options == null || !options.Fingerprint ? Validate(stream, onValidRow, options) : ValidateAndFingerprint(stream, onValidRow, options);
            }
        }

        /// <summary>Checks a file's stream and fingerprints exactly the bytes the check read.</summary>
        internal static CsvValidation ValidateAndFingerprint(Stream stream, Action<long, IUpdate> onValidRow, CsvCheckOptions options)
        {
            using (var content = new FileBody())
            using (var hashing = new HashingStream(stream, content))
            {
                // Exactly the bytes the check read, up to the end it reached: bytes written after it are not in the
                // fingerprint, so the upload finds the file changed. A check that stopped early has no fingerprint
                // (the file is invalid; hashing the rest would only delay the answer).
                var validation = Validate(hashing, onValidRow, options);
                var sha256 = validation.StoppedEarly || !hashing.Gapless ? null : content.Sha256();
                if (sha256 != null) validation.Fingerprint = new FileFingerprint(hashing.HashedLength, sha256, content.Start, content.End);
                return validation;
            }
        }

        // Moves the rows' issues into the log with the duplicate warnings among them, as if each row had been checked
        // alone: every list is in line order, and a row's own issues come before its duplicate warning.
        private static void Flush(IssueLog log, List<CsvIssue> issues, DuplicateTracker duplicates, List<CsvIssue> late, ref int checkedIssues)
        {
            duplicates.Flush(late);
            var j = 0;
            foreach (var issue in issues)
            {
                while (j < late.Count && late[j].Line < issue.Line) log.Add(late[j++]);
                log.Add(issue);
            }

            while (j < late.Count) log.Add(late[j++]);
            issues.Clear();
            late.Clear();
            checkedIssues = 0;
        }

        // Names the row (and its External ID) in the issues it added: the number Submit gives the same row from Import-Csv.
        private static void InRow(List<CsvIssue> issues, int mark, long row, string externalId)
        {
            for (var i = mark; i < issues.Count; i++) issues[i] = issues[i].InRow(row, externalId);
        }

        // True when an issue added since the last call is an error: the log must know at once (-Quiet stops there).
        private static bool HasErrorSince(List<CsvIssue> issues, ref int checkedIssues)
        {
            for (; checkedIssues < issues.Count; checkedIssues++)
            {
                if (issues[checkedIssues].Severity == IssueSeverity.Error) return true;
            }

            return false;
        }

        private static bool CheckFieldCount(long line, string[] fields, int expected, List<CsvIssue> issues, UpdateType kind)
        {
            var count = fields.Length;
            var (without, with) = ColumnLayout.FieldCounts(kind);
            if (count != without && count != with)
            {
                var semicolons = count == 1 && fields[0].IndexOf(';') >= 0;
                var needs = kind == UpdateType.Metric
                    ? "a metric update needs 3 (External ID, Current Metric Value, As Of Date) or 4 (with Comment)"
                    : "AchieveIt needs 4 (External ID, Status, Current Metric Value, As Of Date) or 5 (with Comment)";
                issues.Add(IssueFactory.Error(line, null, count.ToString(), RuleCodes.ColumnCount,
                    $"The row has {count} fields; {needs}. " +
                    (semicolons
                        ? "The fields are separated by semicolons: save the file with commas (in Excel: 'CSV UTF-8 (Comma delimited)'), or read it with Import-Csv -Delimiter ';' and pipe the rows to Submit-AchieveItUpdates."
                        : "Check for a missing or extra comma, and quote fields that contain commas.")));
                return false;
            }

            if (expected != 0 && count != expected)
            {
                issues.Add(IssueFactory.Error(line, null, count.ToString(), RuleCodes.ColumnCount,
                    $"The row has {count} fields but the file's first row has {expected}. Every row needs the same number of fields."));
                return false;
            }

            return true;
        }
    }
}
