using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using AchieveIt.Csv;

namespace AchieveIt.Tests.Csv
{
    /// <summary>A file's check can hash exactly the bytes it read (for an upload of those bytes) and can be stopped (Ctrl+C).</summary>
    public class FingerprintAndStopTests : IDisposable
    {
        private readonly string file = Path.GetTempFileName();

        public void Dispose() => File.Delete(file);

        [Theory]
        [InlineData(false, 10)] // read inline
        [InlineData(true, 10)] // a byte order mark: peeked at, then read again from the start
        [InlineData(false, 30000)] // read ahead on a second thread
        [InlineData(true, 30000)]
        public void The_fingerprint_is_the_whole_file_as_read(bool byteOrderMark, int rows)
        {
            var bytes = Write(rows, byteOrderMark);
            var validation = CsvValidator.ValidateFile(file, null, new CsvCheckOptions { Fingerprint = true });
            Assert.Equal(bytes.Length, validation.Fingerprint.Length);
            Assert.Equal(Sha256(bytes.Skip(byteOrderMark ? 3 : 0).ToArray()), validation.Fingerprint.Sha256); // the body: no byte order mark
        }

        [Fact]
        public void A_check_that_stops_early_has_no_fingerprint_and_reads_no_further()
        {
            var bytes = Encoding.UTF8.GetBytes("KPI-1,Bogus,1,2026-11-28\r\n" + Rows(30000));
            File.WriteAllBytes(file, bytes);
            var validation = CsvValidator.ValidateFile(file, null, new CsvCheckOptions { Fingerprint = true, StopAtFirstError = true });
            Assert.True(validation.StoppedEarly);
            Assert.Null(validation.Fingerprint); // the file cannot be sent: hashing the rest would only delay the answer
        }

        [Theory]
        [InlineData("KPI-1,On Track,1,2026-11-28\r\n", false, "KPI-1,On Track,1,2026-11-28\r\n")]
        [InlineData("KPI-1,On Track,1,2026-11-28", true, "KPI-1,On Track,1,2026-11-28")] // no final line break
        [InlineData("KPI-1,On Track,1,2026-11-28\r\n,,,\r\n \t\r\n\r\n", true, "KPI-1,On Track,1,2026-11-28\r\n")]
        [InlineData("KPI-1,On Track,1,2026-11-28\n,,\n", false, "KPI-1,On Track,1,2026-11-28\n")]
        [InlineData("KPI-1,On Track,1,2026-11-28\r,,\r\n", false, "KPI-1,On Track,1,2026-11-28\r,,\r\n")] // a lone CR is no line break
        public void The_body_bounds_found_while_checking_are_those_read_back_from_the_disk(string text, bool byteOrderMark, string body)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            if (byteOrderMark) bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(bytes).ToArray();
            File.WriteAllBytes(file, bytes);
            var fingerprint = CsvValidator.ValidateFile(file, null, new CsvCheckOptions { Fingerprint = true }).Fingerprint;
            var start = byteOrderMark ? 3 : 0;
            Assert.Equal(start, fingerprint.BodyStart);
            Assert.Equal(body, Encoding.UTF8.GetString(bytes, start, (int)(fingerprint.BodyEnd - start)));
            Assert.Equal(AchieveIt.Http.UploadBody.EndOfLastRow(file, start), fingerprint.BodyEnd);
            Assert.Equal(Sha256(Encoding.UTF8.GetBytes(body)), fingerprint.Sha256);
        }

        [Fact]
        public void The_body_and_its_hash_do_not_depend_on_how_the_bytes_are_read()
        {
            // Random small files of content and empty-line bytes, fed in random pieces: the same bounds as the backward
            // scan of the disk's tail, and the hash of exactly the bytes between them.
            var random = new Random(13);
            var alphabet = new byte[] { (byte)'a', (byte)',', (byte)' ', (byte)'\r', (byte)'\n', (byte)'\t', 0xEF, 0xBB, 0xBF };
            for (var n = 0; n < 3000; n++)
            {
                var bytes = new byte[random.Next(0, 40)];
                for (var i = 0; i < bytes.Length; i++) bytes[i] = alphabet[random.Next(alphabet.Length)];
                if (random.Next(3) == 0 && bytes.Length >= 3) { bytes[0] = 0xEF; bytes[1] = 0xBB; bytes[2] = 0xBF; }
                File.WriteAllBytes(file, bytes);
                using (var content = new AchieveIt.Files.FileBody())
                {
                    for (var offset = 0; offset < bytes.Length;)
                    {
                        var piece = Math.Min(random.Next(1, 6), bytes.Length - offset);
                        content.Add(bytes, offset, piece);
                        offset += piece;
                    }

                    var sha = content.Sha256();
                    var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
                    var end = AchieveIt.Http.UploadBody.EndOfLastRow(file, start);
                    Assert.Equal(start, content.Start);
                    Assert.Equal(end, content.End);
                    Assert.Equal(Sha256(bytes.Skip(start).Take((int)(end - start)).ToArray()), sha);
                }
            }
        }

