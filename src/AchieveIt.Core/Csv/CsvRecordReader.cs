using System;
using System.Globalization;
using System.IO;
using System.Text;
using AchieveIt.Files;
using CsvHelper;
using CsvHelper.Configuration;

namespace AchieveIt.Csv
{
    /// <summary>
    /// Reads RFC 4180 records from a stream with the line each starts on. It never throws for bad content:
    /// a byte order mark, bytes that are not UTF-8 and stray quotes are reported as data for the rules to judge.
    /// </summary>
    public sealed class CsvRecordReader : IDisposable
    {
        /// <summary>The longest field read (64 KiB of text); a longer one ends the reading, found without holding it whole.</summary>
        public const int MaxFieldLength = 64 * 1024;

        private static readonly byte[] Utf8Bom = { 0xEF, 0xBB, 0xBF };

        private readonly CsvParser parser;
        private readonly InvalidByteCounter invalidBytes;
        private long lastRawRow;
        private bool badQuotes;
        private bool tooLong;

        /// <summary>The most fields a record of updates may have before the reading stops (a valid one has at most 5).</summary>
        public const int MaxUpdateFields = 64;

        /// <param name="stream">A seekable stream positioned at the start of the file; it is left open.</param>
        /// <param name="maxFields">A record with more fields stops the reading (<see cref="CsvRecord.HasTooManyFields"/>): memory stays bounded on any line.</param>
        public CsvRecordReader(Stream stream, int maxFields = MaxUpdateFields)
        {
            if (stream == null) throw new ArgumentNullException(nameof(stream));
            if (!stream.CanSeek) throw new ArgumentException("The CSV reader needs a seekable stream.", nameof(stream));
            HasByteOrderMark = SkipByteOrderMark(stream);
            var reader = new StreamReader(stream, InvalidByteCounter.CreateEncoding(out invalidBytes), false, 64 * 1024, leaveOpen: true);
            var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                HasHeaderRecord = false,
                IgnoreBlankLines = false,
                DetectDelimiter = false,
                Mode = CsvMode.RFC4180,
                BadDataFound = _ => badQuotes = true,
                BufferSize = 64 * 1024,
                MaxFieldSize = MaxFieldLength,
            };
            parser = new CsvParser(new FieldCountGuard(reader, maxFields), configuration, leaveOpen: false);
        }

        /// <summary>The file starts with a UTF-8 byte order mark (it was skipped).</summary>
        public bool HasByteOrderMark { get; }

        /// <summary>Reads the next record; false at the end of the file.</summary>
        public bool TryRead(out CsvRecord record)
        {
            badQuotes = false;
            if (tooLong)
            {
                record = default;
                return false;
            }

            try
            {
                if (!parser.Read())
                {
                    record = default;
                    return false;
                }
            }
            catch (MaxFieldSizeException)
            {
                // The parser cannot go on after this; the record is reported on the line after the last one read.
                tooLong = true;
                record = new CsvRecord(lastRawRow + 1, Array.Empty<string>(), false, false, isTooLong: true);
                return true;
            }
            catch (Exception e) when (ExceptionChain.Find<TooManyFieldsException>(e) != null)
            {
                // Found while the parser filled its buffer, perhaps before the records ahead of it were handed out: the
                // reading stops here, at the line the guard names.
                tooLong = true;
                record = new CsvRecord(ExceptionChain.Find<TooManyFieldsException>(e).Line, Array.Empty<string>(), false, false, hasTooManyFields: true);
                return true;
            }

            var fields = parser.Record ?? Array.Empty<string>();
            var line = lastRawRow + 1;
            lastRawRow = parser.RawRow;
            record = new CsvRecord(line, fields, badQuotes, invalidBytes.Count > 0 && ContainsReplacement(fields));
            return true;
        }

        public void Dispose() => parser.Dispose();


        private static bool ContainsReplacement(string[] fields)
        {
            foreach (var field in fields)
            {
                if (field.IndexOf('\uFFFD') >= 0) return true;
            }

            return false;
        }

        private static bool SkipByteOrderMark(Stream stream)
        {
            var start = stream.Position;
            var head = new byte[3];
            var read = 0;
            while (read < 3)
            {
                var n = stream.Read(head, read, 3 - read);
                if (n == 0) break;
                read += n;
            }

            if (read == 3 && head[0] == Utf8Bom[0] && head[1] == Utf8Bom[1] && head[2] == Utf8Bom[2]) return true;
            stream.Position = start;
            return false;
        }
    }
}
