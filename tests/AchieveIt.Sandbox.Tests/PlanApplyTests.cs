using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;

namespace AchieveIt.Sandbox.Tests
{
    /// <summary>As AchieveIt does, a processed job changes the plan's items, so the plan export shows what was sent.</summary>
    public class PlanApplyTests : IDisposable
    {
        private const string Plan = "5a1d6b0e-8c3f-4b7a-9e21-3f0c2d4b6a10";
        private readonly string items = Path.Combine(Path.GetTempPath(), "sandbox-apply-" + Guid.NewGuid().ToString("N") + ".csv");

        public PlanApplyTests() =>
            File.WriteAllText(items, "External ID,HasMetric,Status,Current Value,Last Updated\r\nKPI-1,true,On Track,1.5,2026-11-20\r\nKPI-2,false,At Risk,,2026-11-25\r\nKPI-3,true,On Track,7,\r\n");

        public void Dispose() => File.Delete(items);

        private static async Task<JsonElement> ItemAsync(SandboxHost host, string externalId) =>
            (await host.GetJsonAsync($"/plans/{Plan}/items?take=100")).GetProperty("items").EnumerateArray().Single(i => i.GetProperty("externalId").GetString() == externalId);

        [Fact]
        public async Task The_items_file_gives_Last_Updated_and_the_export_serves_it()
        {
            using var host = new SandboxHost(items: items);
            Assert.Equal("2026-11-20T00:00:00Z", (await ItemAsync(host, "KPI-1")).GetProperty("lastUpdated").GetString());
            Assert.Equal(JsonValueKind.Null, (await ItemAsync(host, "KPI-3")).GetProperty("lastUpdated").ValueKind);
        }

        [Fact]
        public async Task A_processed_job_sets_status_value_and_last_updated_but_an_older_row_changes_nothing()
        {
            using var host = new SandboxHost(items: items);
            var job = await host.SubmitAsync("KPI-1,At Risk,2.25,2026-11-28\r\nKPI-2,Achieved,,2026-11-24\r\nKPI-3,Off Track,8,2026-11-28\r\n");
            Assert.Equal(HttpStatusCode.OK, (await host.WaitAsync(job)).StatusCode);

            var first = await ItemAsync(host, "KPI-1");
            Assert.Equal(("At Risk", 2.25m, "2026-11-28T00:00:00Z"), (first.GetProperty("status").GetString(), first.GetProperty("currentValue").GetDecimal(), first.GetProperty("lastUpdated").GetString()));
            var older = await ItemAsync(host, "KPI-2"); // dated before the item's last update: AchieveIt keeps the newer state
            Assert.Equal(("At Risk", "2026-11-25T00:00:00Z"), (older.GetProperty("status").GetString(), older.GetProperty("lastUpdated").GetString()));
            Assert.Equal("Off Track", (await ItemAsync(host, "KPI-3")).GetProperty("status").GetString());
        }

        [Fact]
        public async Task A_failed_job_changes_no_item()
        {
            using var host = new SandboxHost(items: items);
            var job = await host.SubmitAsync("KPI-1,At Risk,2.25,2026-11-28\r\nKPI-404,On Track,1,2026-11-28\r\n");
            Assert.Equal(HttpStatusCode.BadRequest, (await host.WaitAsync(job)).StatusCode);
            Assert.Equal("On Track", (await ItemAsync(host, "KPI-1")).GetProperty("status").GetString());
        }

        [Fact]
        public async Task DELETE_sandbox_data_gives_the_items_back_their_file_values_and_a_restart_shows_what_was_applied()
        {
            var database = Path.Combine(Path.GetTempPath(), "sandbox-apply-" + Guid.NewGuid().ToString("N") + ".db");
            try
            {
                using (var host = new SandboxHost(items: items, database: database))
                {
                    Assert.Equal(HttpStatusCode.OK, (await host.WaitAsync(await host.SubmitAsync("KPI-1,At Risk,2.25,2026-11-28\r\n"))).StatusCode);
                }

                using (var restarted = new SandboxHost(items: items, database: database))
                {
                    Assert.Equal("At Risk", (await ItemAsync(restarted, "KPI-1")).GetProperty("status").GetString()); // replayed from the database
                    Assert.Equal(HttpStatusCode.NoContent, (await restarted.Client().DeleteAsync("/sandbox/data")).StatusCode);
                    var reset = await ItemAsync(restarted, "KPI-1");
                    Assert.Equal(("On Track", 1.5m, "2026-11-20T00:00:00Z"), (reset.GetProperty("status").GetString(), reset.GetProperty("currentValue").GetDecimal(), reset.GetProperty("lastUpdated").GetString()));
                }
            }
            finally
            {
                foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(database + suffix);
                if (Directory.Exists(database + ".uploads")) Directory.Delete(database + ".uploads", true);
            }
        }
    }
}
