using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using AchieveIt.Http;

namespace AchieveIt.Tests.Http
{
    /// <summary>
    /// A server that refuses an upload on its head (a refused key, a file too large, a failure) stops it at once, on
    /// every runtime with its default client: "Expect: 100-continue" holds the file until the server says go, so the
    /// refusal comes before a byte of the file leaves, and the file is never read further.
    /// </summary>
    public class EarlyAnswerTests : IDisposable
    {
        private readonly string file = Path.GetTempFileName();

        public EarlyAnswerTests()
        {
            using (var writer = new StreamWriter(file, false, new UTF8Encoding(false)))
            {
                for (var i = 0; i < 200_000; i++) writer.Write($"KPI-{i},On Track,1,2026-11-28\r\n");
            }
        }

        public void Dispose() => File.Delete(file);

        [Theory]
        [InlineData(401, "Unauthorized", "ApiKeyRefused")]
        [InlineData(413, "Payload Too Large", "SubmitRejected")]
        [InlineData(500, "Internal Server Error", "SubmitFailed")]
        public async Task A_refusal_on_the_request_head_stops_the_upload_before_a_byte_of_the_file_leaves(int status, string reason, string errorId)
        {
            using (var server = new RawHttpServer(async x =>
            {
                await x.ReadHeadAsync();
                await x.AnswerAsync(status, reason, "{\"message\":\"refused\"}");
                await x.ReadBodyAsync(TimeSpan.FromSeconds(2)); // anything the client sends anyway is counted
            }))
            {
                var e = await Assert.ThrowsAsync<AchieveItException>(() => server.Client(new RetryPolicy(0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero)).SubmitAsync(file, "a.csv", 200_000, default));

                Assert.Equal(errorId, e.ErrorId);
                Assert.All(server.Exchanges, x => Assert.True(x.ExpectsContinue)); // the default on every runtime
                await Task.WhenAll(server.Exchanges.Select(x => x.Finished)); // each connection read to its end (or 2 s)
                Assert.All(server.Exchanges, x => Assert.Equal(0, x.BodyBytes));
            }
        }
    }
}
