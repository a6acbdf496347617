using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Threading;

namespace AchieveIt.Http
{
    /// <summary>
    /// One long-lived HttpClient per proxy setting for the life of the module: sockets are reused and never
    /// exhausted. Redirects are off (followed by hand) and the client has no timeout of its own (each attempt has one).
    /// </summary>
    internal static class HttpClients
    {
        private static readonly ConcurrentDictionary<IWebProxy, HttpClient> ByProxy = new ConcurrentDictionary<IWebProxy, HttpClient>();
        private static readonly Lazy<HttpClient> SystemProxy = new Lazy<HttpClient>(() => Create(null), LazyThreadSafetyMode.ExecutionAndPublication);

        static HttpClients()
        {
            // Windows PowerShell 5.1 runs on .NET Framework, whose default may exclude TLS 1.2: add it, never replace what is there.
            if (RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase))
            {
                ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12;
            }
        }

        public static HttpClient For(IWebProxy proxy) => proxy == null ? SystemProxy.Value : ByProxy.GetOrAdd(proxy, Create);

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
