using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace AchieveIt.Http
{
    /// <summary>
    /// A file as a request body that knows whether any of it left: an upload that failed before its first byte
    /// cannot have been queued and may be sent again; one that failed after cannot be known and is never resent.
    /// A UTF-8 byte order mark at the start is skipped: we never send one.
    /// </summary>
    internal sealed class UploadBody
    {
        private readonly string path;
        private readonly Stopwatch sinceProgress = new Stopwatch();
        private long sent;
        private long lastProgressTicks;

        public UploadBody(string path, string mediaType = "text/csv")
        {
            this.path = path;
            MediaType = mediaType;
            Offset = StartsWithByteOrderMark(path) ? 3 : 0;
            Length = EndOfLastRow(path, Offset) - Offset;
        }

        public long Offset { get; }

        /// <summary>text/csv, or application/json for the vendor's JSON array.</summary>
        public string MediaType { get; }

        public long Length { get; }

        /// <summary>True once any byte of the body was handed to a connection in the current attempt.</summary>
        public bool Started => Interlocked.Read(ref sent) > 0;

        /// <summary>How long since the connection last took a byte of the body (or the attempt began).</summary>
        public TimeSpan IdleFor => TimeSpan.FromTicks(sinceProgress.Elapsed.Ticks - Interlocked.Read(ref lastProgressTicks));

        /// <summary>Starts the progress clock for a new attempt.</summary>
        public void RestartProgress()
        {
            Interlocked.Exchange(ref sent, 0); // each attempt starts unsent: a retry that fails before its body may be retried again
            Interlocked.Exchange(ref lastProgressTicks, 0);
            sinceProgress.Restart();
        }

        private void Progress() => Interlocked.Exchange(ref lastProgressTicks, sinceProgress.Elapsed.Ticks);

        /// <summary>SHA-256 (hex) of exactly the bytes this body sends (no byte order mark, no empty lines at the end).</summary>
        internal static string Sha256Of(string path)
        {
            var body = new UploadBody(path);
            using (var sha = System.Security.Cryptography.SHA256.Create())
            using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan))
            {
                file.Position = body.Offset;
                var buffer = new byte[81920];
                var left = body.Length;
                int read;
                while (left > 0 && (read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left))) > 0)
                {
                    sha.TransformBlock(buffer, 0, read, null, 0);
                    left -= read;
                }

                sha.TransformFinalBlock(Array.Empty<byte>(), 0, 0);
                return BitConverter.ToString(sha.Hash).Replace("-", string.Empty);
            }
        }

        /// <summary>A fresh content for one request (.NET Framework disposes a request's content after sending it).</summary>
        public HttpContent CreateContent() => new FileContent(this);

        /// <summary>
        /// Where the file's content ends once empty lines at the very end (blank, or only commas, as Excel writes
        /// them) are left out: just after the line break of the last line that holds anything. Read backwards, so
        /// a long file costs only its tail.
        /// </summary>
        internal static long EndOfLastRow(string file, long start)
        {
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.RandomAccess))
            {
                var length = stream.Length;
                var cut = length;
                var buffer = new byte[64 * 1024];
                var position = length;
                while (position > start)
                {
                    var size = (int)Math.Min(buffer.Length, position - start);
                    position -= size;
                    stream.Position = position;
                    var read = 0;
                    while (read < size)
                    {
                        var n = stream.Read(buffer, read, size - read);
                        if (n == 0) throw new EndOfStreamException();
                        read += n;
                    }

                    for (var i = size - 1; i >= 0; i--)
                    {
                        var b = buffer[i];
                        if (b == (byte)'\n') cut = position + i + 1; // the line after this break held nothing
                        else if (b != (byte)'\r' && b != (byte)' ' && b != (byte)'\t' && b != (byte)',') return cut;
                    }
                }

                return start; // nothing but empty lines
            }
        }

        private static bool StartsWithByteOrderMark(string file)
        {
            using (var stream = File.OpenRead(file))
            {
                var head = new byte[3];
                return stream.Read(head, 0, 3) == 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF;
            }
        }

        private sealed class FileContent : HttpContent
        {
            private const int ChunkSize = 1024 * 1024;
            private const int WriteSize = 64 * 1024;
            private readonly UploadBody body;

            public FileContent(UploadBody body)
            {
                this.body = body;
                Headers.ContentType = new MediaTypeHeaderValue(body.MediaType) { CharSet = "utf-8" };
            }

            // Reads of 1 MiB, the next while the last is written, so a loopback server takes 57 MB as fast as curl
            // does; writes of 64 KiB, each one progress for the stall limit, so a slow link that moves is never cut.
            protected override async Task SerializeToStreamAsync(Stream stream, TransportContext context)
            {
                using (var file = new FileStream(body.path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
                {
                    file.Position = body.Offset;
                    var buffers = new[] { new byte[ChunkSize], new byte[ChunkSize] };
                    var left = body.Length; // up to the last row: a BOM before and empty lines after are not sent
                    var which = 0;
                    var reading = ReadChunk(file, buffers[which], left);
                    try
                    {
                        while (true)
                        {
                            var read = await reading.ConfigureAwait(false);
                            if (read == 0) break;
                            left -= read;
                            var chunk = buffers[which];
                            which ^= 1;
                            reading = left > 0 ? ReadChunk(file, buffers[which], left) : Task.FromResult(0);
                            for (var offset = 0; offset < read; offset += WriteSize)
                            {
                                var size = Math.Min(WriteSize, read - offset);
                                Interlocked.Add(ref body.sent, size);
                                await stream.WriteAsync(chunk, offset, size).ConfigureAwait(false);
                                body.Progress();
                            }
                        }
                    }
                    finally
                    {
                        // A write that failed leaves a read running: the file is closed only after it.
                        await Task.WhenAny(reading).ConfigureAwait(false);
                    }
                }
            }

            private static Task<int> ReadChunk(FileStream file, byte[] buffer, long left) =>
                Task.Run(() => file.Read(buffer, 0, (int)Math.Min(buffer.Length, left)));

            protected override bool TryComputeLength(out long size)
            {
                size = body.Length;
                return true;
            }
        }
    }
}
