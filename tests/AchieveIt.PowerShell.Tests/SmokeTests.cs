using System.Linq;

namespace AchieveIt.PowerShell.Tests
{
    public class SmokeTests : IClassFixture<InProcessSandbox>
    {
        private readonly InProcessSandbox sandbox;

        public SmokeTests(InProcessSandbox sandbox) => this.sandbox = sandbox;

        [Fact]
        public void A_row_is_submitted_and_its_job_waited_for_in_process()
        {
            using var shell = new ModuleRunspace();
            var result = shell.Run("[pscustomobject]@{ ExternalId = 'KPI-1'; Status = 'On Track'; Value = 1; Date = '2026-11-28' } | Submit-AchieveItUpdates -BaseUri $base -ApiKey $key -FileName smoke.csv | Wait-AchieveItJob -BaseUri $base -ApiKey $key", sandbox.Variables());
            Assert.Null(result.Terminating);
            Assert.Empty(result.Errors);
            Assert.Equal("Succeeded", result.Output.Last().Properties["State"].Value.ToString());
        }
    }
}
