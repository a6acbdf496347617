using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace AchieveIt.Tests.Submissions
{
    /// <summary>A handler that answers each request with the function given, counting requests.</summary>
    public sealed class FuncHandler : HttpMessageHandler
    {
        private readonly Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer;
        private int requests;

        public FuncHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) => this.answer = answer;

        public int Requests => requests;

        /// <summary>Reads the whole body, then answers the status with the text.</summary>
        public static FuncHandler Answering(HttpStatusCode status, string text = "{\"jobId\":\"j-1\"}") =>
            new FuncHandler(async (request, token) =>
            {
                if (request.Content != null) await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                return new HttpResponseMessage(status) { Content = new StringContent(text, Encoding.UTF8, "application/json") };
            });

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref requests);
            return answer(request, cancellationToken);
        }
    }
}
