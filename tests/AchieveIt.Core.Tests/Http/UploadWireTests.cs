using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AchieveIt.Http;

namespace AchieveIt.Tests.Http
{
    /// <summary>
    /// An upload on the wire with this runtime's own HTTP stack and defaults (HttpWebRequest and 100-continue on the
    /// Framework leg, SocketsHttpHandler on .NET): a redirect, a server that takes the file and never answers, and
    /// Ctrl+C while the server holds the request.
    /// </summary>
    public class UploadWireTests : IDisposable
    {
        private readonly string file = Path.GetTempFileName();

        public UploadWireTests() => File.WriteAllText(file, string.Concat(Enumerable.Range(0, 20_000).Select(i => $"KPI-{i},On Track,1,2026-11-28\r\n")));

        public void Dispose() => File.Delete(file);

        [Fact]
        public async Task An_upload_redirected_with_307_is_sent_whole_to_the_new_address_of_the_same_origin()
        {
            using (var server = new RawHttpServer(async x =>
            {
                await x.ReadHeadAsync();
                var moved = x.Head.StartsWith("POST /moved/", StringComparison.Ordinal);
                if (x.ExpectsContinue && moved) await x.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n");
                if (moved || !x.ExpectsContinue) await x.ReadBodyAsync(TimeSpan.FromSeconds(30));
                if (moved) await x.AnswerAsync(200, "OK", "{\"jobId\":\"j-2\"}");
                else await x.WriteAsync("HTTP/1.1 307 Temporary Redirect\r\nLocation: /moved/upload\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            }))
            {
                var job = await server.Client().SubmitAsync(file, "a.csv", 20_000, default);

                Assert.Equal("j-2", job.JobId);
                var exchanges = server.Exchanges.ToArray();
                Assert.Equal(2, exchanges.Length);
                Assert.StartsWith("POST /moved/upload", exchanges[1].Head);
                Assert.Equal(new FileInfo(file).Length, exchanges[1].BodyBytes);
            }
        }

        [Fact]
        public async Task A_server_that_takes_the_whole_file_and_never_answers_is_unknown_and_not_sent_again()
        {
            using (var server = new RawHttpServer(async x =>
            {
                await x.ReadHeadAsync();
                if (x.ExpectsContinue) await x.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n");
                await x.ReadBodyAsync(TimeSpan.FromSeconds(30));
                await Task.Delay(TimeSpan.FromSeconds(10)); // not a wait: the server under test hangs without answering
            }))
            {
                var client = server.Client(uploadStallTimeout: TimeSpan.FromSeconds(1));
                var e = await Assert.ThrowsAsync<AchieveItException>(() => client.SubmitAsync(file, "a.csv", 20_000, default));

                Assert.Equal(ErrorIds.SubmitOutcomeUnknown, e.ErrorId);
                Assert.Single(server.Exchanges);
            }
        }

        [Fact]
        public async Task Ctrl_C_while_the_server_holds_the_request_stops_at_once_and_says_the_file_did_not_all_leave()
        {
            // Larger than loopback's socket buffers can take unread (a few MB), so without 100-continue too the file cannot all have left.
            File.WriteAllText(file, string.Concat(Enumerable.Range(0, 700_000).Select(i => $"KPI-{i},On Track,1,2026-11-28\r\n")));
            using (var held = new SemaphoreSlim(0))
            using (var server = new RawHttpServer(async x =>
            {
                await x.ReadHeadAsync();
                held.Release(); // the request is in the server's hands
                await Task.Delay(TimeSpan.FromSeconds(10)); // not a wait: the server hangs, with neither "100 Continue" nor a read
            }))
            using (var stop = new CancellationTokenSource())
            {
                var upload = server.Client().SubmitAsync(file, "a.csv", 700_000, stop.Token);
                Assert.True(await held.WaitAsync(TimeSpan.FromSeconds(10)), "the request never reached the server");
                var clock = System.Diagnostics.Stopwatch.StartNew();
                stop.Cancel();
                var e = await Assert.ThrowsAsync<UploadStoppedException>(() => upload);

                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"Ctrl+C took {clock.Elapsed} to stop the upload");
                Assert.False(e.BodyComplete);
                Assert.Single(server.Exchanges);
            }
        }
    }
}
