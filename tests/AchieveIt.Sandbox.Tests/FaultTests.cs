using System;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;

namespace AchieveIt.Sandbox.Tests
{
    public class FaultTests
    {
        private const string Valid = "KPI-1,On Track,1,2026-11-28\r\n";

        [Fact]
        public async Task Submit_500_means_not_queued_and_only_for_the_next_n_requests()
        {
            using var host = new SandboxHost();
            await host.AddFaultAsync(new { target = "submit", action = "status", status = 500, count = 2 });
            var client = host.Client();
            Assert.Equal(HttpStatusCode.InternalServerError, (await client.PostAsync("/api/progressupdates/a.csv", SandboxHost.Csv(Valid))).StatusCode);
            Assert.Equal(HttpStatusCode.InternalServerError, (await client.PostAsync("/api/progressupdates/a.csv", SandboxHost.Csv(Valid))).StatusCode);
            Assert.Equal(0, (await host.GetJsonAsync("/sandbox/jobs")).GetArrayLength());
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/progressupdates/a.csv", SandboxHost.Csv(Valid))).StatusCode);
        }

        [Theory]
        [InlineData("submit", 503, "2")]
        [InlineData("submit", 429, "Wed, 21 Oct 2026 07:28:00 GMT")]
        [InlineData("status", 503, "1")]
        [InlineData("status", 429, "3")]
        public async Task Busy_answers_carry_retry_after(string target, int status, string retryAfter)
        {
            using var host = new SandboxHost();
            var jobId = await host.SubmitAsync(Valid);
            await host.AddFaultAsync(new { target, action = "status", status, retryAfter });
            var response = target == "submit"
                ? await host.Client().PostAsync("/api/progressupdates/a.csv", SandboxHost.Csv(Valid))
                : await host.Client().GetAsync("/api/jobs/" + jobId);
            Assert.Equal((HttpStatusCode)status, response.StatusCode);
            Assert.Equal(retryAfter, string.Join(",", response.Headers.GetValues("Retry-After")));
        }

        [Fact]
        public async Task Status_500_once_then_the_real_state()
        {
            using var host = new SandboxHost();
            var jobId = await host.SubmitAsync(Valid);
            await host.WaitAsync(jobId);
            await host.AddFaultAsync(new { target = "status", action = "status", status = 500 });
            Assert.Equal(HttpStatusCode.InternalServerError, (await host.Client().GetAsync("/api/jobs/" + jobId)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await host.Client().GetAsync("/api/jobs/" + jobId)).StatusCode);
        }

        [Fact]
        public async Task The_next_job_can_be_made_to_fail()
        {
            using var host = new SandboxHost();
            await host.AddFaultAsync(new { action = "failJob" });
            var failed = await host.WaitAsync(await host.SubmitAsync(Valid));
            Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
            Assert.Contains("InjectedFailure", await failed.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, (await host.WaitAsync(await host.SubmitAsync(Valid))).StatusCode);
        }

        [Fact]
        public async Task An_answer_can_be_delayed()
        {
            using var host = new SandboxHost();
            await host.AddFaultAsync(new { target = "submit", action = "delay", delayMs = 300 });
            var clock = Stopwatch.StartNew();
            var response = await host.Client().PostAsync("/api/progressupdates/a.csv", SandboxHost.Csv(Valid));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(clock.ElapsedMilliseconds >= 280, clock.ElapsedMilliseconds.ToString());
        }

        [Fact]
        public async Task The_connection_can_be_dropped_after_the_body_is_read_and_no_job_is_made()
        {
            using var host = new SandboxHost();
            await host.AddFaultAsync(new { target = "submit", action = "drop" });
            await Assert.ThrowsAnyAsync<Exception>(() => host.Client().PostAsync("/api/progressupdates/a.csv", SandboxHost.Csv(Valid)));
            Assert.Equal(0, (await host.GetJsonAsync("/sandbox/jobs")).GetArrayLength());
        }

        [Theory]
        [InlineData(301, "/api/progressupdates/moved.csv")]
        [InlineData(302, "http://127.0.0.1:9/api/progressupdates/x.csv")]
        [InlineData(307, "/api/progressupdates/b.csv")]
        [InlineData(308, "/api/progressupdates/c.csv")]
        public async Task Submit_can_be_redirected(int status, string location)
        {
            using var host = new SandboxHost();
            await host.AddFaultAsync(new { target = "submit", action = "redirect", status, location });
            var response = await host.Client().PostAsync("/api/progressupdates/a.csv", SandboxHost.Csv(Valid));
            Assert.Equal((HttpStatusCode)status, response.StatusCode);
            Assert.Equal(location, response.Headers.Location.OriginalString);
        }

        [Theory]
        [InlineData("{\"action\":\"explode\"}")]
        [InlineData("{\"action\":\"status\",\"status\":200}")]
        [InlineData("{\"action\":\"redirect\",\"status\":307}")]
        [InlineData("{\"action\":\"status\",\"status\":500,\"target\":\"everything\"}")]
        public async Task A_malformed_fault_is_refused(string json)
        {
            using var host = new SandboxHost();
            var response = await host.Client().PostAsync("/sandbox/faults", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }
}
