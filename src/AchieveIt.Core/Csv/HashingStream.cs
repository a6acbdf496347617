using System;
using System.IO;
using System.Security.Cryptography;
using AchieveIt.Files;

namespace AchieveIt.Csv
{
    /// <summary>
    /// Passes bytes through to or from a stream and hashes (SHA-256) each byte of it once, in order: the journal
    /// knows the hash of the exact bytes a spool holds, and a check knows the hash (and the content's bounds) of the
    /// exact bytes it read, without a second pass over them. A reader may seek back (to peek at a byte order mark); a read that skips bytes leaves no hash.
    /// </summary>
    internal sealed class HashingStream : Stream
    {
        private readonly Stream inner;
        private readonly ContentEnd content;
        private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private long hashed; // the stream's first bytes, hashed in order
        private bool skipped;
        private string hex;

        /// <param name="inner">The stream read or written.</param>
        /// <param name="content">Also finds where the bytes' content starts and ends, or null.</param>
        public HashingStream(Stream inner, ContentEnd content = null)
        {
            this.inner = inner;
            this.content = content;
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

        /// <summary>The hash of every byte hashed (hex, upper case), or null when a read skipped some; call once reading or writing is done.</summary>
        public string Sha256 => skipped ? null : hex ?? (hex = BitConverter.ToString(hash.GetHashAndReset()).Replace("-", string.Empty));

        public override void Write(byte[] buffer, int offset, int count)
        {
            hash.AppendData(buffer, offset, count);
            content?.Add(buffer, offset, count);
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
            if (disposing) hash.Dispose();
            base.Dispose(disposing);
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
            hash.AppendData(buffer, offset + seen, count - seen);
            content?.Add(buffer, offset + seen, count - seen);
            hashed += count - seen;
        }
    }
}
