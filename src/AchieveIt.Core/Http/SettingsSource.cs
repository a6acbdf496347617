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
    }
}
