using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Threading;

namespace AchieveIt.Http
{
    /// <summary>
    /// One long-lived HttpClient per proxy setting for the life of the module: sockets are reused and never
    /// exhausted. Redirects are off (followed by hand) and the client has no timeout of its own (each attempt has one).
    /// </summary>
    internal static class HttpClients
    {
        private static readonly ConcurrentDictionary<string, HttpClient> ByProxy = new ConcurrentDictionary<string, HttpClient>();
        private static readonly Lazy<HttpClient> SystemProxy = new Lazy<HttpClient>(() => Create(null), LazyThreadSafetyMode.ExecutionAndPublication);

        static HttpClients()
        {
            // Windows PowerShell 5.1 runs on .NET Framework, whose default may exclude TLS 1.2: add it, never replace what is there.
            if (FrameworkRuntime.IsRunning)
            {
                ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12;
            }
        }

        public static HttpClient For(Uri proxy, NetworkCredential credential)
        {
            if (proxy == null) return SystemProxy.Value;
            // The password counts too (a corrected proxy password gets a client of its own), as a keyed fingerprint:
            // the cache never holds it as text.
            var key = proxy.AbsoluteUri + "|" + credential?.Domain + "\\" + credential?.UserName + "|" + Fingerprint(credential?.Password);
            return ByProxy.GetOrAdd(key, _ => Create(new WebProxy(proxy) { Credentials = credential }));
        }

        private static readonly byte[] ProcessSecret = NewSecret();

        private static byte[] NewSecret()
        {
            var secret = new byte[32];
            using (var random = System.Security.Cryptography.RandomNumberGenerator.Create()) random.GetBytes(secret);
            return secret;
        }

        private static string Fingerprint(string password)
        {
            if (string.IsNullOrEmpty(password)) return string.Empty;
            using (var mac = new System.Security.Cryptography.HMACSHA256(ProcessSecret)) return Convert.ToBase64String(mac.ComputeHash(System.Text.Encoding.UTF8.GetBytes(password)));
        }

        private static HttpClient Create(IWebProxy proxy)
        {
            var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
            if (proxy != null)
            {
                handler.UseProxy = true;
                handler.Proxy = proxy;
            }

            return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        }
    }
}
