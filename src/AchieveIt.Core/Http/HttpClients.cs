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
            var key = proxy.AbsoluteUri + "|" + credential?.Domain + "\\" + credential?.UserName;
            return ByProxy.GetOrAdd(key, _ => Create(new WebProxy(proxy) { Credentials = credential }));
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
