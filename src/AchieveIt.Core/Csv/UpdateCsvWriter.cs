using System;
using System.IO;
using System.Text;
using AchieveIt.Rules;

namespace AchieveIt.Csv
{
    /// <summary>
    /// Writes updates as docs/CONTRACT.md §3 "What we write" says: UTF-8 without BOM, commas, RFC 4180 quoting only
    /// where needed, CRLF, a header, canonical statuses, invariant numbers and yyyy-MM-dd dates.
    /// </summary>
    public sealed class UpdateCsvWriter : IDisposable
    {
        private static readonly Encoding Utf8NoBom = new UTF8Encoding(false);
        private readonly StreamWriter text;
        private readonly char[] day = new char[10]; // yyyy-MM-dd, written without a string per row

        /// <param name="stream">Where the bytes go; left open.</param>
        /// <param name="includeComment">Write the Comment column (the caller knows whether any update has a comment).</param>
        /// <param name="kind">Progress (default) or metric updates: the columns written.</param>
        public UpdateCsvWriter(Stream stream, bool includeComment, UpdateType kind = UpdateType.Progress)
        {
            IncludeComment = includeComment;
            Kind = kind;
            text = new StreamWriter(stream, Utf8NoBom, 64 * 1024, leaveOpen: true);
            WriteHeader();
        }

        public bool IncludeComment { get; }

        public UpdateType Kind { get; }

        /// <summary>One row: its fields straight into the UTF-8 writer (the check worker writes a million of them; no per-row strings or delegates).</summary>
        public void Write(IUpdate update)
        {
            Field(update.ExternalId);
            if (update is ProgressUpdate progress)
            {
                text.Write(',');
                Field(progress.Status);
            }

            text.Write(',');
            Field(update.MetricText);
            text.Write(',');
            Date(update.AsOfDate);
            if (IncludeComment)
            {
                text.Write(',');
                Field(update.Comment);
            }

            text.Write("\r\n");
        }

        /// <summary>Writes a row of already-formatted fields (used when the spool adds the Comment column).</summary>
        internal void WriteFields(string[] fields)
        {
            for (var i = 0; i < fields.Length; i++)
            {
                if (i > 0) text.Write(',');
                Field(fields[i]);
            }

            if (IncludeComment && fields.Length == (Kind == UpdateType.Metric ? 3 : 4)) text.Write(',');
            text.Write("\r\n");
        }

        public void Dispose() => text.Dispose();

        // RFC 4180 quoting where needed: a comma, a quote, a CR or an LF (a lone one too, so a comment like "a\rb" stays one
        // row), and leading or trailing white space, so no reader trims it. A quote inside is doubled.
        private void Field(string field)
        {
            if (!NeedsQuotes(field))
            {
                text.Write(field);
                return;
            }

            text.Write('"');
            var from = 0;
            for (var i = 0; i < field.Length; i++)
            {
                if (field[i] != '"') continue;
                text.Write(field.ToCharArray(from, i + 1 - from));
                text.Write('"');
                from = i + 1;
            }

            if (from < field.Length) text.Write(from == 0 ? field : field.Substring(from));
            text.Write('"');
        }

        private static bool NeedsQuotes(string field)
        {
            if (string.IsNullOrEmpty(field)) return false;
            if (char.IsWhiteSpace(field[0]) || char.IsWhiteSpace(field[field.Length - 1])) return true;
            foreach (var c in field)
            {
                if (c == ',' || c == '"' || c == '\r' || c == '\n') return true;
            }

            return false;
        }

        private void Date(DateTime date)
        {
            Digits(date.Year, 0, 4);
            day[4] = '-';
            Digits(date.Month, 5, 2);
            day[7] = '-';
            Digits(date.Day, 8, 2);
            text.Write(day, 0, 10);
        }

        private void Digits(int value, int at, int count)
        {
            for (var i = at + count - 1; i >= at; i--)
            {
                day[i] = (char)('0' + (value % 10));
                value /= 10;
            }
        }

        private void WriteHeader()
        {
            Field(ColumnNames.ExternalId);
            text.Write(',');
            if (Kind == UpdateType.Metric)
            {
                Field(ColumnNames.MetricValue); // metric updates: "Current Metric Value", as the vendor documents them
            }
            else
            {
                Field(ColumnNames.Status);
                text.Write(',');
                Field(ColumnNames.ShortMetricValue); // "Metric Value": both revisions of the vendor's article accept it
            }

            text.Write(',');
            Field(ColumnNames.AsOfDate);
            if (IncludeComment)
            {
                text.Write(',');
                Field(ColumnNames.Comment);
            }

            text.Write("\r\n");
        }
    }
}
