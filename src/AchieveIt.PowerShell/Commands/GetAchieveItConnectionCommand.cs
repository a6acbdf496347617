using System.Management.Automation;
using AchieveIt.PowerShell.Online;

namespace AchieveIt.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Shows where this runspace's AchieveIt commands connect: environment, address, proxy, and where the API key comes from (never the key).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AchieveItConnection")]
    [OutputType(typeof(ConnectionContext))]
    public sealed class GetAchieveItConnectionCommand : PSCmdlet
    {
        protected override void EndProcessing() =>
            WriteObject(ConnectionContext.Describe(RunspaceState.For(this).Connection, System.Environment.GetEnvironmentVariables()));
    }
}
