using System;
using System.Collections.Generic;
using System.Globalization;

namespace AchieveIt.Rules
{
    /// <summary>
    /// The one way to make a <see cref="ProgressUpdate"/>: from CSV text or from objects (strings, numbers,
    /// dates, DBNull). Every rule of §3 that applies to a single row is checked; a row that breaks any gives null
    /// and adds every issue it has.
    /// </summary>
    public static class UpdateBuilder
    {
        /// <summary>Builds an update from one CSV row's fields, exactly as written.</summary>
        public static ProgressUpdate FromText(long line, string externalId, string status, string metric, string date, string comment, List<CsvIssue> issues, DateConvention dates = null)
        {
            var before = issues.Count;
            var id = FieldRules.CheckExternalId(line, externalId, issues);
            var canonical = FieldRules.CheckStatus(line, status, issues);
            var value = FieldRules.CheckMetric(line, metric, issues);
            var asOf = FieldRules.CheckDate(line, date, issues, dates);
            FieldRules.CheckComment(line, comment, issues);
            return HasNewError(issues, before) ? null : new ProgressUpdate(id, canonical, value, asOf.Value, comment, checkedAlready: true);
        }

        /// <summary>
        /// Builds an update from values of any type, as they come from Import-Csv, a SQL query or a script.
        /// Null and DBNull mean empty; strings are trimmed (SQL CHAR columns arrive padded with spaces).
        /// </summary>
        public static ProgressUpdate FromValues(long row, object externalId, object status, object metric, object date, object comment, List<CsvIssue> issues, DateConvention dates = null)
        {
            var before = issues.Count;
            if (IsBlankRow(externalId, status, metric, date, comment))
            {
                issues.Add(EmptyRowIssue(row));
                return null;
            }

            var unusable = NotAValue(row, externalId, Column.ExternalId, issues) | NotAValue(row, status, Column.Status, issues) |
                NotAValue(row, metric, Column.MetricValue, issues) | NotAValue(row, date, Column.AsOfDate, issues) | NotAValue(row, comment, Column.Comment, issues);
            if (unusable) return null;
            var id = FieldRules.CheckExternalId(row, AsText(externalId).Trim(), issues);
            var canonical = FieldRules.CheckStatus(row, AsText(status), issues);
            var (value, text) = Metric(row, metric, issues);
            var asOf = Date(row, date, issues, dates);
            FieldRules.CheckComment(row, AsText(comment), issues);
            return HasNewError(issues, before) ? null : new ProgressUpdate(id, canonical, value, asOf.Value, AsText(comment), checkedAlready: true, text);
        }

        /// <summary>
        /// Checks an update that arrived as an object, however it was made (a constructor, reflection, an
        /// uninitialised instance): the result is a fresh, checked copy, or null after adding its issues.
        /// </summary>
        public static ProgressUpdate Recheck(long row, ProgressUpdate update, List<CsvIssue> issues)
        {
            var before = issues.Count;
            var id = FieldRules.CheckExternalId(row, update.ExternalId, issues);
            var canonical = FieldRules.CheckStatus(row, update.Status, issues);
            if (!NotAValue(row, update.Comment, Column.Comment, issues, true)) FieldRules.CheckComment(row, update.Comment, issues); // the constructor takes any comment: too long or broken is caught here, before the server fails the job
            return HasNewError(issues, before) ? null : new ProgressUpdate(id, canonical, update.MetricValue, update.AsOfDate, update.Comment, checkedAlready: true, update.MetricText);
        }

        /// <summary>Builds a metric update from one CSV row's fields, exactly as written; the metric is required.</summary>
        public static MetricUpdate MetricFromText(long line, string externalId, string metric, string date, string comment, List<CsvIssue> issues, DateConvention dates = null)
        {
            var before = issues.Count;
            var id = FieldRules.CheckExternalId(line, externalId, issues);
            var value = FieldRules.CheckMetric(line, metric, issues);
            if (value == null && !HasNewError(issues, before)) MissingMetric(line, metric, issues);
            var asOf = FieldRules.CheckDate(line, date, issues, dates);
            FieldRules.CheckComment(line, comment, issues);
            return HasNewError(issues, before) ? null : new MetricUpdate(id, value.Value, asOf.Value, comment, Csv.CsvFormat.FormatMetric(value));
        }

        /// <summary>Builds a metric update from values of any type (Import-Csv, SQL, scripts); the metric is required.</summary>
        public static MetricUpdate MetricFromValues(long row, object externalId, object metric, object date, object comment, List<CsvIssue> issues, DateConvention dates = null)
        {
            var before = issues.Count;
            if (IsBlankRow(externalId, null, metric, date, comment))
            {
                issues.Add(EmptyRowIssue(row));
                return null;
            }

            var unusable = NotAValue(row, externalId, Column.ExternalId, issues) | NotAValue(row, metric, Column.MetricValue, issues) |
                NotAValue(row, date, Column.AsOfDate, issues) | NotAValue(row, comment, Column.Comment, issues);
            if (unusable) return null;
            var id = FieldRules.CheckExternalId(row, AsText(externalId).Trim(), issues);
            var (value, text) = Metric(row, metric, issues);
            if (value == null && !HasNewError(issues, before)) MissingMetric(row, AsText(metric), issues);
            var asOf = Date(row, date, issues, dates);
            FieldRules.CheckComment(row, AsText(comment), issues);
            return HasNewError(issues, before) ? null : new MetricUpdate(id, value.Value, asOf.Value, AsText(comment), text);
        }

