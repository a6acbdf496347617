using System;
using System.IO;
using System.Linq;
using System.Security;
using System.Text;
using System.Threading.Tasks;
using AchieveIt.Http;

namespace AchieveIt.Tests.Http
{
    /// <summary>
    /// "Expect: 100-continue" on the wire, as Windows PowerShell sends uploads (HttpWebRequest on .NET Framework, and
    /// on Mono in the Framework leg): the body waits for the server's "100 Continue", so a server that refuses at once
    /// never receives a byte of the file.
    /// </summary>
    public class ExpectContinueWireTests : IDisposable
    {
        private readonly string file = Path.GetTempFileName();
        private readonly long rows;

        public ExpectContinueWireTests()
        {
            var text = new StringBuilder();
            for (rows = 0; text.Length < 3_000_000; rows++) text.Append("KPI-").Append(rows).Append(",On Track,1,2026-11-28\r\n");
            File.WriteAllText(file, text.ToString());
        }

        public void Dispose() => File.Delete(file);

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public async Task An_upload_reaches_the_server_whole_with_or_without_100_continue(bool expectContinue)
        {
            using (var server = new RawHttpServer(async x =>
            {
                await x.ReadHeadAsync();
                if (x.ExpectsContinue) await x.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n");
                await x.ReadBodyAsync(TimeSpan.FromSeconds(30));
                await x.AnswerAsync(200, "OK", "{\"jobId\":\"j-1\"}");
            }))
            {
                var job = await Client(server, expectContinue).SubmitAsync(file, "a.csv", rows, default);

                Assert.Equal("j-1", job.JobId);
                var exchange = Assert.Single(server.Exchanges);
                Assert.Equal(expectContinue, exchange.ExpectsContinue);
                Assert.Equal(new FileInfo(file).Length, exchange.BodyBytes);
            }
        }

        [Fact]
        public async Task With_100_continue_a_key_refused_at_once_never_receives_the_file()
        {
            using (var server = new RawHttpServer(async x =>
            {
                await x.ReadHeadAsync();
                await x.AnswerAsync(401, "Unauthorized", "{\"message\":\"bad key\"}");
                await x.ReadBodyAsync(TimeSpan.FromSeconds(1)); // anything the client sends anyway is counted
            }))
            {
                var e = await Assert.ThrowsAsync<AchieveItException>(() => Client(server, expectContinue: true).SubmitAsync(file, "a.csv", rows, default));

                Assert.Equal(ErrorIds.ApiKeyRefused, e.ErrorId);
                var exchange = Assert.Single(server.Exchanges);
                Assert.True(exchange.ExpectsContinue);
                await Task.Delay(1200);
                Assert.Equal(0, exchange.BodyBytes);
            }
        }

        private static AchieveItClient Client(RawHttpServer server, bool expectContinue)
        {
            var key = new SecureString();
            foreach (var c in "test-key-123456") key.AppendChar(c);
            var settings = new ConnectionSettings(AchieveItEnvironment.Custom(server.Uri), new ApiKey(key));
            return new AchieveItClient(settings) { UploadExpectsContinue = expectContinue };
        }
    }
}
