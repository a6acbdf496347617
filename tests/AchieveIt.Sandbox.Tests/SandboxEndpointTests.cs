using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;

namespace AchieveIt.Sandbox.Tests
{
    public class SandboxEndpointTests
    {
        private const string Valid = "KPI-1,On Track,1,2026-11-28\r\nKPI-2,Achieved,2,2026-11-28\r\n";

        [Fact]
        public async Task Jobs_are_listed_and_described_with_the_stored_file_name_and_size()
        {
            using var host = new SandboxHost();
            var jobId = await host.SubmitAsync(Valid, "nightly.csv");
            await host.WaitAsync(jobId);
            var jobs = await host.GetJsonAsync("/sandbox/jobs");
            Assert.Equal(jobId, Assert.Single(jobs.EnumerateArray()).GetProperty("jobId").GetString());
            var job = await host.GetJsonAsync("/sandbox/jobs/" + jobId);
            Assert.Equal("nightly.csv", job.GetProperty("fileName").GetString());
            Assert.Equal(Valid.Length, job.GetProperty("size").GetInt32());
            Assert.Equal("Processed", job.GetProperty("state").GetString());
        }

        [Fact]
        public async Task Updates_can_be_filtered_by_external_id()
        {
            using var host = new SandboxHost();
            await host.WaitAsync(await host.SubmitAsync(Valid));
            var updates = await host.GetJsonAsync("/sandbox/updates?externalId=KPI-2");
            Assert.Equal("Achieved", Assert.Single(updates.EnumerateArray()).GetProperty("status").GetString());
        }

        [Fact]
        public async Task Requests_are_recorded_with_whether_a_key_came_but_never_the_key()
        {
            using var host = new SandboxHost();
            await host.Client(key: null).PostAsync("/api/progressupdates/x.csv", SandboxHost.Csv(Valid));
            await host.SubmitAsync(Valid);
            var response = await host.Client().GetAsync("/sandbox/requests");
            var text = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(SandboxHost.Key, text);
            var entries = JsonDocument.Parse(text).RootElement.EnumerateArray().ToList();
            Assert.Equal(new[] { false, true }, entries.Take(2).Select(e => e.GetProperty("hadAuthorization").GetBoolean()));
            Assert.Equal(new[] { 401, 200 }, entries.Take(2).Select(e => e.GetProperty("status").GetInt32()));
            Assert.Equal("/api/progressupdates/x.csv", entries[0].GetProperty("path").GetString());
        }

        [Fact]
        public async Task The_sandbox_endpoints_need_the_key_too()
        {
            using var host = new SandboxHost();
            Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client(key: null).GetAsync("/sandbox/jobs")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await host.Client("nope").DeleteAsync("/sandbox/data")).StatusCode);
        }

        [Fact]
        public async Task Deleting_the_data_empties_jobs_updates_and_requests()
        {
            using var host = new SandboxHost();
            await host.WaitAsync(await host.SubmitAsync(Valid));
            Assert.Equal(HttpStatusCode.NoContent, (await host.Client().DeleteAsync("/sandbox/data")).StatusCode);
            Assert.Equal(0, (await host.GetJsonAsync("/sandbox/jobs")).GetArrayLength());
            Assert.Equal(0, (await host.GetJsonAsync("/sandbox/updates")).GetArrayLength());
        }

        [Fact]
        public async Task Jobs_and_updates_survive_a_restart_on_the_same_database()
        {
            var database = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sandbox-" + Guid.NewGuid().ToString("N") + ".db");
            try
            {
                string jobId;
                using (var first = new SandboxHost(database: database))
                {
                    jobId = await first.SubmitAsync(Valid);
                    await first.WaitAsync(jobId);
                }

                using var second = new SandboxHost(database: database);
                Assert.Equal(HttpStatusCode.OK, (await second.Client().GetAsync("/api/jobs/" + jobId)).StatusCode);
                Assert.Equal(2, (await second.GetJsonAsync("/sandbox/updates")).GetArrayLength());
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var suffix in new[] { "", "-wal", "-shm" }) System.IO.File.Delete(database + suffix);
            }
        }
    }
}