        /// <summary>Checks a metric update that arrived as an object, however it was made.</summary>
        public static MetricUpdate Recheck(long row, MetricUpdate update, List<CsvIssue> issues)
        {
            var before = issues.Count;
            var id = FieldRules.CheckExternalId(row, update.ExternalId, issues);
            if (string.IsNullOrEmpty(update.MetricText)) MissingMetric(row, string.Empty, issues);
            if (!NotAValue(row, update.Comment, Column.Comment, issues, true)) FieldRules.CheckComment(row, update.Comment, issues);
            return HasNewError(issues, before) ? null : new MetricUpdate(id, update.MetricValue, update.AsOfDate, update.Comment, update.MetricText);
        }

        private static void MissingMetric(long row, string text, List<CsvIssue> issues) =>
            issues.Add(IssueFactory.Error(row, Column.MetricValue, text, RuleCodes.MissingMetricValue,
                "A metric update needs a Current Metric Value. Give the number, or send the row as a progress update (it then needs a Status)."));

        /// <summary>For MetricUpdate's public constructor: the External ID, or ArgumentException naming the rule.</summary>
        internal static string CheckedExternalId(string externalId)
        {
            var issues = new List<CsvIssue>();
            FieldRules.CheckExternalId(1, externalId, issues);
            foreach (var issue in issues)
            {
                if (issue.Severity == IssueSeverity.Error) throw new ArgumentException($"{issue.Code}: {issue.Message}", "externalId");
            }

            return externalId;
        }

        /// <summary>For the public constructor: the canonical status, or ArgumentException naming the first rule broken.</summary>
        internal static string CheckedStatus(string externalId, string status)
        {
            var issues = new List<CsvIssue>();
            FieldRules.CheckExternalId(1, externalId, issues);
            var canonical = FieldRules.CheckStatus(1, status, issues);
            foreach (var issue in issues)
            {
                if (issue.Severity == IssueSeverity.Error)
                {
                    throw new ArgumentException($"{issue.Code}: {issue.Message}", issue.Column == ColumnNames.Of(Column.Status) ? "status" : "externalId");
                }
            }

            return canonical;
        }

        /// <summary>True when every value of a row is blank (null, DBNull, or white space): an empty row, such as Excel pads its exports with.</summary>
        public static bool IsBlankRow(object externalId, object status, object metric, object date, object comment) =>
            IsBlank(externalId) && IsBlank(status) && IsBlank(metric) && IsBlank(date) && IsBlank(comment);

        /// <summary>EmptyRow: an empty row with rows after it (empty rows at the very end are padding, left out with a warning).</summary>
        public static CsvIssue EmptyRowIssue(long row) =>
            IssueFactory.Error(row, null, string.Empty, RuleCodes.EmptyRow,
                "The row is empty (every value is blank), and rows with values come after it: a hole in the data, not Excel's padding. Remove it from the source (empty rows at the very end of the input are left out by themselves).");

        /// <summary>EmptyRow for a row whose values are all in columns no name matched: nothing of it can be sent.</summary>
        public static CsvIssue NoKnownColumnIssue(long row) =>
            IssueFactory.Error(row, null, string.Empty, RuleCodes.EmptyRow,
                "The row has values, but none in a column this command reads (External ID, Status, Current Metric Value, As Of Date, Comment): see the warning that names the properties not used. Rename the columns (Select-Object), or read the file with its delimiter (Import-Csv -Delimiter ';').");

        private static bool IsBlank(object value) => value == null || value is DBNull || (value is string s && s.Trim().Length == 0);

