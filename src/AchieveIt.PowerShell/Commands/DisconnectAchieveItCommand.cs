using System.Management.Automation;
using AchieveIt.PowerShell.Online;

namespace AchieveIt.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Forgets the API key and environment that Connect-AchieveIt remembered.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "AchieveIt")]
    [OutputType(typeof(void))]
    public sealed class DisconnectAchieveItCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            var had = AchieveItSession.Current != null;
            AchieveItSession.Current?.ApiKey?.Dispose();
            AchieveItSession.Current = null;
            WriteVerbose(had ? "Disconnected from AchieveIt." : "There was no connection to forget.");
        }
    }
}
