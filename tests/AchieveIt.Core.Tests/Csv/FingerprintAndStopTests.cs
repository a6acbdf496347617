using System;
using System.IO;
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
            Assert.Equal(Sha256(bytes), validation.Fingerprint.Sha256);
        }

        [Fact]
        public void A_check_that_stops_at_the_first_error_still_hashes_the_whole_file()
        {
            var bytes = Encoding.UTF8.GetBytes("KPI-1,Bogus,1,2026-11-28\r\n" + Rows(30000));
            File.WriteAllBytes(file, bytes);
            var validation = CsvValidator.ValidateFile(file, null, new CsvCheckOptions { Fingerprint = true, StopAtFirstError = true });
            Assert.True(validation.StoppedEarly);
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
