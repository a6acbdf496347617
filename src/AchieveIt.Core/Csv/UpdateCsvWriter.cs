using System;
using System.Globalization;
using System.IO;
using System.Text;
using AchieveIt.Rules;
using CsvHelper;
using CsvHelper.Configuration;

namespace AchieveIt.Csv
{
    /// <summary>
    /// Writes updates as docs/CONTRACT.md §3 "What we write" says: UTF-8 without BOM, commas, RFC 4180 quoting only
    /// where needed, CRLF, a header, canonical statuses, invariant numbers and yyyy-MM-dd dates.
    /// </summary>
    public sealed class UpdateCsvWriter : IDisposable
    {
        private static readonly Encoding Utf8NoBom = new UTF8Encoding(false);
        private readonly CsvWriter writer;

        /// <param name="stream">Where the bytes go; left open.</param>
        /// <param name="includeComment">Write the Comment column (the caller knows whether any update has a comment).</param>
        /// <param name="kind">Progress (default) or metric updates: the columns written.</param>
        public UpdateCsvWriter(Stream stream, bool includeComment, UpdateType kind = UpdateType.Progress)
        {
            IncludeComment = includeComment;
            Kind = kind;
            var text = new StreamWriter(stream, Utf8NoBom, 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
            var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                NewLine = "\r\n",
                HasHeaderRecord = false,
                ShouldQuote = args => NeedsQuotes(args.Field),
            };
            writer = new CsvWriter(text, configuration, leaveOpen: false);
            WriteHeader();
        }

        public bool IncludeComment { get; }

        public UpdateType Kind { get; }

        public void Write(IUpdate update)
        {
            writer.WriteField(update.ExternalId);
            if (update is ProgressUpdate progress) writer.WriteField(progress.Status);
            writer.WriteField(update.MetricText);
            writer.WriteField(CsvFormat.FormatDate(update.AsOfDate));
            if (IncludeComment) writer.WriteField(update.Comment);
            writer.NextRecord();
        }

        /// <summary>Writes a row of already-formatted fields (used when the spool adds the Comment column).</summary>
        internal void WriteFields(string[] fields)
        {
            foreach (var field in fields) writer.WriteField(field);
            if (IncludeComment && fields.Length == (Kind == UpdateType.Metric ? 3 : 4)) writer.WriteField(string.Empty);
            writer.NextRecord();
        }

        // RFC 4180 quoting where needed. CsvHelper's default misses a lone CR or LF once NewLine is set, which
        // would split a comment like "a\rb" into two rows; leading or trailing spaces are quoted so no reader trims them.
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

        public void Dispose() => writer.Dispose();

        private void WriteHeader()
        {
            writer.WriteField(ColumnNames.ExternalId);
            if (Kind == UpdateType.Metric)
            {
                writer.WriteField(ColumnNames.MetricValue); // metric updates: "Current Metric Value", as the vendor documents them
            }
            else
            {
                writer.WriteField(ColumnNames.Status);
                writer.WriteField(ColumnNames.ShortMetricValue); // "Metric Value": both revisions of the vendor's article accept it
            }

            writer.WriteField(ColumnNames.AsOfDate);
            if (IncludeComment) writer.WriteField(ColumnNames.Comment);
            writer.NextRecord();
        }
    }
}
