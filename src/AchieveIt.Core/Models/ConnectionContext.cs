using System;
using System.Collections;
using AchieveIt.Http;

namespace AchieveIt
{
    /// <summary>
    /// Where a runspace's commands connect when they are given no connection parameter, as Get-AzContext and
    /// Get-MgContext tell it: the environment, the address, the proxy, and where the key comes from. Never the key,
    /// nor its length or any part of it.
    /// </summary>
    public sealed class ConnectionContext
    {
        private ConnectionContext(string environment, Uri baseUri, string environmentSource, Uri proxy, bool proxyHasCredential, string keySource, string problem)
        {
            Environment = environment;
            BaseUri = baseUri;
            EnvironmentSource = environmentSource;
            Proxy = WithoutUserInfo(proxy);
            ProxyHasCredential = proxyHasCredential || !string.IsNullOrEmpty(proxy?.UserInfo);
            KeySource = keySource;
            Problem = problem;
        }

        /// <summary>Commercial, Government, or Custom (a -BaseUri).</summary>
        public string Environment { get; }

        /// <summary>The API's address.</summary>
        public Uri BaseUri { get; }

        /// <summary>Where the address comes from: Connect-AchieveIt, the environment variable ACHIEVEIT_BASE_URI or ACHIEVEIT_ENVIRONMENT, or Default.</summary>
        public string EnvironmentSource { get; }

        /// <summary>The proxy kept by Connect-AchieveIt -Proxy, or null (the system proxy).</summary>
        public Uri Proxy { get; }

        /// <summary>True when Connect-AchieveIt kept -ProxyCredential for the proxy.</summary>
        public bool ProxyHasCredential { get; }

        /// <summary>Where the key comes from: Connect-AchieveIt, the environment variable ACHIEVEIT_API_KEY, or None.</summary>
        public string KeySource { get; }

        /// <summary>True when a command given no -ApiKey has a key to use.</summary>
        public bool HasKey => KeySource != None;

        /// <summary>Why a command without connection parameters would fail (an unusable setting), or null.</summary>
        public string Problem { get; }

        public const string None = "None";

        /// <summary>The address without a user name or password written into it (http://user:pass@host): shown, never the password.</summary>
        public static Uri WithoutUserInfo(Uri address)
        {
            if (address == null || !address.IsAbsoluteUri || string.IsNullOrEmpty(address.UserInfo)) return address;
            return new UriBuilder(address) { UserName = string.Empty, Password = string.Empty }.Uri;
        }

        /// <summary>The context of a runspace: what Connect-AchieveIt kept (or null), then the environment variables, then the default.</summary>
        public static ConnectionContext Describe(SettingsSource session, IDictionary variables)
        {
            string keySource = session?.ApiKey != null ? "Connect-AchieveIt"
                : !string.IsNullOrEmpty(variables?[SettingsResolver.KeyVariable] as string) ? "Environment variable " + SettingsResolver.KeyVariable
                : None;
            var environmentSource = session?.BaseUri != null || !string.IsNullOrEmpty(session?.Environment) ? "Connect-AchieveIt"
                : !string.IsNullOrEmpty(variables?[SettingsResolver.BaseUriVariable] as string) ? "Environment variable " + SettingsResolver.BaseUriVariable
                : !string.IsNullOrEmpty(variables?[SettingsResolver.EnvironmentVariable] as string) ? "Environment variable " + SettingsResolver.EnvironmentVariable
                : "Default";
            try
            {
                var environment = SettingsResolver.ResolveEnvironment(null, session, variables);
                return new ConnectionContext(environment.Name, environment.BaseUri, environmentSource, session?.Proxy, session?.ProxyCredential != null, keySource, null);
            }
            catch (AchieveItException e)
            {
                return new ConnectionContext(null, null, environmentSource, session?.Proxy, session?.ProxyCredential != null, keySource, e.Message);
            }
        }
    }
}
