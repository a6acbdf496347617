namespace AchieveIt.Csv
{
    /// <summary>One CSV record with the line it starts on (a quoted field may span lines).</summary>
    public readonly struct CsvRecord
    {
        public CsvRecord(long line, string[] fields, bool hasBadQuotes, bool hasInvalidBytes, bool isTooLong = false, bool hasTooManyFields = false)
        {
            IsTooLong = isTooLong;
            HasTooManyFields = hasTooManyFields;
            Line = line;
            Fields = fields;
            HasBadQuotes = hasBadQuotes;
            HasInvalidBytes = hasInvalidBytes;
        }

        /// <summary>1-based line the record starts on.</summary>
        public long Line { get; }

        public string[] Fields { get; }

        /// <summary>A quote stood inside an unquoted field, or a quoted field was never closed.</summary>
        public bool HasBadQuotes { get; }

        /// <summary>A field passed <see cref="CsvRecordReader.MaxFieldLength"/>: the record was not read (and nothing after it).</summary>
        public bool IsTooLong { get; }

        /// <summary>The record has more fields than the reader takes: it was not read (and nothing after it).</summary>
        public bool HasTooManyFields { get; }

        /// <summary>The record holds bytes that are not UTF-8 (shown as U+FFFD).</summary>
        public bool HasInvalidBytes { get; }

        /// <summary>True when every field is empty or white space: a blank line, or a line of commas.</summary>
        public bool IsBlank
        {
            get
            {
                foreach (var text in Fields)
                {
                    if (!string.IsNullOrWhiteSpace(text)) return false;
                }

                return true;
            }
        }
    }
}
