using System.Text;
using System.Threading;

namespace AchieveIt.Csv
{
    /// <summary>
    /// A decoder fallback that replaces bytes that are not UTF-8 with U+FFFD and counts them, so the reader can
    /// report the line they are on instead of throwing at the first one.
    /// </summary>
    internal sealed class InvalidByteCounter : DecoderFallback
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public override int MaxCharCount => 1;

        public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer(this);

        /// <summary>UTF-8 without a byte order mark, reporting invalid bytes to a new counter.</summary>
        public static Encoding CreateEncoding(out InvalidByteCounter counter)
        {
            var encoding = (Encoding)new UTF8Encoding(false).Clone();
            counter = new InvalidByteCounter();
            encoding.DecoderFallback = counter;
            return encoding;
        }

        private sealed class Buffer : DecoderFallbackBuffer
        {
            private readonly InvalidByteCounter owner;
            private bool pending;

            public Buffer(InvalidByteCounter owner) => this.owner = owner;

            public override int Remaining => pending ? 1 : 0;

            public override bool Fallback(byte[] bytesUnknown, int index)
            {
                Interlocked.Increment(ref owner.count);
                pending = true;
                return true;
            }

            public override char GetNextChar()
            {
                if (!pending) return '\0';
                pending = false;
                return '\uFFFD';
            }

            public override bool MovePrevious() => false;

            public override void Reset() => pending = false;
        }
    }
}
