using System;
using System.Net;

namespace AchieveIt.Http
{
    /// <summary>What one call needs: where the API is, the key, and the proxy (null: the system proxy).</summary>
    public sealed class ConnectionSettings
    {
        public ConnectionSettings(AchieveItEnvironment environment, ApiKey key, Uri proxy = null, NetworkCredential proxyCredential = null)
        {
            Environment = environment;
            Key = key;
            Proxy = proxy;
            ProxyCredential = proxyCredential;
        }

        public AchieveItEnvironment Environment { get; }

        public ApiKey Key { get; }

        public Uri Proxy { get; }

        public NetworkCredential ProxyCredential { get; }

        /// <summary>The same settings for another environment (a job submitted elsewhere is followed there).</summary>
        public ConnectionSettings With(AchieveItEnvironment environment) => new ConnectionSettings(environment, Key, Proxy, ProxyCredential);
    }
}
