using System;
using System.Linq;
using System.Text.RegularExpressions;

namespace AchieveIt.Http
{
    /// <summary>
    /// Finds the job in a submit answer. The vendor does not document its form, so this accepts a Location
    /// header, a bare token, a JSON string, or a JSON object with jobId/id (any case) and perhaps a status URL.
    /// </summary>
    public static class JobIdParser
    {
        private static readonly Regex Token = new Regex(@"^[A-Za-z0-9._:\-{}]{1,200}$", RegexOptions.CultureInvariant);
        private static readonly string[] IdMembers = { "jobId", "id", "job_id", "jobGuid" };
        private static readonly string[] UrlMembers = { "statusUrl", "statusUri", "location", "href", "url", "links" };

        /// <summary>The job ID and, when the answer names one, the status address.</summary>
        public static (string JobId, Uri StatusUri) Parse(string body, Uri location, Uri requestUri)
        {
            var text = (body ?? string.Empty).Trim();
            Uri statusUri = location == null ? null : (location.IsAbsoluteUri ? location : new Uri(requestUri, location));
            string jobId = null;
            var json = text.StartsWith("{", StringComparison.Ordinal) || text.StartsWith("\"", StringComparison.Ordinal) ? JsonText.Parse(text) : null;
            if (json != null && JsonText.TypeOf(json) == "object")
            {
                jobId = IdMembers.Select(m => JsonText.Scalar(JsonText.Member(json, m))).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
                if (statusUri == null)
                {
                    var url = UrlMembers.Select(m => JsonText.Scalar(JsonText.Member(json, m))).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
                    if (url != null && Uri.TryCreate(requestUri, url, out var resolved)) statusUri = resolved;
                }
            }
            else if (json != null && JsonText.TypeOf(json) == "string")
            {
                jobId = json.Value.Trim();
            }
            else if (json == null && Token.IsMatch(text))
            {
                jobId = text;
            }
            else if (json == null && Uri.TryCreate(text, UriKind.Absolute, out var bodyUrl) && (bodyUrl.Scheme == Uri.UriSchemeHttps || bodyUrl.Scheme == Uri.UriSchemeHttp))
            {
                statusUri = statusUri ?? bodyUrl;
            }

            if (string.IsNullOrEmpty(jobId) && statusUri != null) jobId = Uri.UnescapeDataString(statusUri.Segments.Last().Trim('/'));
            if (string.IsNullOrEmpty(jobId) || !Token.IsMatch(jobId))
            {
                var shown = text.Length > 200 ? text.Substring(0, 200) + "..." : text;
                throw new AchieveItException(ErrorIds.NoJobId,
                    $"The server queued the file (200) but its answer holds no job ID that can be read: '{shown}'. " +
                    "The job may exist in AchieveIt; do not resubmit before checking there.");
            }

            return (jobId, statusUri);
        }
    }
}
