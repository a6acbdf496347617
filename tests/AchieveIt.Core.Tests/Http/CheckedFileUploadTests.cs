using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AchieveIt.Csv;
using AchieveIt.Files;
using AchieveIt.Http;

namespace AchieveIt.Tests.Http
{
    /// <summary>
    /// Submit -Path sends a user's file: the bytes that leave must be the bytes checked, even when something writes
    /// to the file between the check and the upload, or during the upload.
    /// </summary>
    public class CheckedFileUploadTests : IDisposable
    {
        private const string Header = "External ID,Status,Current Metric Value,As Of Date,Comment\r\n";
        private readonly string file = Path.GetTempFileName();

        public void Dispose() => File.Delete(file);

        [Fact]
        public async Task An_unchanged_file_is_sent_as_checked_without_its_byte_order_mark_and_trailing_empty_lines()
        {
            var rows = Header + "KPI-1,On Track,1,2026-11-28,\r\nKPI-2,At Risk,2,2026-11-28,\r\n";
            var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(rows + ",,,,\r\n\r\n")).ToArray();
            File.WriteAllBytes(file, bytes);

            var fingerprint = Check();
            Assert.Equal(bytes.Length, fingerprint.Length);
            Assert.Equal(Sha256(Encoding.UTF8.GetBytes(rows)), fingerprint.Sha256); // the body: what is sent, and the journal's key
            var sent = new MemoryStream();
            await new UploadBody(file, expected: fingerprint).CreateContent().CopyToAsync(sent);
            Assert.Equal(rows, Encoding.UTF8.GetString(sent.ToArray()));
        }

        [Fact]
        public void A_file_that_grew_after_its_check_is_refused_before_a_byte_leaves()
        {
            File.WriteAllText(file, Header + "KPI-1,On Track,1,2026-11-28,\r\n");
            var fingerprint = Check();
            File.AppendAllText(file, "KPI-2,Bogus,x,not a date,\r\n"); // an export still writing: unchecked rows

            var e = Assert.Throws<FileChangedException>(() => new UploadBody(file, expected: fingerprint));
            Assert.Contains("bytes now", e.Message);
        }

        [Fact]
        public async Task The_range_sent_is_the_one_found_in_the_bytes_checked_never_read_again_unverified()
        {
            // Between the check and the upload the file is swapped for one of the same size (a byte order mark, other
            // empty lines at the end) and swapped back before the bytes are read: the range must still be the checked one.
            var checkedText = Header + "KPI-1,On Track,1,2026-11-28,\r\nKPI-2,On Track,2,2026-11-28,\r\n";
            File.WriteAllText(file, checkedText);
            var fingerprint = Check();
            var swapped = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(checkedText.Substring(0, checkedText.Length - 9) + "\r\n,,\r\n")).ToArray();
            Assert.Equal(fingerprint.Length, swapped.Length);
            File.WriteAllBytes(file, swapped);
            var body = new UploadBody(file, expected: fingerprint);
            File.WriteAllText(file, checkedText);

