using System;

namespace AchieveIt.Http
{
    /// <summary>
    /// Redirects, followed by hand (DESIGN.md §5): at most five hops; never from https to http; the key only to
    /// the configured origin; an upload follows only 307/308 (which keep method and body), never a 301/302/303
    /// that would turn it into a GET.
    /// </summary>
    public static class RedirectPolicy
    {
        public const int MaxHops = 5;

        public static bool IsRedirect(int status) => status == 301 || status == 302 || status == 303 || status == 307 || status == 308;

        /// <summary>The next address, or an exception that says why the redirect is not followed.</summary>
        public static Uri Next(Uri current, int status, Uri location, bool isUpload, int hopsSoFar)
        {
            if (location == null)
            {
                return Throw(ErrorIds.RedirectRefused, $"The server answered {status} (redirect) without a Location header.");
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
