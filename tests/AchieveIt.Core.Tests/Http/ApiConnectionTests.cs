using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using AchieveIt.Http;
using AchieveIt.Tests.Submissions;

namespace AchieveIt.Tests.Http
{
    /// <summary>One request, sent safely: bounded answers that say when they were cut, and a GET that retries passing faults.</summary>
    public class ApiConnectionTests
    {
        private static readonly Uri Status = new Uri("https://api.example.test/api/jobs/j-1");

        [Fact]
        public async Task An_answer_over_the_limit_is_cut_there_and_says_so()
        {
            var handler = FuncHandler.Answering(HttpStatusCode.OK, new string('x', ApiConnection.ResponseBodyLimit + 10));
            var log = new List<string>();
            var connection = new ApiConnection(SubmissionFixture.Settings(), log.Add, new FakeClock(), null, handler);
            var answer = await connection.GetWithRetriesAsync(Status, TimeSpan.FromSeconds(5), default, (e, why) => new AchieveItException("X", why));
            Assert.True(answer.Truncated);
            Assert.Equal(ApiConnection.ResponseBodyLimit, answer.Text.Length);
            Assert.Contains(log, l => l.Contains("only the first"));

            var small = await new ApiConnection(SubmissionFixture.Settings(), null, new FakeClock(), null, FuncHandler.Answering(HttpStatusCode.OK, "short"))
                .GetWithRetriesAsync(Status, TimeSpan.FromSeconds(5), default, (e, why) => new AchieveItException("X", why));
            Assert.False(small.Truncated);
            Assert.Equal("short", small.Text);
        }

        [Fact]
        public async Task A_GET_retries_passing_faults_with_Retry_After_then_returns_the_answer()
        {
            var calls = 0;
            var handler = new FuncHandler((request, token) =>
            {
                calls++;
                var response = new HttpResponseMessage(calls < 3 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK) { Content = new StringContent("done", Encoding.UTF8) };
                if (calls < 3) response.Headers.TryAddWithoutValidation("Retry-After", "7");
                return Task.FromResult(response);
            });
            var clock = new FakeClock();
            var connection = new ApiConnection(SubmissionFixture.Settings(), null, clock, null, handler);
            var answer = await connection.GetWithRetriesAsync(Status, TimeSpan.FromSeconds(5), default, (e, why) => new AchieveItException("X", why));
            Assert.Equal(200, answer.Status);
            Assert.Equal(new[] { TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7) }, clock.Delays);
        }

        [Fact]
        public async Task A_GET_that_cannot_connect_ends_with_the_callers_error_after_the_retries()
        {
            var handler = new FuncHandler((request, token) => throw new HttpRequestException("refused"));
            var connection = new ApiConnection(SubmissionFixture.Settings(), null, new FakeClock(), null, handler);
            var e = await Assert.ThrowsAsync<AchieveItException>(() => connection.GetWithRetriesAsync(Status, TimeSpan.FromSeconds(5), default, (inner, why) => new AchieveItException("Unreachable", why, inner)));
            Assert.Equal("Unreachable", e.ErrorId);
            Assert.Equal("refused", e.Message);
            Assert.Equal(RetryPolicy.Default.MaxRetries + 1, handler.Requests);
        }

        [Fact]
        public async Task Plain_http_to_another_host_is_refused_before_a_connection_opens()
        {
            var handler = FuncHandler.Answering(HttpStatusCode.OK);
            var connection = new ApiConnection(SubmissionFixture.Settings(), null, new FakeClock(), null, handler);
            var e = await Assert.ThrowsAsync<AchieveItException>(() => connection.GetWithRetriesAsync(new Uri("http://api.example.test/x"), TimeSpan.FromSeconds(5), default, (inner, why) => new AchieveItException("X", why)));
            Assert.Equal(ErrorIds.InsecureUri, e.ErrorId);
            Assert.Equal(0, handler.Requests);
        }
    }
}
