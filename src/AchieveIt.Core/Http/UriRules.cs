using System;
using System.Net;

namespace AchieveIt.Http
{
    /// <summary>Which addresses may carry the key: HTTPS anywhere, plain HTTP only to this machine (the sandbox).</summary>
    public static class UriRules
    {
        /// <summary>Why the URI may not be used, or null when it may.</summary>
        public static string Refusal(Uri uri)
        {
            if (uri == null || !uri.IsAbsoluteUri) return "The address must be absolute, such as https://api.achieveit.com.";
            if (uri.Scheme == Uri.UriSchemeHttps) return null;
            if (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)) return null;
            if (uri.Scheme == Uri.UriSchemeHttp)
            {
                return $"Plain http is refused for '{uri.GetLeftPart(UriPartial.Authority)}': the API key would cross the network unencrypted. Use https (plain http is allowed only to loopback addresses such as the sandbox).";
            }

            return $"'{uri.Scheme}' addresses are not supported; use https.";
        }

        public static bool IsLoopback(Uri uri)
        {
            if (uri.IsLoopback) return true;
            return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
        }

        /// <summary>True when both have the same scheme, host and port: the only place the key may go.</summary>
        public static bool SameOrigin(Uri a, Uri b) =>
            string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase) &&
            string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase) &&
            a.Port == b.Port;

        /// <summary>
        /// The same API address: the same origin and the same path ("the same environment" of the journal and of
        /// Get-AchieveItJob -Recent). Null on either side is never the same.
        /// </summary>
        public static bool SameAddress(Uri a, Uri b) =>
            a != null && b != null && SameOrigin(a, b) && string.Equals(a.AbsolutePath.TrimEnd('/'), b.AbsolutePath.TrimEnd('/'), StringComparison.Ordinal);

        /// <summary>
        /// What to say of an API address with a path (https://host/api): the module adds api/... itself, so the address
        /// is the host only. Null when it has no path.
        /// </summary>
        public static string PathHint(Uri baseUri) =>
            baseUri == null || baseUri.AbsolutePath.Trim('/').Length == 0
                ? null
                : $"The API address is the host only ({baseUri.GetLeftPart(UriPartial.Authority)}): the module adds the path (api/progressupdates/..., api/jobs/...) itself, " +
                  $"so -BaseUri {baseUri} calls {baseUri.AbsoluteUri.TrimEnd('/')}/api/.... Leave '{baseUri.AbsolutePath.TrimEnd('/')}' out unless your tenant serves the API under it.";
    }
}
