using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AchieveIt.Files;

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
        private readonly FileFingerprint expected;
        private readonly Stopwatch sinceProgress = new Stopwatch();
        private long sent;
        private long lastProgressTicks;

        /// <param name="path">The file.</param>
        /// <param name="mediaType">text/csv, or application/json.</param>
        /// <param name="expected">
        /// The file as it was checked, or null (a spool of our own). Given, the body is sent only while the file still
        /// matches it: a file of another length is refused before a byte leaves (at each attempt), and the body is
        /// hashed as it is sent, its last part held back until the hash of the bytes sent is the hash of the bytes
        /// checked and the file still has its size (<see cref="FileChangedException"/> otherwise).
        /// </param>
        public UploadBody(string path, string mediaType = "text/csv", FileFingerprint expected = null)
        {
            this.path = path;
            this.expected = expected;
            MediaType = mediaType;
            if (expected == null)
            {
                Offset = StartsWithByteOrderMark(path) ? 3 : 0;
                Length = EndOfLastRow(path, Offset) - Offset;
                return;
            }

            // The range sent is the one found in the bytes checked: the file is never read again unverified.
            using (var file = Open(path))
            {
                MatchSize(file);
            }

            Offset = expected.BodyStart;
            Length = expected.BodyEnd - expected.BodyStart;
        }

        public long Offset { get; }

        /// <summary>text/csv, or application/json for the vendor's JSON array.</summary>
        public string MediaType { get; }

        public long Length { get; }

        /// <summary>True once any byte of the body was handed to a connection in the current attempt.</summary>
        public bool Started => Interlocked.Read(ref sent) > 0;

        /// <summary>
        /// True once the last byte of the body was handed to the connection in the current attempt. Before that the
        /// request is cut short of its length, which no server processes: AchieveIt cannot have queued it.
        /// </summary>
        public bool Complete => Interlocked.Read(ref sent) >= Length;

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
                        else if (!FileBody.IsEmptyLineByte(b)) return cut;
                    }
                }

                return start; // nothing but empty lines
            }
        }

        /// <summary>
        /// Before each attempt: a checked file of another size, or one that cannot be read any more (deleted, replaced
        /// by a FIFO), is <see cref="FileChangedException"/> before a request leaves (with 100-continue the request's
        /// head goes out before its body is read, so the body's own check would come after it).
        /// </summary>
        public void EnsureUnchanged()
        {
            if (expected == null) return;
            using (var file = Open(path))
            {
                MatchSize(file);
            }
        }

        // A checked file of another size is being written to (through a link: the size of the file it names).
        private void MatchSize(FileStream file)
        {
            if (expected == null) return; // a spool of our own
            var length = file.Length;
            if (length != expected.Length) throw new FileChangedException($"it is {length:n0} bytes now, {expected.Length:n0} when it was checked");
        }

        // A checked file that is gone, unreadable or no longer a regular file (replaced by a FIFO, which would block
        // the open) changed: never a network error to retry. A spool of our own opens as it is.
        private static FileStream Open(string path, bool checkedFile = true)
        {
            try
            {
                var notRegular = checkedFile ? FileKind.NotRegular(path) : null;
                if (notRegular != null) throw new FileChangedException($"it is not a regular file any more ({notRegular})");
                return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            }
            catch (Exception e) when (checkedFile && (e is IOException || e is UnauthorizedAccessException))
            {
                throw new FileChangedException($"it cannot be read any more: {e.Message.TrimEnd('.')}");
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
            // A checked file's body is hashed as it is read; its last read is written only once the hash of all the
            // bytes read is the hash of the bytes checked, so a file that changed is never sent whole.
            protected override async Task SerializeToStreamAsync(Stream stream, TransportContext context)
            {
                using (var file = Open(body.path, body.expected != null))
                using (var hash = body.expected == null ? null : IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
                {
                    body.MatchSize(file); // each attempt: a retry may come long after the file was checked
                    file.Position = body.Offset;
                    var buffers = new[] { new byte[ChunkSize], new byte[ChunkSize] };
                    var left = body.Length; // up to the last row: a BOM before and empty lines after are not sent
                    var which = 0;
                    var reading = ReadChunk(file, buffers[which], left, hash);
                    try
                    {
                        while (left > 0)
                        {
                            var read = await reading.ConfigureAwait(false);
                            if (read == 0)
                            {
                                if (hash != null) throw new FileChangedException("it ended before the size it had when it was checked");
                                break;
                            }

                            left -= read;
                            var chunk = buffers[which];
                            which ^= 1;
                            reading = left > 0 ? ReadChunk(file, buffers[which], left, hash) : Task.FromResult(0);
                            if (left == 0 && hash != null)
                            {
                                if (Csv.HashingStream.HexOf(hash) != body.expected.Sha256) throw new FileChangedException("its bytes differ from the bytes checked");
                                body.MatchSize(file); // something still writes to it (an export not finished): not sent
                            }

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

            private static Task<int> ReadChunk(FileStream file, byte[] buffer, long left, IncrementalHash hash) =>
                Task.Run(() =>
                {
                    int read;
                    try
                    {
                        read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                    }
                    catch (IOException e) when (hash != null)
                    {
                        throw new FileChangedException($"it cannot be read any more: {e.Message.TrimEnd('.')}");
                    }

                    hash?.AppendData(buffer, 0, read);
                    return read;
                });

            protected override bool TryComputeLength(out long size)
            {
                size = body.Length;
                return true;
            }
        }
    }

    /// <summary>A checked file no longer holds the bytes checked: it was not sent (or sent only in part, which AchieveIt cannot queue).</summary>
    internal sealed class FileChangedException : Exception
    {
        public FileChangedException(string how)
            : base(how)
        {
        }
    }
}
