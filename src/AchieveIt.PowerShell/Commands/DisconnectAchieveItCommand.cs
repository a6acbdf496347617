using System.Management.Automation;
using AchieveIt.PowerShell.Online;

namespace AchieveIt.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Forgets the API key and environment that Connect-AchieveIt remembered in this runspace.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "AchieveIt")]
    [OutputType(typeof(void))]
    public sealed class DisconnectAchieveItCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            var state = RunspaceState.For(this);
            var had = state.Connection;
            state.Connection = null;
            had?.ApiKey?.Dispose();
            this.Note(had != null ? "Disconnected from AchieveIt." : "There was no connection to forget.");
        }
    }
}
