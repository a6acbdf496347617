using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AchieveIt.Sandbox.Storage;

namespace AchieveIt.Sandbox.Tests
{
    /// <summary>The sandbox under load: bodies stream to files, a bounded number at once, and an oversize one is not read.</summary>
    public class LoadTests
    {
        private const string Key = "load-key";

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public async Task An_oversize_body_is_answered_413_and_its_connection_closed_unread(bool declared)
        {
            using var sandbox = await SandboxProcess.StartAsync(Key, ":memory:", 0, "--max-upload-mb", "1");
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, sandbox.BaseUri.Port);
            var stream = tcp.GetStream();
            var head = "POST /api/progressupdates/huge.csv HTTP/1.1\r\nHost: x\r\nAuthorization: API-KEY " + Key + "\r\nContent-Type: text/csv\r\n" +
                (declared ? "Content-Length: 2147483648\r\n" : "Transfer-Encoding: chunked\r\n") + "\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            var answer = ReadAnswerAsync(stream);

            // The client keeps sending (up to 2 GiB) until the server closes: only what socket buffers hold gets past the limit.
            var chunk = Encoding.ASCII.GetBytes(new string('a', 64 * 1024));
            var framed = declared ? chunk : Encoding.ASCII.GetBytes($"{chunk.Length:X}\r\n").Concat(chunk).Concat(Encoding.ASCII.GetBytes("\r\n")).ToArray();
            long sent = 0;
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                while (sent < 2L * 1024 * 1024 * 1024)
                {
                    await stream.WriteAsync(framed, deadline.Token);
                    sent += chunk.Length;
                }
            }
            catch (IOException)
            {
                // closed by the server: what the test waits for
            }

