using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Security;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AchieveIt.Http;

namespace AchieveIt.Tests.Http
{
    /// <summary>How uploads use connections, checked through the client's handler seam (no network).</summary>
    public class UploadConnectionTests : IDisposable
    {
        private readonly string file = Path.GetTempFileName();

        public UploadConnectionTests() => File.WriteAllText(file, "KPI-1,On Track,1,2026-11-28\r\n");

        public void Dispose() => File.Delete(file);

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public async Task An_upload_waits_for_100_continue_when_asked_and_a_status_request_never_does(bool expectContinue)
        {
            var handler = new RecordingHandler();
            var client = new AchieveItClient(Settings(), handler: handler) { UploadExpectsContinue = expectContinue };
            var job = await client.SubmitAsync(file, "a.csv", 1, default);
            await client.GetStatusAsync(job, default);
            Assert.Equal(expectContinue, handler.Requests[0].ExpectContinue == true);
            Assert.NotEqual(true, handler.Requests[1].ExpectContinue);
            Assert.Equal(HttpMethod.Post, handler.Requests[0].Method);
        }

        [Fact]
        public void Every_runtime_asks_for_100_continue_by_default()
        {
            var client = new AchieveItClient(Settings(), handler: new RecordingHandler());
            Assert.True(client.UploadExpectsContinue);
        }

        [Fact]
        public void The_Framework_branches_are_taken_on_NET_Framework_and_Mono_only()
        {
#if FRAMEWORK_LEG
            Assert.True(FrameworkRuntime.IsRunning); // Mono, or .NET Framework on Windows: the branches Windows PowerShell takes
#else
            Assert.False(FrameworkRuntime.IsRunning);
#endif
        }

        private static ConnectionSettings Settings()
        {
            var key = new SecureString();
            foreach (var c in "test-key-123456") key.AppendChar(c);
            return new ConnectionSettings(AchieveItEnvironment.Custom(new Uri("https://api.example.test/")), new ApiKey(key));
        }

        private sealed class RecordingHandler : HttpMessageHandler
        {
            public List<(HttpMethod Method, bool? ExpectContinue)> Requests { get; } = new List<(HttpMethod, bool?)>();

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                Requests.Add((request.Method, request.Headers.ExpectContinue));
                if (request.Content != null) await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                var body = request.Method == HttpMethod.Post ? "{\"jobId\":\"j-1\"}" : "{\"rowsApplied\":1}";
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            }
        }
    }
}