        [Fact]
        public void The_body_bounds_hold_across_read_blocks_of_empty_lines()
        {
            // 3 MiB of empty lines after the last row: the end is found across many reads.
            var text = "External ID,Status,Current Metric Value,As Of Date\r\nKPI-1,On Track,1,2026-11-28\r\n";
            var bytes = Encoding.UTF8.GetBytes(text + string.Concat(Enumerable.Repeat(",,,\r\n", 3 * 1024 * 1024 / 5)));
            using (var content = new AchieveIt.Files.FileBody())
            {
                for (var offset = 0; offset < bytes.Length; offset += 4096) content.Add(bytes, offset, Math.Min(4096, bytes.Length - offset));
                Assert.Equal(Sha256(Encoding.UTF8.GetBytes(text)), content.Sha256());
                Assert.Equal(Encoding.UTF8.GetByteCount(text), content.End);
            }
        }

        [Theory]
        [InlineData(10)]
        [InlineData(30000)]
        public void Bytes_written_after_the_check_reached_the_end_are_not_in_the_fingerprint(int rows)
        {
            // An export that writes its last rows just after the check read the end of the file: those rows were
            // never checked, so they must not be covered (the upload then finds the file longer and refuses it).
            var bytes = Encoding.UTF8.GetBytes("External ID,Status,Current Metric Value,As Of Date\r\n" + Rows(rows));
            var stream = new GrowingStream(bytes, Encoding.UTF8.GetBytes("EVIL-1,Off Track,999,2026-11-28\r\n"));
            var validation = CsvValidator.ValidateAndFingerprint(stream, null, new CsvCheckOptions { Fingerprint = true });
            Assert.Equal(rows, validation.RowCount);
            Assert.Equal(bytes.Length, validation.Fingerprint.Length);
            Assert.Equal(Sha256(bytes), validation.Fingerprint.Sha256);
        }

        [Fact]
        public void Without_the_option_nothing_is_hashed()
        {
            Write(10, false);
            Assert.Null(CsvValidator.ValidateFile(file).Fingerprint);
        }

        [Fact]
        public void A_stopped_check_ends_soon_after_the_stop()
        {
            Write(200000, false);
            using (var stop = new CancellationTokenSource())
            {
                long seen = 0;
                var options = new CsvCheckOptions { Cancellation = stop.Token };
                Assert.ThrowsAny<OperationCanceledException>(() => CsvValidator.ValidateFile(file, (line, update) =>
                {
                    if (++seen == 1000) stop.Cancel();
                }, options));
                Assert.Equal(1000, seen); // the next row is not checked
            }
        }

        [Fact]
        public void A_check_stopped_before_it_starts_reads_nothing()
        {
            Write(10, false);
            using (var stop = new CancellationTokenSource())
            {
                stop.Cancel();
                long seen = 0;
                Assert.ThrowsAny<OperationCanceledException>(() => CsvValidator.ValidateFile(file, (line, update) => seen++, new CsvCheckOptions { Cancellation = stop.Token }));
                Assert.Equal(0, seen);
            }
        }

        // A file that grows by a row as soon as a reader has found its end.
        private sealed class GrowingStream : MemoryStream
        {
            private readonly byte[] later;
            private bool grown;

            public GrowingStream(byte[] bytes, byte[] later)
            {
                Write(bytes, 0, bytes.Length);
                Position = 0;
                this.later = later;
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                var read = base.Read(buffer, offset, count);
                if (read == 0 && !grown)
                {
                    grown = true;
                    var at = Position;
                    Position = Length;
                    Write(later, 0, later.Length);
                    Position = at;
                }

                return read;
            }
        }

        private static string Rows(int count)
        {
            var text = new StringBuilder();
            for (var i = 1; i <= count; i++) text.Append("KPI-").Append(i).Append(",On Track,").Append(i % 100).Append(",2026-11-28\r\n");
            return text.ToString();
        }

        private static string Sha256(byte[] bytes)
        {
            using (var sha = SHA256.Create()) return BitConverter.ToString(sha.ComputeHash(bytes)).Replace("-", string.Empty);
        }

        private byte[] Write(int rows, bool byteOrderMark)
        {
            var text = Encoding.UTF8.GetBytes("External ID,Status,Current Metric Value,As Of Date\r\n" + Rows(rows));
            var bytes = new byte[(byteOrderMark ? 3 : 0) + text.Length];
            if (byteOrderMark)
            {
                bytes[0] = 0xEF;
                bytes[1] = 0xBB;
                bytes[2] = 0xBF;
            }

            Array.Copy(text, 0, bytes, byteOrderMark ? 3 : 0, text.Length);
            File.WriteAllBytes(file, bytes);
            return bytes;
        }
    }
}
