using System;
using System.Collections;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AchieveIt.Plans;

namespace AchieveIt.Http
{
    /// <summary>
    /// Reads a plan's items from AchieveIt's plan export (GET {base}/plans/{planId}/items, beta), a page at a time,
    /// through the same connection as the update API. The end is an empty page, or the total the answer gives;
    /// a page shorter than asked is not (a server may cap take lower than the vendor's article says). A page that
    /// repeats the one before (a server that ignores skip) or more than <see cref="MaxPages"/> pages is
    /// PlanPagingBroken, never an endless loop. Holds no state about one plan: <see cref="PlanPager"/> does.
    /// </summary>
    public sealed class PlanReader
    {
        /// <summary>Items asked for in one request: the most one revision of the vendor's article allows.</summary>
        public const int PageSize = 1500;

        /// <summary>The largest page read; a larger answer is refused (PlanAnswerInvalid), not buffered past it.</summary>
        public const int MaxPageBytes = 32 * 1024 * 1024;

        /// <summary>The most pages read for one plan (at 1,500 items a page, 150 million items).</summary>
        public const int MaxPages = 100_000;

        /// <summary>The most a whole plan's answers may hold (characters, about bytes): 1 GiB, far more than a plan of 100,000 items takes.</summary>
        public const long MaxPlanBytes = 1024L * 1024 * 1024;

        /// <summary>The plan export's path, relative to the base address; overridden by <see cref="PathVariable"/>.</summary>
        public const string DefaultPath = "plans/{planId}/items";

        /// <summary>The vendor's older revision of the path.</summary>
        public const string OlderPath = "exports/plans/{planId}";

        public const string PathVariable = "ACHIEVEIT_PLAN_PATH";

        private readonly ApiConnection connection;
        private readonly string path;

        public PlanReader(ApiConnection connection, string pathTemplate = null)
        {
            this.connection = connection ?? throw new ArgumentNullException(nameof(connection));
            path = string.IsNullOrWhiteSpace(pathTemplate) ? DefaultPath : pathTemplate.Trim().TrimStart('/');
        }

        /// <summary>How long one page may take.</summary>
        public TimeSpan PageTimeout { get; set; } = TimeSpan.FromSeconds(100);

        /// <summary>The path template the environment names (ACHIEVEIT_PLAN_PATH), or null for the default; InvalidSetting when it has no {planId}.</summary>
        public static string PathFrom(IDictionary variables)
        {
            var text = variables?[PathVariable] as string;
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (text.IndexOf("{planId}", StringComparison.Ordinal) < 0)
            {
                throw new AchieveItException(ErrorIds.InvalidSetting, $"{PathVariable} must contain {{planId}}, such as {DefaultPath} (or the older {OlderPath}).");
            }

            return text;
        }

        /// <summary>The address of one page.</summary>
        public Uri PageUri(string planId, long skip, int take, string sortKey, bool descending)
        {
            var relative = path.Replace("{planId}", Uri.EscapeDataString(planId)) +
                           $"?skip={skip.ToString(CultureInfo.InvariantCulture)}&take={take.ToString(CultureInfo.InvariantCulture)}" +
                           (string.IsNullOrEmpty(sortKey) ? string.Empty : "&sortKey=" + Uri.EscapeDataString(sortKey) + "&sortDirection=" + (descending ? "desc" : "asc"));
            var uri = new Uri(connection.BaseUri.AbsoluteUri.TrimEnd('/') + "/" + relative);
            if (!UriRules.SameOrigin(uri, connection.BaseUri)) throw new AchieveItException(ErrorIds.InvalidSetting, $"{PathVariable} must be a path on the API's address, such as {DefaultPath}.");
            return uri;
        }

        /// <summary>Reads one page: its items, its total when given, and a fingerprint of its text.</summary>
        public async Task<(PlanPage Page, string Fingerprint)> ReadPageAsync(string planId, long skip, int take, string sortKey, bool descending, CancellationToken cancellation)
        {
            var uri = PageUri(planId, skip, take, sortKey, descending);
            var answer = await connection.GetWithRetriesAsync(uri, PageTimeout, cancellation,
                (e, why) => new AchieveItException(ErrorIds.PlanUnavailable, $"Could not read plan '{planId}' at {ApiConnection.Where(uri)} ({why}). Nothing was changed; try again later.", e),
                MaxPageBytes).ConfigureAwait(false);
            switch (answer.Status)
            {
                case 200:
                    if (answer.Truncated)
                    {
                        throw new AchieveItException(ErrorIds.PlanAnswerInvalid,
                            $"A page of plan '{planId}' is larger than {MaxPageBytes / (1024 * 1024)} MiB, more than the module reads at once, so it was refused. Ask for smaller pages (-First), or check -BaseUri.");
                    }

                    return (PlanPage.Parse(answer.Text, planId, take, cancellation), Fingerprint(answer.Text));
                case 401:
                    throw connection.KeyRefused(401, answer.Uri);
                case 403:
                    throw new AchieveItException(ErrorIds.PlanForbidden,
                        $"AchieveIt refused to show plan '{planId}' to this key ({connection.Settings.Key.Hint}): 403 at {ApiConnection.Where(answer.Uri)}. " +
                        "The key's user needs view access to the plan: share the plan with that user in AchieveIt, or use a key of a user who can see it.", null, 403);
                case 404:
                    var hasPath = connection.BaseUri.AbsolutePath.Trim('/').Length > 0 || path != DefaultPath;
                    throw new AchieveItException(ErrorIds.PlanNotFound,
                        $"AchieveIt knows no plan '{planId}' (404 at {ApiConnection.Where(answer.Uri)}). The plan ID may be wrong: copy it from the plan card's Options menu ('Copy Plan ID') of the plan's root item. " +
                        (hasPath
                            ? $"The address has a path of its own, so check -BaseUri and the export's path too: this one is {path}; the vendor's older form is {OlderPath} ({PathVariable})."
                            : "Check -BaseUri or -Environment too: a plan of the government environment is not found on the commercial one."), null, 404);
                case 400:
                    // The server refused the request itself (a sortKey it does not take, a bad skip): its words say what.
                    throw new AchieveItException(ErrorIds.PlanRequestRefused,
                        $"AchieveIt refused the request for plan '{planId}': 400 at {ApiConnection.Where(answer.Uri)}. {ServerText.Summarise(answer.Text)} " +
                        "Check the parameters (-SortBy takes the sort keys that tab-complete).", null, 400);
                default:
                    throw new AchieveItException(ApiConnection.IsPassingFault(answer.Status) || answer.Status >= 500 ? ErrorIds.PlanUnavailable : ErrorIds.PlanAnswerInvalid,
                        $"Plan '{planId}' could not be read: AchieveIt answered {answer.Status} at {ApiConnection.Where(answer.Uri)}. {ServerText.Summarise(answer.Text)}".Trim(), null, answer.Status);
            }
        }

        private static string Fingerprint(string text)
        {
            using (var sha = SHA256.Create()) return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(text)));
        }
    }
}
