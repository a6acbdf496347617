using System;
using System.IO;
using System.Security.Cryptography;
using AchieveIt.Files;

namespace AchieveIt.Csv
{
    /// <summary>
    /// Passes bytes through to or from a stream and hashes (SHA-256) each byte of it once, in order: the journal
    /// knows the hash of the exact bytes a spool holds, and a check knows the body (and its hash) of the exact bytes it
    /// read, without a second pass over them. A reader may seek back (to peek at a byte order mark); a read that skips bytes leaves no hash.
    /// </summary>
    internal sealed class HashingStream : Stream
    {
        private readonly Stream inner;
        private readonly FileBody content;
        private readonly IncrementalHash hash; // null when the bytes go to a FileBody instead
        private long hashed; // the stream's first bytes, hashed in order
        private bool skipped;
        private string hex;

        /// <param name="inner">The stream read or written.</param>
        /// <param name="content">Null to hash every byte; given, the bytes go to it instead (a file's body and its hash).</param>
        public HashingStream(Stream inner, FileBody content = null)
        {
            this.inner = inner;
            this.content = content;
            if (content == null) hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        }

        public override bool CanRead => inner.CanRead;

        public override bool CanSeek => inner.CanRead && inner.CanSeek; // a writer appends: no seeking

        public override bool CanWrite => inner.CanWrite;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => Seek(value, SeekOrigin.Begin);
        }

        /// <summary>How many bytes from the start were hashed.</summary>
        public long HashedLength => hashed;

        /// <summary>The hash of every byte (hex, upper case), or null when a read skipped some or the bytes went to a FileBody; call once reading or writing is done.</summary>
        public string Sha256 => skipped || hash == null ? null : hex ?? (hex = HexOf(hash));

        /// <summary>The hash's value as the journal and the checks write it (hex, upper case); the hash starts over.</summary>
        internal static string HexOf(IncrementalHash hash) => BitConverter.ToString(hash.GetHashAndReset()).Replace("-", string.Empty);

        /// <summary>True when every byte from the start went by in order (no read skipped any).</summary>
        public bool Gapless => !skipped;

        public override void Write(byte[] buffer, int offset, int count)
        {
            Take(buffer, offset, count);
            hashed += count;
            inner.Write(buffer, offset, count);
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var start = CanSeek ? inner.Position : hashed;
            var read = inner.Read(buffer, offset, count);
            Hash(start, buffer, offset, read);
            return read;
        }

        public override void Flush() => inner.Flush();

        public override long Seek(long offset, SeekOrigin origin)
        {
            if (!CanSeek) throw new NotSupportedException();
            return inner.Seek(offset, origin);
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) hash?.Dispose();
            base.Dispose(disposing);
        }

        private void Take(byte[] buffer, int offset, int count)
        {
            if (content != null) content.Add(buffer, offset, count);
            else hash.AppendData(buffer, offset, count);
        }

        // Hashes the part of a read at [start, start + count) not hashed before; a read past a gap ends the hash.
        private void Hash(long start, byte[] buffer, int offset, int count)
        {
            if (skipped || count <= 0) return;
            if (start > hashed)
            {
                skipped = true;
                return;
            }

            var seen = (int)Math.Min(count, hashed - start);
            if (seen == count) return;
            Take(buffer, offset + seen, count - seen);
            hashed += count - seen;
        }
    }
}
