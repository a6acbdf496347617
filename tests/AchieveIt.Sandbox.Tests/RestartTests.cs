using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace AchieveIt.Sandbox.Tests
{
    public class RestartTests
    {
        private const string Key = "restart-key";

        [Fact]
        public async Task A_job_queued_before_kill_9_is_processed_after_restart_and_each_row_applied_exactly_once()
        {
            var database = Path.Combine(Path.GetTempPath(), "sandbox-restart-" + Guid.NewGuid().ToString("N") + ".db");
            var text = new StringBuilder();
            for (var i = 1; i <= 1000; i++) text.Append("KPI-").Append(i).Append(",On Track,").Append(i).Append(",2026-11-28\r\n");
            try
            {
                string jobId;
                using (var first = await SandboxProcess.StartAsync(Key, database, processingDelayMs: 60_000))
                {
                    var response = await first.Client(Key).PostAsync("api/progressupdates/crash.csv", SandboxHost.Csv(text.ToString()));
                    jobId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString();
                    await WaitForStateAsync(first, jobId, "Processing");
                    first.Kill();
                }

                using (var second = await SandboxProcess.StartAsync(Key, database, processingDelayMs: 0))
                {
                    var client = second.Client(Key);
                    var deadline = DateTime.UtcNow.AddSeconds(30);
                    HttpStatusCode status;
                    while ((status = (await client.GetAsync("api/jobs/" + jobId)).StatusCode) == HttpStatusCode.Accepted && DateTime.UtcNow < deadline)
                    {
                        await Task.Delay(50); // polls: the API's status endpoint is the only way to learn a job's state
                    }

                    Assert.Equal(HttpStatusCode.OK, status);
                    second.Kill();
                }

                // A third start must not apply the job again. Jobs are processed in order, those left pending at start first:
                // once a job sent after the start is processed, anything the start would have reprocessed has been.
                using var third = await SandboxProcess.StartAsync(Key, database, processingDelayMs: 0);
                var after = await third.Client(Key).PostAsync("api/progressupdates/after.csv", SandboxHost.Csv("KPI-AFTER,On Track,1,2026-11-28\r\n"));
                var afterId = (await after.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString();
                await WaitForStateAsync(third, afterId, "Processed");
                var updates = await third.Client(Key).GetFromJsonAsync<JsonElement>("sandbox/updates?limit=5000");
                var lines = updates.EnumerateArray().Where(u => u.GetProperty("jobId").GetString() == jobId).Select(u => u.GetProperty("line").GetInt32()).ToList();
                Assert.Equal(1000, lines.Count);
                Assert.Equal(1000, lines.Distinct().Count());
            }
            finally
            {
                foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(database + suffix);
            }
        }

        private static async Task WaitForStateAsync(SandboxProcess sandbox, string jobId, string state)
        {
            var client = sandbox.Client(Key);
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (DateTime.UtcNow < deadline)
            {
                var job = await client.GetFromJsonAsync<JsonElement>("sandbox/jobs/" + jobId);
                if (job.GetProperty("state").GetString() == state) return;
                await Task.Delay(20); // polls: the sandbox offers no notice of a job's state change
            }

            throw new TimeoutException($"Job {jobId} never reached {state}.");
        }
    }
}
