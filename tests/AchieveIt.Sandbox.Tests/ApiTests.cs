using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace AchieveIt.Sandbox.Tests
{
    public class ApiTests
    {
        private const string Valid = "External ID,Status,Current Metric Value,As Of Date,Comment\r\nKPI-1,On Track,0.5,2026-11-28,\"fine, really\"\r\nKPI-2,at risk,,11/27/2026,\r\n";

        [Fact]
        public async Task A_queued_file_answers_200_with_a_job_id_then_202_then_200_with_the_rows_applied()
        {
            using var host = new SandboxHost(processingDelayMs: 400);
            var jobId = await host.SubmitAsync(Valid);
            Assert.True(Guid.TryParse(jobId, out _));
            var first = await host.Client().GetAsync("/api/jobs/" + jobId);
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
            var done = await host.WaitAsync(jobId);
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
            Assert.Equal(2, (await done.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rowsApplied").GetInt32());
            var updates = await host.GetJsonAsync("/sandbox/updates");
            Assert.Equal(new[] { "KPI-1", "KPI-2" }, updates.EnumerateArray().Select(u => u.GetProperty("externalId").GetString()));
            Assert.Equal("At Risk", updates[1].GetProperty("status").GetString());
            Assert.Equal("fine, really", updates[0].GetProperty("comment").GetString());
        }

        [Fact]
        public async Task An_invalid_file_fails_the_whole_job_with_every_reason_and_applies_nothing()
        {
            using var host = new SandboxHost();
            var jobId = await host.SubmitAsync("KPI-1,On Track,1,2026-01-01\r\nKPI-2,Cancelled,1,2026-01-01\r\nKPI-3,On Track,20%,2026-01-01\r\n");
            var done = await host.WaitAsync(jobId);
            Assert.Equal(HttpStatusCode.BadRequest, done.StatusCode);
            var errors = (await done.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.Equal(new[] { "InvalidStatus@2", "InvalidMetricValue@3" },
                errors.EnumerateArray().Select(e => e.GetProperty("code").GetString() + "@" + e.GetProperty("line").GetInt32()));
            Assert.Equal(0, (await host.GetJsonAsync("/sandbox/updates")).GetArrayLength());
        }

        [Theory]
        [InlineData(null, HttpStatusCode.Unauthorized)]
        [InlineData("Bearer test-key-1", HttpStatusCode.Unauthorized)]
        [InlineData("API-KEY", HttpStatusCode.Unauthorized)]
        [InlineData("api-key test-key-1", HttpStatusCode.Unauthorized)]
        [InlineData("API-KEY test-key-1x", HttpStatusCode.Forbidden)]
        [InlineData("API-KEY wrong", HttpStatusCode.Forbidden)]
        public async Task A_missing_malformed_or_unknown_key_is_refused_and_creates_no_job(string header, HttpStatusCode expected)
        {
            using var host = new SandboxHost();
            var client = host.Client(key: null);
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/progressupdates/x.csv") { Content = SandboxHost.Csv(Valid) };
            if (header != null) request.Headers.TryAddWithoutValidation("Authorization", header);
            var response = await client.SendAsync(request);
            Assert.Equal(expected, response.StatusCode);
            Assert.Equal(0, (await host.GetJsonAsync("/sandbox/jobs")).GetArrayLength());
        }

        [Fact]
        public async Task Every_configured_key_is_accepted()
        {
            using var host = new SandboxHost();
            var response = await host.Client(SandboxHost.SecondKey).PostAsync("/api/progressupdates/x.csv", SandboxHost.Csv(Valid));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        [Fact]
        public async Task Metric_updates_are_queued_and_applied_the_same_way()
        {
            using var host = new SandboxHost();
            var response = await host.Client().PostAsync("/api/metricupdates/m.csv", SandboxHost.Csv("External ID,Current Metric Value,As Of Date,Comment\r\nKPI-9,42,2026-11-28,ok\r\n"));
            var jobId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString();
            Assert.Equal(HttpStatusCode.OK, (await host.WaitAsync(jobId)).StatusCode);
            var update = (await host.GetJsonAsync("/sandbox/updates?externalId=kpi-9"))[0];
            Assert.Equal("42", update.GetProperty("metricValue").GetString());
        }

        [Theory]
        [InlineData("KPI-404,On Track,1,2026-01-01\r\n", "UnknownExternalId")]
        [InlineData("KPI-M,On Track,,2026-01-01\r\n", "MissingMetricValue")]
        public async Task With_a_plan_an_unknown_item_or_a_missing_metric_fails_the_job(string text, string code)
        {
            var items = System.IO.Path.GetTempFileName();
            await System.IO.File.WriteAllTextAsync(items, "External ID,HasMetric\nKPI-M,true\nKPI-N,false\n");
            try
            {
                using var host = new SandboxHost(items: items);
                var response = await host.WaitAsync(await host.SubmitAsync(text));
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.Contains(code, await response.Content.ReadAsStringAsync());
                Assert.Equal(HttpStatusCode.OK, (await host.WaitAsync(await host.SubmitAsync("KPI-N,On Track,,2026-01-01\r\n"))).StatusCode);
            }
            finally
            {
                System.IO.File.Delete(items);
            }
        }

        [Theory]
        [InlineData("nonsense")]
        [InlineData("12345")]
        [InlineData("00000000-0000-0000-0000-000000000000")]
        public async Task An_unknown_or_malformed_job_id_is_404(string jobId)
        {
            using var host = new SandboxHost();
            Assert.Equal(HttpStatusCode.NotFound, (await host.Client().GetAsync("/api/jobs/" + jobId)).StatusCode);
        }

        [Theory]
        [InlineData("..csv")]
        [InlineData("a..b.csv")]
        [InlineData("a%2Fb.csv")]
        [InlineData("a%5Cb.csv")]
        [InlineData("a$b.csv")]
        [InlineData("%2E%2E")]
        public async Task A_file_name_with_dots_slashes_or_odd_characters_is_refused(string fileName)
        {
            using var host = new SandboxHost();
            var response = await host.Client().PostAsync("/api/progressupdates/" + fileName, SandboxHost.Csv(Valid));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest || response.StatusCode == HttpStatusCode.NotFound, response.StatusCode.ToString());
            Assert.Equal(0, (await host.GetJsonAsync("/sandbox/jobs")).GetArrayLength());
        }

        [Fact]
        public async Task An_empty_body_is_400_and_a_body_over_the_limit_is_413()
        {
            using var host = new SandboxHost(maxUploadMb: 1);
            Assert.Equal(HttpStatusCode.BadRequest, (await host.Client().PostAsync("/api/progressupdates/x.csv", SandboxHost.Csv(""))).StatusCode);
            var big = new byte[1024 * 1024 + 10];
            Array.Fill(big, (byte)'a');
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await host.Client().PostAsync("/api/progressupdates/x.csv", SandboxHost.Csv(big))).StatusCode);
            Assert.Equal(0, (await host.GetJsonAsync("/sandbox/jobs")).GetArrayLength());
        }

        [Theory]
        [InlineData(new byte[] { 0x4B, 0x2C, 0x4F, 0x6E, 0x20, 0x54, 0x72, 0x61, 0x63, 0x6B, 0x2C, 0x31, 0x2C, 0x32, 0x30, 0x32, 0x36, 0x2D, 0x30, 0x31, 0x2D, 0x30, 0x31, 0x2C, 0xE9, 0x0D, 0x0A }, "InvalidEncoding")]
        public async Task Invalid_utf8_is_queued_then_fails_with_the_rule(byte[] bytes, string code)
        {
            using var host = new SandboxHost();
            var response = await host.Client().PostAsync("/api/progressupdates/x.csv", SandboxHost.Csv(bytes));
            var jobId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString();
            var done = await host.WaitAsync(jobId);
            Assert.Equal(HttpStatusCode.BadRequest, done.StatusCode);
            Assert.Contains(code, await done.Content.ReadAsStringAsync());
        }

        [Fact]
        public async Task A_type_line_fails_the_job_with_its_rule()
        {
            using var host = new SandboxHost();
            var done = await host.WaitAsync(await host.SubmitAsync("#TYPE System.Management.Automation.PSCustomObject\r\nK,On Track,1,2026-01-01\r\n"));
            Assert.Equal(HttpStatusCode.BadRequest, done.StatusCode);
            Assert.Contains("TypeInformationLine", await done.Content.ReadAsStringAsync());
        }
    }
}
