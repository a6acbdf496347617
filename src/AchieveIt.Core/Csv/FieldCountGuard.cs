using System;
using System.IO;

namespace AchieveIt.Csv
{
    /// <summary>
    /// A text reader in front of the CSV parser that counts the delimiters of the record being read (outside quotes,
    /// as RFC 4180 reads them) and stops the reading once a record has more fields than <see cref="MaxFields"/>: a
    /// 50 MB line of commas is refused after 64 fields, never parsed into millions of them.
    /// </summary>
    internal sealed class FieldCountGuard : TextReader
    {
        private readonly TextReader inner;
        private int delimiters;
        private long line = 1; // as an editor counts: every line break, quoted or not
        private bool quoted;
        private bool afterQuote; // inside quotes, a quote was just read: a second one is an escaped quote
        private bool fieldStart = true; // a quote opens a quoted field only here, as RFC 4180 (and the parser) read it

        public FieldCountGuard(TextReader inner, int maxFields)
        {
            this.inner = inner;
            MaxFields = maxFields;
        }

        public int MaxFields { get; }

        public override int Read(char[] buffer, int index, int count)
        {
            var read = inner.Read(buffer, index, count);
            for (var i = index; i < index + read; i++)
            {
                var c = buffer[i];
                if (c == '\n') line++;
                if (quoted)
                {
                    if (c == '"') quoted = false;
                    afterQuote = c == '"';
                    continue;
                }

                if (afterQuote && c == '"')
                {
                    quoted = true; // "" inside a quoted field
                    afterQuote = false;
                    continue;
                }

                afterQuote = false;
                switch (c)
                {
                    case '"' when fieldStart:
                        quoted = true;
                        fieldStart = false;
                        break;
                    case ',':
                        if (++delimiters >= MaxFields) throw new TooManyFieldsException(MaxFields, line);
                        fieldStart = true;
                        break;
                    case '\n':
                        delimiters = 0;
                        fieldStart = true;
                        break;
                    case '\r':
                        fieldStart = true;
                        break;
                    default:
                        fieldStart = false;
                        break;
                }
            }

            return read;
        }

        public override int Read()
        {
            var buffer = new char[1];
            return Read(buffer, 0, 1) == 0 ? -1 : buffer[0];
        }

        public override int Peek() => inner.Peek();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>A record with more fields than any valid one can have: the reading stops there.</summary>
    internal sealed class TooManyFieldsException : Exception
    {
        public TooManyFieldsException(int maxFields, long line)
            : base($"a record has more than {maxFields} fields")
        {
            Line = line;
        }

        /// <summary>The line (as an editor counts) where the record passed the limit.</summary>
        public long Line { get; }
    }
}
