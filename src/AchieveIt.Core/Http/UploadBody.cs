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
        /// matches it: a file of another length is refused before a byte leaves, and the whole file is hashed as it is
        /// sent, its last part held back until the hash matches (<see cref="FileChangedException"/> otherwise).
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
            long length;
            try
            {
                length = new FileInfo(path).Length;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new FileChangedException($"it cannot be read any more: {e.Message.TrimEnd('.')}");
            }

            if (length != expected.Length) throw new FileChangedException($"it is {length:n0} bytes now, {expected.Length:n0} when it was checked");
            Offset = expected.BodyStart;
            Length = expected.BodyEnd - expected.BodyStart;
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
        internal static string Sha256Of(string path, CancellationToken cancellation = default)
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
                    cancellation.ThrowIfCancellationRequested();
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
                        else if (!ContentEnd.IsEmptyLineByte(b)) return cut;
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
            // A checked file is read from its first byte and hashed on the way; its last read is written only once
            // the rest of the file is hashed too and matches the check, so a file that changed is never sent whole.
            protected override async Task SerializeToStreamAsync(Stream stream, TransportContext context)
            {
                using (var file = Open(body))
                using (var hash = body.expected == null ? null : IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
                {
                    var unsent = hash == null ? 0 : body.Offset; // a byte order mark read for the hash, not sent
                    file.Position = body.Offset - unsent;
                    var buffers = new[] { new byte[ChunkSize], new byte[ChunkSize] };
                    var left = unsent + body.Length; // up to the last row: empty lines after it are not sent
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
                            if (left == 0 && hash != null) MatchRest(file, hash, body.expected);
                            var skip = (int)Math.Min(unsent, read);
                            unsent -= skip;
                            for (var offset = skip; offset < read; offset += WriteSize)
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

            // A checked file that cannot be opened or read any more changed (deleted, replaced, locked): never a network error to retry.
            private static FileStream Open(UploadBody body)
            {
                try
                {
                    return new FileStream(body.path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
                }
                catch (Exception e) when (body.expected != null && (e is IOException || e is UnauthorizedAccessException))
                {
                    throw new FileChangedException($"it cannot be read any more: {e.Message.TrimEnd('.')}");
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

            // Hashes what is left of the file after the body (the empty lines at its end) and compares the whole with the check.
            private static void MatchRest(FileStream file, IncrementalHash hash, FileFingerprint expected)
            {
                var buffer = new byte[WriteSize];
                var length = file.Position;
                int read;
                while (length <= expected.Length && (read = file.Read(buffer, 0, buffer.Length)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    length += read;
                }

                if (length != expected.Length) throw new FileChangedException($"its size changed while it was sent ({expected.Length:n0} bytes when it was checked)");
                if (BitConverter.ToString(hash.GetHashAndReset()).Replace("-", string.Empty) != expected.Sha256) throw new FileChangedException("its bytes differ from the bytes checked");
            }

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
