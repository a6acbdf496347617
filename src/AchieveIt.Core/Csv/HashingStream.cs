using System;
using System.IO;
using System.Security.Cryptography;

namespace AchieveIt.Csv
{
    /// <summary>
    /// Writes through to a stream and hashes (SHA-256) every byte on the way, so the journal knows the hash of the
    /// exact bytes a spool holds without a second pass over them.
    /// </summary>
    internal sealed class HashingStream : Stream
    {
        private readonly Stream inner;
        private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private string hex;

        public HashingStream(Stream inner) => this.inner = inner;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => throw new NotSupportedException();
        }

        /// <summary>The hash of everything written (hex, upper case); call once writing is done.</summary>
        public string Sha256 => hex ?? (hex = BitConverter.ToString(hash.GetHashAndReset()).Replace("-", string.Empty));

        public override void Write(byte[] buffer, int offset, int count)
        {
            hash.AppendData(buffer, offset, count);
            inner.Write(buffer, offset, count);
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) hash.Dispose();
            base.Dispose(disposing);
        }
    }
}
