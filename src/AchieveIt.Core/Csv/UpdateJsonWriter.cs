using System;
using System.IO;
using System.Text;

namespace AchieveIt.Csv
{
    /// <summary>
    /// Writes progress updates as the vendor's JSON array, one object at a time (memory stays flat):
    /// externalId, status, metricValue (a JSON number, left out when empty), asOfDate (yyyy-MM-dd), comment (left
    /// out when empty). UTF-8 without BOM; the output never depends on the session's culture.
    /// </summary>
    public sealed class UpdateJsonWriter : IDisposable
    {
        private static readonly Encoding Utf8NoBom = new UTF8Encoding(false);
        private readonly StreamWriter writer;
        private bool any;
        private bool finished;
        private bool disposed;

        /// <param name="stream">Where the bytes go; left open.</param>
        public UpdateJsonWriter(Stream stream)
        {
            writer = new StreamWriter(stream, Utf8NoBom, 64 * 1024, leaveOpen: true) { NewLine = "\n" };
            writer.Write('[');
        }

        public void Write(ProgressUpdate update)
        {
            writer.Write(any ? ",\n" : "\n");
            any = true;
            writer.Write("{\"externalId\":");
            WriteString(update.ExternalId);
            writer.Write(",\"status\":");
            WriteString(update.Status);
            if (!string.IsNullOrEmpty(update.MetricText))
            {
                writer.Write(",\"metricValue\":");
                writer.Write(update.MetricText); // plain invariant decimal text: a valid JSON number
            }

            writer.Write(",\"asOfDate\":");
            WriteString(CsvFormat.FormatDate(update.AsOfDate));
            if (update.Comment.Length > 0)
            {
                writer.Write(",\"comment\":");
                WriteString(update.Comment);
            }

            writer.Write('}');
        }

        /// <summary>Closes the array; the writer is done.</summary>
        public void Finish()
        {
            if (finished) return;
            finished = true;
            writer.Write(any ? "\n]\n" : "]\n");
            writer.Flush();
        }

        public void Dispose()
        {
            if (disposed) return;
            Finish();
            writer.Dispose();
            disposed = true;
        }

        private void WriteString(string value) => JsonString.Write(writer, value);
    }
}
