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
    [OutputType(typeof(ConnectionContext))]
    public sealed class ConnectAchieveItCommand : PSCmdlet
    {
        /// <summary>The API key, as a SecureString (Get-Secret, Read-Host -AsSecureString) or a PSCredential whose password is the key (Get-Credential, an Automation credential, Get-Secret of a credential).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ApiKeyArgument]
        public SecureString ApiKey { get; set; }

        /// <summary>Commercial (default) or Government.</summary>
        [Parameter]
        [ValidateSet("Commercial", "Government", IgnoreCase = true)]
        public string Environment { get; set; }

        /// <summary>Any other API address, such as the sandbox's http://127.0.0.1:PORT. Plain http only to loopback.</summary>
        [Parameter]
        public Uri BaseUri { get; set; }

        /// <summary>A proxy for every command of this runspace, instead of the system proxy (a command's own -Proxy still wins).</summary>
        [Parameter]
        public Uri Proxy { get; set; }

        /// <summary>Credentials for -Proxy.</summary>
        [Parameter]
        [Credential]
        public PSCredential ProxyCredential { get; set; }

        /// <summary>Writes the connection (AchieveIt.ConnectionContext, as Get-AchieveItConnection does): where the commands now connect, never the key.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            if (ProxyCredential != null && Proxy == null)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-ProxyCredential is for the proxy given with -Proxy: give -Proxy too."), ErrorIds.InvalidSetting, ErrorCategory.InvalidArgument, null));
            }

            var source = new SettingsSource { ApiKey = ApiKey, KeySource = "Connect-AchieveIt -ApiKey", Environment = Environment, BaseUri = BaseUri };
            // Disconnected first: a Connect that fails must not leave the earlier key in place for the next command.
            RunspaceState.For(this).Connection = null;
            try
            {
                // Checked now, so a wrong address or a malformed key fails here rather than in the nightly run.
                var environment = SettingsResolver.ResolveEnvironment(source, null, null);
                var key = SettingsResolver.ResolveKey(source, null, null);
                var remembered = new SettingsSource
                {
                    ApiKey = key.ToSecureString(), KeySource = "Connect-AchieveIt", Environment = Environment, BaseUri = BaseUri,
                    Proxy = Proxy, ProxyCredential = ProxyCredential?.GetNetworkCredential(),
                };
                RunspaceState.For(this).Connection = remembered;
                this.Note($"Connected: AchieveIt at {environment.BaseUri} ({environment.Name}), {key.Hint}{(Proxy != null ? ", through the proxy " + ConnectionContext.WithoutUserInfo(Proxy) : string.Empty)}.");
                var hint = UriRules.PathHint(environment.BaseUri);
                if (hint != null) this.Warn(hint);
                if (PassThru) WriteObject(ConnectionContext.Describe(remembered, System.Environment.GetEnvironmentVariables()));
            }
            catch (AchieveItException e)
            {
                ThrowTerminatingError(OnlineErrors.From(e, BaseUri));
            }
        }
    }
}
