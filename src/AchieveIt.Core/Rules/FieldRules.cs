using System;
using System.Collections.Generic;
using System.Globalization;

namespace AchieveIt.Rules
{
    /// <summary>
    /// The per-field rules of docs/CONTRACT.md §3, on text. Each check adds its issues to a list and returns the parsed
    /// value, so a row with three bad fields reports all three. Used for files and for objects alike.
    /// </summary>
    public static class FieldRules
    {
        private const string StatusList = "On Track, Off Track, At Risk, Achieved, Not Achieved, Canceled, Not Started";

        /// <summary>Checks an External ID; returns it unchanged (IDs are matched exactly, so nothing is trimmed).</summary>
        public static string CheckExternalId(long line, string text, List<CsvIssue> issues)
        {
            text = text ?? string.Empty;
            if (text.Trim().Length == 0)
            {
                issues.Add(IssueFactory.Error(line, Column.ExternalId, text, RuleCodes.MissingExternalId,
                    "External ID is empty. Give every row the External ID of the plan item it updates."));
                return text;
            }

            if (text.IndexOf("external", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                issues.Add(IssueFactory.Error(line, Column.ExternalId, text, RuleCodes.ExternalIdContainsExternal,
                    $"External ID '{IssueFactory.Shorten(text)}' contains the word \"external\", which AchieveIt rejects. " +
                    "Rename the item's External ID in AchieveIt, or check that this is not a header row in the wrong place."));
            }

            if (text.IndexOf(',') >= 0)
            {
                issues.Add(IssueFactory.Error(line, Column.ExternalId, text, RuleCodes.ExternalIdHasComma,
                    $"External ID '{IssueFactory.Shorten(text)}' contains a comma, which AchieveIt rejects. Use an ID without commas."));
            }

            if (text.IndexOf('"') >= 0)
            {
                issues.Add(IssueFactory.Error(line, Column.ExternalId, text, RuleCodes.ExternalIdHasQuote,
                    $"External ID '{IssueFactory.Shorten(text)}' contains a double quote, which AchieveIt rejects. Use an ID without quotes."));
            }

            if (!CheckC1(line, Column.ExternalId, text, issues)) return text;
            foreach (var c in text)
            {
                if (!char.IsControl(c)) continue;
                var what = c == '\n' || c == '\r' ? "a line break" : c == '\0' ? "a NUL character" : c == '\t' ? "a tab" : $"a control character (U+{(int)c:X4})";
                issues.Add(IssueFactory.Error(line, Column.ExternalId, text.Replace("\r", "\\r").Replace("\n", "\\n").Replace("\0", "\\0"), RuleCodes.ExternalIdHasControlCharacter,
                    $"External ID holds {what}, which no External ID in AchieveIt has. Check the source column (a multi-line cell, a padded fixed-width field)."));
                break;
            }

            return text;
        }

        /// <summary>
        /// A comment may hold any text (line breaks, tabs, quotes) but a NUL, which no text file of updates holds, and a
        /// C1 control character (U+0080-U+009F), which is what an ANSI export read as Latin1 holds where it had '–' or '€':
        /// both are refused, never sent.
        /// </summary>
        public static void CheckComment(long line, string text, List<CsvIssue> issues)
        {
            if (string.IsNullOrEmpty(text)) return;
            if (text.IndexOf('\0') >= 0)
            {
                issues.Add(IssueFactory.Error(line, Column.Comment, text, RuleCodes.NulCharacter,
                    "Comment holds a NUL character (\\u0000), which no text AchieveIt takes holds: a sign of a binary file, or of UTF-16 text read as UTF-8. Remove it, or read the source with its encoding."));
                return;
            }

            CheckC1(line, Column.Comment, text, issues);
        }

        /// <summary>ControlCharacter: a C1 control character in a text field. False when it added the error.</summary>
        public static bool CheckC1(long line, Column column, string text, List<CsvIssue> issues)
        {
            var at = EncodingAdvice.FindC1(text);
            if (at < 0) return true;
            issues.Add(IssueFactory.Error(line, column, text, RuleCodes.ControlCharacter,
                $"The control character U+{(int)text[at]:X4} at position {at + 1}: the mark of an ANSI (Windows-1252) file read as Latin1, where it stood for a character such as '–' or '€'. " +
                EncodingAdvice.ReadWithItsEncoding));
            return false;
        }

        /// <summary>Checks a status; returns its canonical spelling, or null when it is not one of the seven.</summary>
        public static string CheckStatus(long line, string text, List<CsvIssue> issues)
        {
            var canonical = Statuses.Canonical(text);
            if (canonical != null) return canonical;
            text = text ?? string.Empty;
            if (!CheckC1(line, Column.Status, text, issues)) return null; // an ANSI file read as Latin1: the encoding hint, not the status list
            var guess = Statuses.Suggest(text);
            var what = text.Trim().Length == 0 ? "Status is empty." : $"'{IssueFactory.Shorten(text)}' is not a status.";
            var hint = guess != null ? $" Did you mean '{guess}'?" : string.Empty;
            issues.Add(IssueFactory.Error(line, Column.Status, text, RuleCodes.InvalidStatus,
                $"{what}{hint} Use one of: {StatusList} (any case)."));
            return null;
        }

        /// <summary>Checks a metric value written as text; returns null for empty (no metric) or when invalid.</summary>
        public static decimal? CheckMetric(long line, string text, List<CsvIssue> issues)
        {
            var trimmed = (text ?? string.Empty).Trim();
            if (trimmed.Length == 0) return null;
            if (IsPlainNumber(trimmed) &&
                decimal.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            issues.Add(IssueFactory.Error(line, Column.MetricValue, text, RuleCodes.InvalidMetricValue, IsPlainNumber(trimmed)
                ? $"'{IssueFactory.Shorten(text)}' is too large for AchieveIt: a metric is at most 28 digits before the decimal point (about ±7.9e28). Check the source column, or leave it empty."
                : $"'{IssueFactory.Shorten(text)}' is not a plain number. {MetricHint(trimmed)}"));
            return null;
        }

        /// <summary>Checks a metric value that arrived as a number (from SQL or a script).</summary>
        public static decimal? CheckMetric(long line, double value, List<CsvIssue> issues)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                issues.Add(IssueFactory.Error(line, Column.MetricValue, Csv.CsvFormat.Shortest(value), RuleCodes.InvalidMetricValue,
                    $"The metric value is {(double.IsNaN(value) ? "NaN (not a number)" : "infinite")}, not a number AchieveIt can store: a division by zero in the source, perhaps. Give a plain number, or leave it empty."));
                return null;
            }

            if (Math.Abs(value) >= 7.9e28)
            {
                issues.Add(IssueFactory.Error(line, Column.MetricValue, Csv.CsvFormat.Shortest(value), RuleCodes.InvalidMetricValue,
                    $"The metric value {Csv.CsvFormat.Shortest(value)} is too large for AchieveIt: a metric is at most 28 digits before the decimal point (about ±7.9e28). " +
                    "Check the source column (a placeholder such as [double]::MaxValue, a wrong unit), or leave it empty."));
                return null;
            }

            // Through the shortest text that reads back as the same double: 1/3 keeps all 16 digits, 0.1 stays 0.1.
            // A value under 1e-28 is its nearest decimal here; the text written (ProgressUpdate.MetricText) is exact.
            return decimal.Parse(Csv.CsvFormat.FormatMetric(value), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        }

        /// <summary>Checks an as-of date written as text; returns the date as written (time and offset dropped).</summary>
        public static DateTime? CheckDate(long line, string text, List<CsvIssue> issues, DateConvention dates = null)
        {
            var trimmed = (text ?? string.Empty).Trim();
            if (trimmed.Length == 0)
            {
                issues.Add(IssueFactory.Error(line, Column.AsOfDate, text, RuleCodes.MissingAsOfDate,
                    "As Of Date is empty. Give the date the update is for, as yyyy-MM-dd (2026-11-28) or M/D/YYYY (11/28/2026)."));
                return null;
            }

            var parsed = DateText.TryParse(trimmed, dates?.Stated ?? DateOrder.Unstated, out var date, out var problem, out var slash);
            var clear = slash == null || dates == null || dates.Observe(line, trimmed, slash.First, slash.Second, slash.Year, issues);
            if (parsed && dates != null && DateText.NeedsRewriting(trimmed, dates.Stated)) dates.ReadDayFirst++;
            if (parsed) return clear ? date : (DateTime?)null;
            issues.Add(IssueFactory.Error(line, Column.AsOfDate, text, RuleCodes.InvalidAsOfDate,
                $"'{IssueFactory.Shorten(text)}' is not a date AchieveIt accepts{problem}. " +
                "Write an ISO-8601 date or date-time (2026-11-28, 20261128, 2026-11-28T10:00:00Z, 2026-W48-6, 2026-332) or M/D/YYYY with or without a time (11/28/2026, 11/28/2026 10:00 PM)."));
            return null;
        }

        private static bool IsPlainNumber(string text)
        {
            var i = 0;
            if (text[0] == '-') i++;
            var digits = 0;
            var dots = 0;
            for (; i < text.Length; i++)
            {
                var c = text[i];
                if (c >= '0' && c <= '9') digits++;
                else if (c == '.' && dots == 0) dots++;
                else return false;
            }

            return digits > 0 && text[text.Length - 1] != '.';
        }

        private static string MetricHint(string text)
        {
            const string Plain = "Write a plain number such as 0.54, .2, 12 or -3.5, or leave it empty.";
            if (text.EndsWith("%", StringComparison.Ordinal))
            {
                var number = text.Substring(0, text.Length - 1).Trim();
                if (decimal.TryParse(number, NumberStyles.Number, CultureInfo.InvariantCulture, out var percent))
                {
                    return $"Percentages are written as fractions: write {Csv.CsvFormat.FormatMetric(percent / 100m)}.";
                }

                return "Percentages are written as fractions without '%': 20% is 0.2.";
            }

            if (text.IndexOfAny(new[] { '$', '€', '£', '¥' }) >= 0)
            {
                var bare = text.Trim('$', '€', '£', '¥', ' ');
                return $"Remove the currency sign{(IsPlainNumber(bare) ? ": write " + bare : string.Empty)}.";
            }

            if (text.IndexOf(',') >= 0)
            {
                var withoutCommas = text.Replace(",", string.Empty);
                if (System.Text.RegularExpressions.Regex.IsMatch(text, @"^-?\d{1,3}(,\d{3})+(\.\d+)?$"))
                {
                    return $"Remove the thousands separators: write {withoutCommas}.";
                }

                return $"Use a dot as the decimal separator: write {text.Replace(',', '.')}.";
            }

            if (System.Text.RegularExpressions.Regex.IsMatch(text, @"^-?(\d+\.?\d*|\.\d+)[eE][+-]?\d+$"))
            {
                // 1e400 reads as infinity on .NET and not at all on .NET Framework; 1e30 is past what a decimal holds:
                // too large, not a number to rewrite.
                var read = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var scientific);
                return !read || double.IsInfinity(scientific) || Math.Abs(scientific) >= 7.9e28
                    ? "It is written with an exponent and is too large for AchieveIt: a metric is at most 28 digits before the decimal point (about ±7.9e28). Check the source column, or leave it empty."
                    : $"Write the number without an exponent: {Csv.CsvFormat.FormatMetric((decimal)scientific)}.";
            }

            return Plain;
        }
    }
}