            var sent = new MemoryStream();
            await body.CreateContent().CopyToAsync(sent);
            Assert.Equal(checkedText, Encoding.UTF8.GetString(sent.ToArray()));
        }

        [Fact]
        public async Task A_file_deleted_after_its_check_is_a_change_never_a_network_error()
        {
            File.WriteAllText(file, Header + "KPI-1,On Track,1,2026-11-28,\r\n");
            var fingerprint = Check();
            var body = new UploadBody(file, expected: fingerprint);
            File.Delete(file);

            await Assert.ThrowsAsync<FileChangedException>(() => body.CreateContent().CopyToAsync(new MemoryStream()));
            Assert.Throws<FileChangedException>(() => new UploadBody(file, expected: fingerprint));
            var client = new AchieveItClient(Settings(), handler: new ReadingHandler());
            var e = await Assert.ThrowsAsync<AchieveItException>(() => client.SubmitAsync(file, "a.csv", 1, default, checkedAs: fingerprint));
            Assert.Equal(ErrorIds.FileChanged, e.ErrorId);
        }

        [Fact]
        public async Task A_file_reached_through_a_link_is_sent_and_one_replaced_by_a_FIFO_is_a_change()
        {
            if (System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows)) return; // links and FIFOs: the Unix legs
            File.WriteAllText(file, Header + "KPI-1,On Track,1,2026-11-28,\r\n");
            var link = file + ".link";
            Portable.SymbolicLink(link, file);
            try
            {
                var validation = CsvValidator.ValidateFile(link, null, new CsvCheckOptions { Fingerprint = true });
                var sent = new MemoryStream();
                await new UploadBody(link, expected: validation.Fingerprint).CreateContent().CopyToAsync(sent); // the size of the file, not of the link
                Assert.Equal(File.ReadAllBytes(file), sent.ToArray());

                File.Delete(link);
                System.Diagnostics.Process.Start("mkfifo", link).WaitForExit();
                var e = Assert.Throws<FileChangedException>(() => new UploadBody(link, expected: validation.Fingerprint)); // never blocks opening it
                Assert.Contains("not a regular file", e.Message);
            }
            finally
            {
                File.Delete(link);
            }
        }

        [Fact]
        public async Task A_small_file_rewritten_in_place_is_held_back_whole()
        {
            File.WriteAllText(file, Header + "KPI-1,On Track,1,2026-11-28,\r\n");
            var fingerprint = Check();
            File.WriteAllText(file, Header + "KPI-1,Off Trak,1,2026-11-28,\r\n"); // the same length, another status

            var body = new UploadBody(file, expected: fingerprint);
            var sent = new MemoryStream();
            await Assert.ThrowsAsync<FileChangedException>(() => body.CreateContent().CopyToAsync(sent));
            Assert.Equal(0, sent.Length);
            Assert.False(body.Started);
        }

        [Fact]
        public async Task A_large_file_changed_while_it_is_sent_is_cut_before_its_last_part()
        {
            var body = new UploadBody(file, expected: CheckRows(3_500_000));
            var sent = new ChangingStream(file); // changes a byte of the last row as the first bytes go out
            if (WritersAreRefused(body, sent)) return;
            await Assert.ThrowsAsync<FileChangedException>(() => body.CreateContent().CopyToAsync(sent));
            Assert.True(sent.Length > 0);
            Assert.True(sent.Length <= body.Length - (body.Length % (1024 * 1024)), $"sent {sent.Length} of {body.Length} bytes: the last read must be held back");
        }

        [Fact]
        public async Task A_file_cut_short_while_it_is_sent_is_a_change_too()
        {
            var body = new UploadBody(file, expected: CheckRows(2_500_000));
            var sent = new ChangingStream(file, truncate: true);
            if (WritersAreRefused(body, sent)) return;
            await Assert.ThrowsAsync<FileChangedException>(() => body.CreateContent().CopyToAsync(sent));
            Assert.True(sent.Length < body.Length);
        }

        [Fact]
        public async Task The_client_reports_a_changed_file_as_FileChanged_saying_nothing_was_queued()
        {
            File.WriteAllText(file, Header + "KPI-1,On Track,1,2026-11-28,\r\n");
            var fingerprint = Check();
            File.WriteAllText(file, Header + "KPI-1,Achieved,1,2026-11-28,\r\n");

            var handler = new ReadingHandler();
            var client = new AchieveItClient(Settings(), handler: handler);
            var e = await Assert.ThrowsAsync<AchieveItException>(() => client.SubmitAsync(file, "a.csv", 1, default, checkedAs: fingerprint));
            Assert.Equal(ErrorIds.FileChanged, e.ErrorId);
            Assert.Contains("changed after it was checked", e.Message);
            Assert.Equal(1, handler.Requests); // no retry: the file is not what was checked
        }

        [Fact]
        public async Task A_spool_of_our_own_is_sent_without_a_fingerprint_as_before()
        {
            File.WriteAllText(file, "KPI-1,On Track,1,2026-11-28\r\n");
            var client = new AchieveItClient(Settings(), handler: new ReadingHandler());
            var job = await client.SubmitAsync(file, "a.csv", 1, default);
            Assert.Equal("j-1", job.JobId);
        }

        // .NET Framework enforces the FileShare.Read the upload opens the file with (Windows share modes; Mono only within
        // a process, which is where this writer is): the writer is refused, nothing changes, and the checked bytes go out
        // whole. On .NET the share mode is advisory on Unix, so the change happens and the last part is held back.
        private static bool WritersAreRefused(UploadBody body, ChangingStream sent)
        {
#if FRAMEWORK_LEG
            body.CreateContent().CopyToAsync(sent).GetAwaiter().GetResult();
            Assert.True(sent.Refused, "the writer was let in while the file was being sent");
            Assert.Equal(body.Length, sent.Length);
            return true;
#else
            return false;
#endif
        }

        // Writes rows of a comment each until the file holds the bytes given, and checks it.
        private FileFingerprint CheckRows(int bytes)
        {
            var text = new StringBuilder(Header);
            for (var i = 1; text.Length < bytes; i++) text.Append("KPI-").Append(i).Append(",On Track,1,2026-11-28,a comment\r\n");
            File.WriteAllText(file, text.ToString());
            return Check();
        }

        private FileFingerprint Check()
        {
            var validation = CsvValidator.ValidateFile(file, null, new CsvCheckOptions { Fingerprint = true });
            Assert.False(validation.HasErrors, string.Join("; ", validation.Issues.Select(i => i.Message)));
            return validation.Fingerprint;
        }

        private static string Sha256(byte[] bytes)
        {
            using (var sha = SHA256.Create()) return BitConverter.ToString(sha.ComputeHash(bytes)).Replace("-", string.Empty);
        }

        private static ConnectionSettings Settings()
        {
            var key = new SecureString();
            foreach (var c in "test-key-123456") key.AppendChar(c);
            return new ConnectionSettings(AchieveItEnvironment.Custom(new Uri("https://api.example.test/")), new ApiKey(key));
        }

        // A connection that takes the body and, on its first write, changes the file being sent.
        private sealed class ChangingStream : MemoryStream
        {
            private readonly string path;
            private readonly bool truncate;
            private bool changed;

            public bool Refused { get; private set; }

            public ChangingStream(string path, bool truncate = false)
            {
                this.path = path;
                this.truncate = truncate;
            }

            public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                if (!changed)
                {
                    changed = true;
                    FileStream stream;
                    try
                    {
                        stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
                    }
                    catch (IOException)
                    {
                        Refused = true;
                        return base.WriteAsync(buffer, offset, count, cancellationToken);
                    }

                    using (stream)
                    {
                        if (truncate)
                        {
                            stream.SetLength(stream.Length - 1_500_000);
                        }
                        else
                        {
                            stream.Position = stream.Length - 10; // a letter of the last row's comment: not read yet
                            stream.WriteByte((byte)'X');
                        }
                    }
                }

                return base.WriteAsync(buffer, offset, count, cancellationToken);
            }
        }

        private sealed class ReadingHandler : HttpMessageHandler
        {
            public int Requests { get; private set; }

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                Requests++;
                if (request.Content != null) await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"jobId\":\"j-1\"}", Encoding.UTF8, "application/json") };
            }
        }
    }
}
