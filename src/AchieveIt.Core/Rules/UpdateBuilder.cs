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
        public static ProgressUpdate FromText(long line, string externalId, string status, string metric, string date, string comment, List<CsvIssue> issues)
        {
            var before = issues.Count;
            var id = FieldRules.CheckExternalId(line, externalId, issues);
            var canonical = FieldRules.CheckStatus(line, status, issues);
            var value = FieldRules.CheckMetric(line, metric, issues);
            var asOf = FieldRules.CheckDate(line, date, issues);
            return HasNewError(issues, before) ? null : new ProgressUpdate(id, canonical, value, asOf.Value, comment, checkedAlready: true);
        }

        /// <summary>
        /// Builds an update from values of any type, as they come from Import-Csv, a SQL query or a script.
        /// Null and DBNull mean empty; strings are trimmed (SQL CHAR columns arrive padded with spaces).
        /// </summary>
        public static ProgressUpdate FromValues(long row, object externalId, object status, object metric, object date, object comment, List<CsvIssue> issues)
        {
            var before = issues.Count;
            var tooLong = TooLong(row, externalId, Column.ExternalId, issues) | TooLong(row, status, Column.Status, issues) |
                TooLong(row, metric, Column.MetricValue, issues) | TooLong(row, date, Column.AsOfDate, issues) | TooLong(row, comment, Column.Comment, issues);
            if (tooLong) return null;
            var id = FieldRules.CheckExternalId(row, AsText(externalId).Trim(), issues);
            var canonical = FieldRules.CheckStatus(row, AsText(status), issues);
            var value = Metric(row, metric, issues);
            var asOf = Date(row, date, issues);
            return HasNewError(issues, before) ? null : new ProgressUpdate(id, canonical, value, asOf.Value, AsText(comment), checkedAlready: true);
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
            return HasNewError(issues, before) ? null : new ProgressUpdate(id, canonical, update.MetricValue, update.AsOfDate, update.Comment, checkedAlready: true);
        }

        /// <summary>For the public constructor: the canonical status, or ArgumentException naming the first rule broken.</summary>
        internal static string CheckedStatus(string externalId, string status, decimal? metricValue)
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

        private static bool TooLong(long row, object value, Column column, List<CsvIssue> issues)
        {
            if (!(value is string text) || text.Length <= Csv.CsvRecordReader.MaxFieldLength) return false;
            issues.Add(IssueFactory.Error(row, column, text, RuleCodes.FieldTooLong,
                $"The value is {text.Length} characters long; no column of an update takes more than {Csv.CsvRecordReader.MaxFieldLength / 1024} KiB. Check what the column was filled from."));
            return true;
        }

        private static bool HasNewError(List<CsvIssue> issues, int before)
        {
            for (var i = before; i < issues.Count; i++)
            {
                if (issues[i].Severity == IssueSeverity.Error) return true;
            }

            return false;
        }

        private static decimal? Metric(long row, object value, List<CsvIssue> issues)
        {
            switch (value)
            {
                case null:
                case DBNull _:
                    return null;
                case decimal d:
                    return d;
                case double x:
                    return FieldRules.CheckMetric(row, x, issues);
                case float f:
                    // Through its shortest text, so 0.1f stays 0.1 rather than 0.100000001490116.
                    return FieldRules.CheckMetric(row, f.ToString("R", CultureInfo.InvariantCulture), issues);
                case byte _:
                case sbyte _:
                case short _:
                case ushort _:
                case int _:
                case uint _:
                case long _:
                case ulong _:
                    return Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                default:
                    return FieldRules.CheckMetric(row, AsText(value), issues);
            }
        }

        private static DateTime? Date(long row, object value, List<CsvIssue> issues)
        {
            switch (value)
            {
                case DateTime dateTime:
                    return dateTime.Date;
                case DateTimeOffset offset:
                    return offset.DateTime.Date;
                default:
                    return FieldRules.CheckDate(row, AsText(value), issues);
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
                    return formattable.ToString(null, CultureInfo.InvariantCulture);
                default:
                    return value.ToString();
            }
        }
    }
}
