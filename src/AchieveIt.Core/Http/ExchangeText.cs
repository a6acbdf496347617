using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;

namespace AchieveIt.Http
{
    /// <summary>
    /// One exchange as a person debugging reads it: "POST https://host/api/progressupdates/x.csv -> 200 OK in 41 ms",
    /// then the request's headers (Authorization shown as API-KEY **** and the key's last four characters, never the
    /// key) and the answer's. Every value is shortened and has the key redacted, so no header can carry it out.
    /// </summary>
    internal static class ExchangeText
    {
        private const int MaxHeaders = 20;
        private const int MaxValue = 200;

        public static string Describe(HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed, ApiKey key)
        {
            var reason = response.ReasonPhrase ?? string.Empty;
            if (reason.Length > MaxValue) reason = reason.Substring(0, MaxValue) + "...";
            var first = $"{request.Method} {request.RequestUri} -> {(int)response.StatusCode} {reason} in {(long)elapsed.TotalMilliseconds} ms";
            var sent = "  request headers: " + Headers(request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()), key);
            var answered = "  answer headers: " + Headers(response.Headers.Concat(response.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()), key);
            return string.Join(Environment.NewLine, new[] { first, sent, answered }.Select(line => Rules.IssueFactory.Printable(key.RedactFrom(line))));
        }

        // Headers that carry credentials of any kind: the proxy's password (Proxy-Authorization), sessions (cookies).
        private static bool IsSecret(string name) =>
            name.IndexOf("Authorization", StringComparison.OrdinalIgnoreCase) >= 0 || name.IndexOf("Cookie", StringComparison.OrdinalIgnoreCase) >= 0 ||
            name.IndexOf("Authenticate", StringComparison.OrdinalIgnoreCase) >= 0 && name.StartsWith("Proxy", StringComparison.OrdinalIgnoreCase);

        private static string Headers(IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers, ApiKey key)
        {
            var parts = new List<string>();
            foreach (var header in headers)
            {
                if (parts.Count == MaxHeaders)
                {
                    parts.Add("...");
                    break;
                }

                var value = string.Equals(header.Key, "Authorization", StringComparison.OrdinalIgnoreCase) ? key.Hint
                    : IsSecret(header.Key) ? "(hidden)" : string.Join(", ", header.Value);
                value = key.RedactFrom(value);
                if (value.Length > MaxValue) value = value.Substring(0, MaxValue) + "...";
                parts.Add(header.Key + ": " + value);
            }

            return parts.Count == 0 ? "(none)" : string.Join("; ", parts);
        }
    }
}
