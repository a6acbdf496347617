using System;

namespace AchieveIt.Http
{
    /// <summary>
    /// Redirects, followed by hand (docs/CONTRACT.md §5): at most five hops, and only within the configured origin (scheme,
    /// host and port): a redirect anywhere else is refused before any byte of the body or the key goes there, so
    /// no answer from another origin can become a job. An upload follows only 307/308 (which keep method and
    /// body), never a 301/302/303 that would turn it into a GET.
    /// </summary>
    public static class RedirectPolicy
    {
        public const int MaxHops = 5;

        public static bool IsRedirect(int status) => status == 301 || status == 302 || status == 303 || status == 307 || status == 308;

        /// <summary>
        /// The next address, or an exception that says why the redirect is not followed. <paramref name="origin"/>
        /// is the configured API address: the only origin a redirect may lead to.
        /// </summary>
        public static Uri Next(Uri current, int status, Uri location, bool isUpload, int hopsSoFar, Uri origin)
        {
            if (location == null)
            {
                return Throw(ErrorIds.RedirectRefused, $"The server answered {status} (redirect) without a Location header that is an address.");
            }

            var target = location.IsAbsoluteUri ? location : new Uri(current, location);
            if (hopsSoFar >= MaxHops)
            {
                return Throw(ErrorIds.TooManyRedirects, $"More than {MaxHops} redirects; the last one pointed to {target.GetLeftPart(UriPartial.Path)}. Check -BaseUri.");
            }

            if (current.Scheme == Uri.UriSchemeHttps && target.Scheme != Uri.UriSchemeHttps)
            {
                return Throw(ErrorIds.RedirectRefused, $"The server redirected from https to {target.GetLeftPart(UriPartial.Path)}; a redirect to plain http is refused.");
            }

            if (!UriRules.SameOrigin(target, origin))
            {
                return Throw(ErrorIds.RedirectRefused,
                    $"The server redirected the {(isUpload ? "upload" : "status request")} with {status} to {target.GetLeftPart(UriPartial.Path)}, another origin than " +
                    $"{origin.GetLeftPart(UriPartial.Authority)}. Redirects are followed only within the configured address, so nothing (no file, no key) was sent there. " +
                    "If the API has moved, use the new address as -BaseUri.");
            }

            if (isUpload && status != 307 && status != 308)
            {
                return Throw(ErrorIds.RedirectRefused,
                    $"The upload was redirected with {status} to {target.GetLeftPart(UriPartial.Path)}, which would turn it into a GET without the file. " +
                    "Nothing was sent there. If the API has moved, use that address as -BaseUri.");
            }

            var refusal = UriRules.Refusal(target);
            if (refusal != null) return Throw(ErrorIds.InsecureUri, refusal);
            return target;
        }

        private static Uri Throw(string id, string message) => throw new AchieveItException(id, message);
    }
}
