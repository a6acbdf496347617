using System;
using System.Security;

namespace AchieveIt.Http
{
    /// <summary>Settings given at one level: parameters, the session (Connect-AchieveIt), or none.</summary>
    public sealed class SettingsSource
    {
        public SecureString ApiKey { get; set; }

        /// <summary>Where the key came from, for ApiKeyInvalid: "-ApiKey" or "Connect-AchieveIt" by default.</summary>
        public string KeySource { get; set; }

        public string Environment { get; set; }

        public Uri BaseUri { get; set; }

        /// <summary>A proxy to use instead of the system proxy (Connect-AchieveIt -Proxy keeps it for the runspace).</summary>
        public Uri Proxy { get; set; }

        /// <summary>Credentials for <see cref="Proxy"/>.</summary>
        public System.Net.NetworkCredential ProxyCredential { get; set; }
    }
}
