using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using AchieveIt.Http;

namespace AchieveIt.Tests.Http
{
    /// <summary>
    /// "Expect: 100-continue" on the wire, asked for or not, on this runtime's HTTP stack (HttpWebRequest on the
    /// Framework leg): the file reaches the server whole either way. A refusal before the body: EarlyAnswerTests.
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
                var client = server.Client();
                client.UploadExpectsContinue = expectContinue;
                var job = await client.SubmitAsync(file, "a.csv", rows, default);

                Assert.Equal("j-1", job.JobId);
                var exchange = Assert.Single(server.Exchanges);
                Assert.Equal(expectContinue, exchange.ExpectsContinue);
                Assert.Equal(new FileInfo(file).Length, exchange.BodyBytes);
            }
        }
    }
}
