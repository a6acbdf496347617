using System.Linq;

namespace AchieveIt.PowerShell.Tests
{
    /// <summary>What a runspace keeps (RunspaceState): a connection is its own, never another runspace's.</summary>
    public class RunspaceStateTests : IClassFixture<InProcessSandbox>
    {
        private readonly InProcessSandbox sandbox;

        public RunspaceStateTests(InProcessSandbox sandbox) => this.sandbox = sandbox;

        [Fact]
        public void A_connection_made_in_one_runspace_is_not_seen_in_another()
        {
            using var first = new ModuleRunspace();
            using var second = new ModuleRunspace();
            var connected = first.Run("Connect-AchieveIt -BaseUri $base -ApiKey $key; Get-AchieveItConnection", sandbox.Variables());
            Assert.Empty(connected.Errors);
            Assert.Equal("Connect-AchieveIt", connected.Output.Last().Properties["KeySource"].Value.ToString());
            Assert.Equal("None", second.Run("Get-AchieveItConnection").Output.Single().Properties["KeySource"].Value.ToString());
        }

        [Fact]
        public void After_Connect_the_commands_need_no_key_and_after_Disconnect_they_say_it_is_missing()
        {
            using var shell = new ModuleRunspace();
            var sent = shell.Run("Connect-AchieveIt -BaseUri $base -ApiKey $key; [pscustomobject]@{ ExternalId = 'CONN-1'; Status = 'On Track'; Date = '2026-11-28' } | Submit-AchieveItUpdates", sandbox.Variables());
            Assert.Empty(sent.Errors);
            Assert.Single(sent.Output);
            var after = shell.Run("Disconnect-AchieveIt; [pscustomobject]@{ ExternalId = 'CONN-2'; Status = 'On Track'; Date = '2026-11-28' } | Submit-AchieveItUpdates -BaseUri $base");
            Assert.Contains(after.ErrorIds, id => id.StartsWith("ApiKeyMissing"));
        }
    }
}