            Assert.True(sent < 128L * 1024 * 1024, $"{sent / 1048576} MB were sent before the connection closed");
            Assert.StartsWith("HTTP/1.1 413", await answer);
            var log = await sandbox.Client(Key).GetStringAsync("sandbox/requests");
            Assert.Contains("\"status\":413", log);
            Assert.Equal("[]", await sandbox.Client(Key).GetStringAsync("sandbox/jobs"));
        }

        [Fact]
        public async Task Bodies_beyond_the_concurrent_limit_wait_for_a_slot_and_are_then_received()
        {
            using var host = new SandboxHost(processingDelayMs: 60_000, maxConcurrentUploads: 1);
            var release = new TaskCompletionSource();
            var first = host.Client().PostAsync("/api/progressupdates/first.csv", new HeldContent("K-1,On Track,1,2026-11-28\r\n", release.Task));
            await UntilAsync(host, u => u.GetProperty("receiving").GetInt32() == 1);

            var second = host.Client().PostAsync("/api/progressupdates/second.csv", SandboxHost.Csv("K-2,On Track,2,2026-11-28\r\n"));
            await UntilAsync(host, u => u.GetProperty("waiting").GetInt32() == 1);
            Assert.False(second.IsCompleted); // held back while the first body is being received

            release.SetResult();
            Assert.Equal(HttpStatusCode.OK, (await first).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await second).StatusCode);
            await UntilAsync(host, u => u.GetProperty("receiving").GetInt32() == 0 && u.GetProperty("waiting").GetInt32() == 0);
            Assert.Equal(2, (await host.GetJsonAsync("/sandbox/jobs")).GetArrayLength());
        }

        [Fact]
        public async Task A_body_waits_in_a_private_file_beside_the_database_until_its_job_is_processed()
        {
            var database = Path.Combine(Path.GetTempPath(), "sandbox-bodies-" + Guid.NewGuid().ToString("N") + ".db");
            var folder = database + ".uploads";
            const string text = "K-1,On Track,1,2026-11-28\r\n";
            try
            {
                using (var waiting = new SandboxHost(processingDelayMs: 60_000, database: database))
                {
                    await waiting.SubmitAsync(text);
                    var body = Assert.Single(Directory.GetFiles(folder));
                    Assert.Equal(text, File.ReadAllText(body));
                    if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
                    Assert.Equal(0L, ContentBytesInDatabase(database)); // the database holds no bodies

                    Assert.Equal(HttpStatusCode.NoContent, (await waiting.Client().DeleteAsync("/sandbox/data")).StatusCode);
                    Assert.Empty(Directory.GetFiles(folder));
                }

                using var processing = new SandboxHost(processingDelayMs: 0, database: database);
                var jobId = await processing.SubmitAsync(text);
                Assert.Equal(HttpStatusCode.OK, (await processing.WaitAsync(jobId)).StatusCode);
                Assert.Empty(Directory.GetFiles(folder));
            }
            finally
            {
                foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(database + suffix);
                if (Directory.Exists(folder)) Directory.Delete(folder, true);
            }
        }

        [Fact]
        public void At_start_bodies_cut_short_or_of_finished_jobs_are_deleted_and_those_of_pending_jobs_kept()
        {
            var database = Path.Combine(Path.GetTempPath(), "sandbox-leftovers-" + Guid.NewGuid().ToString("N") + ".db");
            var pending = Guid.NewGuid().ToString("D");
            try
            {
                using (var store = new SandboxStore(database))
                {
                    using (var arriving = store.Bodies.CreateArriving())
                    {
                        arriving.Stream.Write(Encoding.ASCII.GetBytes("K-1,On Track,1,2026-11-28\r\n"));
                        arriving.Keep(pending);
                    }

                    store.CreateJob(pending, "progress", "a.csv", 27);
                }

                File.WriteAllText(Path.Combine(database + ".uploads", Guid.NewGuid().ToString("N") + ".arriving"), "cut short");
                File.WriteAllText(Path.Combine(database + ".uploads", Guid.NewGuid().ToString("D") + ".body"), "no job");
                using (var again = new SandboxStore(database))
                {
                    Assert.Equal(pending + ".body", Path.GetFileName(Assert.Single(Directory.GetFiles(again.Bodies.Path))));
                    Assert.NotNull(again.GetContent(pending));
                }
            }
            finally
            {
                foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(database + suffix);
                if (Directory.Exists(database + ".uploads")) Directory.Delete(database + ".uploads", true);
            }
        }

        [Fact]
        public async Task Many_large_uploads_at_once_stay_within_a_small_memory_bound()
        {
            // Eight 32 MB bodies at once: buffered in memory (as before) the sandbox's peak passed 450 MB.
            using var sandbox = await SandboxProcess.StartAsync(Key, ":memory:", 60_000);
            var line = Encoding.ASCII.GetBytes("K-1,On Track,1,2026-11-28,a comment long enough to fill the body quickly\r\n");
            var body = new byte[32 * 1024 * 1024 / line.Length * line.Length];
            for (var i = 0; i < body.Length; i += line.Length) Buffer.BlockCopy(line, 0, body, i, line.Length);
            var uploads = Enumerable.Range(1, 8).Select(i => sandbox.Client(Key).PostAsync($"api/progressupdates/big{i}.csv", SandboxHost.Csv(body))).ToList();
            foreach (var upload in uploads) Assert.Equal(HttpStatusCode.OK, (await upload).StatusCode);
            var peak = sandbox.PeakWorkingSet();
            Assert.True(peak < 250L * 1024 * 1024, $"peak working set {peak / 1048576} MB");
        }

        private static long ContentBytesInDatabase(string database)
        {
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + database);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT IFNULL(SUM(length(content)), 0) FROM jobs";
            return (long)command.ExecuteScalar();
        }

        private static async Task UntilAsync(SandboxHost host, Func<JsonElement, bool> condition)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!condition(await host.GetJsonAsync("/sandbox/uploads")))
            {
                Assert.True(DateTime.UtcNow < deadline, "the uploads never reached the expected state");
                await Task.Delay(10); // polls: the sandbox's upload counts have no notice of change
            }
        }

        private static async Task<string> ReadAnswerAsync(NetworkStream stream)
        {
            var buffer = new byte[512];
            try
            {
                var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(60));
                return Encoding.ASCII.GetString(buffer, 0, read);
            }
            catch (IOException e)
            {
                return "no answer: " + e.Message;
            }
        }

        /// <summary>A body whose first part is sent at once and whose end waits for a signal.</summary>
        private sealed class HeldContent : HttpContent
        {
            private readonly byte[] bytes;
            private readonly Task release;

            public HeldContent(string text, Task release)
            {
                bytes = Encoding.ASCII.GetBytes(text);
                this.release = release;
            }

            protected override async Task SerializeToStreamAsync(Stream stream, TransportContext context)
            {
                await stream.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
                await stream.FlushAsync();
                await release;
                await stream.WriteAsync(bytes.AsMemory(bytes.Length / 2));
            }

            protected override bool TryComputeLength(out long length)
            {
                length = bytes.Length;
                return true;
            }
        }
    }
}
