using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http.Json;
using System.Security;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AchieveIt.Http;
using AchieveIt.Tests;

namespace AchieveIt.Sandbox.Tests
{
    /// <summary>The core's client against the in-memory sandbox, with a clock that never sleeps.</summary>
    public class ClientTests : IDisposable
    {
        private readonly SandboxHost host = new SandboxHost();
        private readonly FakeClock clock = new FakeClock();
        private readonly string file = Path.GetTempFileName();

        public ClientTests() => File.WriteAllText(file, "KPI-1,On Track,1,2026-11-28\r\nKPI-2,At Risk,2,2026-11-28\r\n");

        public void Dispose()
        {
            host.Dispose();
            File.Delete(file);
        }

        private AchieveItClient Client(string key = SandboxHost.Key, List<string> log = null)
        {
            var secure = new SecureString();
            foreach (var c in key) secure.AppendChar(c);
            var settings = new ConnectionSettings(AchieveItEnvironment.Custom(host.Server.BaseAddress), new ApiKey(secure));
            return new AchieveItClient(settings, log == null ? null : log.Add, clock, null, host.Server.CreateHandler());
        }

        private async Task<List<JsonElement>> PostsAsync() =>
            (await host.GetJsonAsync("/sandbox/requests")).EnumerateArray().Where(r => r.GetProperty("method").GetString() == "POST" && r.GetProperty("path").GetString().StartsWith("/api/")).ToList();

        [Fact]
        public async Task A_500_on_submit_is_retried_after_about_a_second_with_the_same_body()
        {
            await host.AddFaultAsync(new { target = "submit", action = "status", status = 500 });
            var job = await Client().SubmitAsync(file, "a.csv", 2, default);
            Assert.InRange(Assert.Single(clock.Delays).TotalSeconds, 1.0, 1.4);
            var posts = await PostsAsync();
            Assert.Equal(new[] { 500, 200 }, posts.Select(p => p.GetProperty("status").GetInt32()));
            Assert.Equal(posts[0].GetProperty("bodySha256").GetString(), posts[1].GetProperty("bodySha256").GetString());
            Assert.Equal(job.JobId, (await host.GetJsonAsync("/sandbox/jobs"))[0].GetProperty("jobId").GetString());
        }

        [Fact]
        public async Task A_429_waits_exactly_its_retry_after()
        {
            await host.AddFaultAsync(new { target = "submit", action = "status", status = 429, retryAfter = "2" });
            await Client().SubmitAsync(file, "a.csv", 2, default);
            Assert.Equal(TimeSpan.FromSeconds(2), Assert.Single(clock.Delays));
        }

        [Fact]
        public async Task A_server_that_never_queues_gets_three_retries_then_SubmitFailed()
        {
            await host.AddFaultAsync(new { target = "submit", action = "status", status = 503, count = 10 });
            var e = await Assert.ThrowsAsync<AchieveItException>(() => Client().SubmitAsync(file, "a.csv", 2, default));
            Assert.Equal(ErrorIds.SubmitFailed, e.ErrorId);
            Assert.Equal(3, clock.Delays.Count);
            Assert.InRange(clock.Delays[0].TotalSeconds, 1.0, 1.4);
            Assert.InRange(clock.Delays[1].TotalSeconds, 2.0, 2.8);
            Assert.InRange(clock.Delays[2].TotalSeconds, 4.0, 5.6);
            Assert.Equal(4, (await PostsAsync()).Count);
        }

        [Fact]
        public async Task A_gateway_error_after_the_body_is_never_resent()
        {
            await host.AddFaultAsync(new { target = "submit", action = "status", status = 502 });
            var e = await Assert.ThrowsAsync<AchieveItException>(() => Client().SubmitAsync(file, "a.csv", 2, default));
            Assert.Equal(ErrorIds.SubmitOutcomeUnknown, e.ErrorId);
            Assert.Single(await PostsAsync());
        }

        [Theory]
        [InlineData("not-a-key-at-all-4242")]
        public async Task A_refused_key_is_not_retried_and_not_shown(string key)
        {
            var e = await Assert.ThrowsAsync<AchieveItException>(() => Client(key).SubmitAsync(file, "a.csv", 2, default));
            Assert.Equal(ErrorIds.ApiKeyRefused, e.ErrorId);
            Assert.Empty(clock.Delays);
            Assert.DoesNotContain("not-a-key-at-all", e.ToString());
            Assert.Contains("****4242", e.Message);
        }

        [Fact]
        public async Task The_log_never_holds_the_key()
        {
            var log = new List<string>();
            var job = await Client(log: log).SubmitAsync(file, "a.csv", 2, default);
            await Client(log: log).GetStatusAsync(job, default);
            Assert.NotEmpty(log);
            Assert.All(log, line => Assert.DoesNotContain(SandboxHost.Key, line));
        }

        [Fact]
        public async Task A_status_500_is_confirmed_once_before_the_job_is_failed()
        {
            var client = Client();
            var job = await client.SubmitAsync(file, "a.csv", 2, default);
            await host.WaitAsync(job.JobId);
            await host.AddFaultAsync(new { target = "status", action = "status", status = 500 });
            Assert.Equal(JobState.Succeeded, (await client.GetStatusAsync(job, default)).State);
            await host.AddFaultAsync(new { target = "status", action = "status", status = 500, count = 2 });
            var failed = await client.GetStatusAsync(job, default);
            Assert.Equal(JobState.Failed, failed.State);
            Assert.Equal(500, failed.StatusCode);
        }

        [Fact]
        public async Task Passing_status_faults_are_retried_then_reported_as_StatusUnavailable()
        {
            var client = Client();
            var job = await client.SubmitAsync(file, "a.csv", 2, default);
            await host.AddFaultAsync(new { target = "status", action = "status", status = 503, count = 4 });
            var e = await Assert.ThrowsAsync<AchieveItException>(() => client.GetStatusAsync(job, default));
            Assert.Equal(ErrorIds.StatusUnavailable, e.ErrorId);
            Assert.Equal(3, clock.Delays.Count);
        }

        [Fact]
        public async Task A_failed_job_carries_the_servers_reasons()
        {
            File.WriteAllText(file, "KPI-1,Bogus,1,2026-11-28\r\n");
            var client = Client();
            var job = await client.SubmitAsync(file, "a.csv", 1, default);
            await host.WaitAsync(job.JobId);
            var answer = await client.GetStatusAsync(job, default);
            Assert.Equal(JobState.Failed, answer.State);
            Assert.Contains("line 1 InvalidStatus", answer.Message);
        }

        [Fact]
        public async Task Cancellation_stops_a_wait_between_retries()
        {
            await host.AddFaultAsync(new { target = "submit", action = "status", status = 503, count = 10 });
            using var cancel = new CancellationTokenSource();
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client().SubmitAsync(file, "a.csv", 2, cancel.Token));
        }
    }
}
