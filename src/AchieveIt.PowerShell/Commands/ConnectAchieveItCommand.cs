using System;
using System.Management.Automation;
using System.Security;
using AchieveIt.Http;
using AchieveIt.PowerShell.Online;

namespace AchieveIt.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Remembers the API key and environment for the AchieveIt cmdlets in this runspace.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "AchieveIt")]
    [OutputType(typeof(void))]
    public sealed class ConnectAchieveItCommand : PSCmdlet
    {
        /// <summary>The API key, as a SecureString (Get-Secret, Read-Host -AsSecureString, an Automation credential).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        public SecureString ApiKey { get; set; }

        /// <summary>Commercial (default) or Government.</summary>
        [Parameter]
        [ValidateSet("Commercial", "Government", IgnoreCase = true)]
        public string Environment { get; set; }

        /// <summary>Any other API address, such as the sandbox's http://127.0.0.1:PORT. Plain http only to loopback.</summary>
        [Parameter]
        public Uri BaseUri { get; set; }

        protected override void EndProcessing()
        {
            var source = new SettingsSource { ApiKey = ApiKey, KeySource = "Connect-AchieveIt -ApiKey", Environment = Environment, BaseUri = BaseUri };
            // Disconnected first: a Connect that fails must not leave the earlier key in place for the next command.
            RunspaceState.For(this).Connection = null;
            try
            {
                // Checked now, so a wrong address or a malformed key fails here rather than in the nightly run.
                var environment = SettingsResolver.ResolveEnvironment(source, null, null);
                var key = SettingsResolver.ResolveKey(source, null, null);
                var remembered = new SettingsSource { ApiKey = key.ToSecureString(), KeySource = "Connect-AchieveIt", Environment = Environment, BaseUri = BaseUri };
                RunspaceState.For(this).Connection = remembered;
                WriteVerbose($"Connected: AchieveIt at {environment.BaseUri} ({environment.Name}), {key.Hint}.");
                var hint = UriRules.PathHint(environment.BaseUri);
                if (hint != null) WriteWarning(hint);
            }
            catch (AchieveItException e)
            {
                ThrowTerminatingError(OnlineErrors.From(e, BaseUri));
            }
        }
    }
}