        // Values that cannot stand for one field: a collection (an array would be written as "System.Object[]"),
        // text over 64 KiB, and text that was decoded with the wrong encoding (U+FFFD stands where a character was lost).
        private static bool NotAValue(long row, object value, Column column, List<CsvIssue> issues, bool ofUpdateObject = false)
        {
            if (value is System.Collections.IEnumerable && !(value is string))
            {
                var count = value is System.Collections.ICollection collection ? collection.Count + " values" : "several values";
                issues.Add(IssueFactory.Error(row, column, value.GetType().Name, RuleCodes.NotAValue,
                    $"{ColumnNames.Of(column)} holds a collection ({count}, {value.GetType().Name}), not one value. Give one value per column: check how the property was built (-join, Select-Object -First 1)."));
                return true;
            }

            // An object other than text is judged by the text it is sent as: a comment object may be as long, or as broken, as a string.
            var fromObject = !(value is string) || ofUpdateObject;
            if (value == null || value is DBNull || IsShortByNature(value)) return false;
            var text = value as string ?? AsText(value);
            if (text.Length > Csv.CsvRecordReader.MaxFieldLength)
            {
                issues.Add(IssueFactory.Error(row, column, text, RuleCodes.FieldTooLong,
                    $"The value{(fromObject ? "'s text (from an object)" : string.Empty)} is {text.Length} characters long; no column of an update takes more than {Csv.CsvRecordReader.MaxFieldLength / 1024} KiB. Check what the column was filled from."));
                return true;
            }

            if (text.IndexOf('\uFFFD') >= 0)
            {
                issues.Add(IssueFactory.Error(row, column, text, RuleCodes.InvalidEncoding,
                    $"'{IssueFactory.Shorten(text)}' holds U+FFFD (\uFFFD), the mark of text read with the wrong encoding: characters were lost. " +
                    (fromObject
                        ? "The value comes from an object whose text holds it: check where that text was read from, and read it with its encoding."
                        : EncodingAdvice.ReadWithItsEncoding)));
                return true;
            }

            return false;
        }

        // Numbers (but a char, which may be U+FFFD), dates, GUIDs, time spans and enums: short, and never broken.
        // Any other object, even one that formats itself (a BigInteger), is judged by its text.
        private static bool IsShortByNature(object value) =>
            (value.GetType().IsPrimitive && !(value is char)) || value is decimal || value is DateTime || value is DateTimeOffset ||
            value is Guid || value is TimeSpan || value is Enum;

        private static bool HasNewError(List<CsvIssue> issues, int before)
        {
            for (var i = before; i < issues.Count; i++)
            {
                if (issues[i].Severity == IssueSeverity.Error) return true;
            }

            return false;
        }

        // The metric and its wire text: a double keeps the shortest text that reads back as the same double.
        private static (decimal? Value, string Text) Metric(long row, object value, List<CsvIssue> issues)
        {
            switch (value)
            {
                case null:
                case DBNull _:
                    return (null, string.Empty);
                case decimal d:
                    return (d, Csv.CsvFormat.FormatMetric(d));
                case double x:
                    var fromDouble = FieldRules.CheckMetric(row, x, issues);
                    return (fromDouble, fromDouble.HasValue ? Csv.CsvFormat.FormatMetric(x) : null);
                case float f:
                    // Through its shortest text, so 0.1f stays 0.1 rather than 0.100000001490116.
                    return WithText(FieldRules.CheckMetric(row, Csv.CsvFormat.Shortest(f), issues));
                case byte _:
                case sbyte _:
                case short _:
                case ushort _:
                case int _:
                case uint _:
                case long _:
                case ulong _:
                    return WithText(Convert.ToDecimal(value, CultureInfo.InvariantCulture));
                default:
                    var text = AsText(value);
                    var parsed = FieldRules.CheckMetric(row, text, issues);
                    return parsed.HasValue && IsCanonical(text) ? (parsed, text) : WithText(parsed); // the text as written when it is already the wire's
            }
        }

        // True when a number's text is what Csv.CsvFormat.FormatMetric writes for it (most numbers as exports write them:
        // 12, 0.45, -3.5), so the check keeps the text instead of formatting the number again: no leading zero but one
        // before the point, no trailing zero after it, no sign on zero, short enough that the decimal holds every digit.
        private static bool IsCanonical(string text)
        {
            if (text.Length == 0 || text.Length > 20) return false;
            var i = text[0] == '-' ? 1 : 0;
            if (i == text.Length || (text[i] == '0' && i + 1 < text.Length && text[i + 1] != '.')) return false;
            var point = -1;
            var nonZero = false;
            for (var j = i; j < text.Length; j++)
            {
                var c = text[j];
                if (c == '.')
                {
                    if (point >= 0 || j == i) return false;
                    point = j;
                }
                else if (c < '0' || c > '9') return false;
                else if (c != '0') nonZero = true;
            }

            if (i == 1 && !nonZero) return false; // -0, -0.0: written as 0
            return point < 0 || (point < text.Length - 1 && text[text.Length - 1] != '0');
        }

        private static (decimal? Value, string Text) WithText(decimal? value) => (value, Csv.CsvFormat.FormatMetric(value));

        private static DateTime? Date(long row, object value, List<CsvIssue> issues, DateConvention dates)
        {
            switch (value)
            {
                case DateTime dateTime:
                    return dateTime.Date;
                case DateTimeOffset offset:
                    return offset.DateTime.Date;
                default:
                    return FieldRules.CheckDate(row, AsText(value), issues, dates);
            }
        }

        /// <summary>Text of a value in invariant culture; empty for null and DBNull.</summary>
        public static string AsText(object value)
        {
            switch (value)
            {
                case null:
                case DBNull _:
                    return string.Empty;
                case string s:
                    return s;
                case IFormattable formattable:
                    return formattable.ToString(null, CultureInfo.InvariantCulture) ?? string.Empty;
                default:
                    return value.ToString() ?? string.Empty; // a ToString may return null
            }
        }
    }
}
