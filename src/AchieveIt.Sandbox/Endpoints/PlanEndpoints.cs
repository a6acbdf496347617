using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AchieveIt.Sandbox.Plans;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AchieveIt.Sandbox.Endpoints
{
    /// <summary>
    /// The plan export (beta in the vendor's article): GET /plans/{planId}/items (and the older /exports/plans/{planId})
    /// with skip, take (capped: --plan-take-cap, 1,500 by default), sortKey and sortDirection. Its answer's shape is
    /// this sandbox's guess, since the vendor shows none: {"items":[...],"total":N}, or a bare array with
    /// --plan-shape array, and field names in camelCase (--plan-spelling snake or pascal for others). A key named by
    /// --no-plan-access gets 403; --plan-ignore-skip serves a broken server.
    /// </summary>
    public static class PlanEndpoints
    {
        // Every sort key the vendor's article lists takes here (the module's -SortBy completes exactly these); keys of
        // fields this sandbox's items do not have sort by sequence, as a plan whose items all leave that field empty would.
        /// <summary>The sort keys of the vendor's article, in its order.</summary>
        public static readonly string[] DocumentedSortKeys =
        {
            "sequenceId", "name", "level", "status", "start", "due", "currentValue", "lastUpdated", "assignedToFullName", "updates", "alignsTo",
            "assignedByFullName", "assignedToEmailAddress", "baseline", "target", "created", "dependentOn", "description",
        };

        private static readonly Dictionary<string, Func<SandboxPlanItem, object>> SortKeys = BuildSortKeys(); // after the array it reads

        private static Dictionary<string, Func<SandboxPlanItem, object>> BuildSortKeys()
        {
            var keys = new Dictionary<string, Func<SandboxPlanItem, object>>(StringComparer.OrdinalIgnoreCase);
            foreach (var key in DocumentedSortKeys) keys[key] = i => i.Sequence;
            keys["name"] = i => i.Name;
            keys["status"] = i => i.Status;
            keys["currentValue"] = i => i.CurrentValue ?? decimal.MinValue;
            keys["lastUpdated"] = i => i.LastUpdated ?? DateTime.MinValue;
            keys["externalId"] = i => i.ExternalId; // not the vendor's: kept for the sandbox's own tests
            return keys;
        }

        public static void MapPlans(this IEndpointRouteBuilder app)
        {
            app.MapGet("/plans/{planId}/items", (HttpContext context, string planId, PlanCatalog catalog, SandboxOptions options) => Items(context, planId, catalog, options));
            app.MapGet("/exports/plans/{planId}", (HttpContext context, string planId, PlanCatalog catalog, SandboxOptions options) => Items(context, planId, catalog, options));
        }

        private static IResult Items(HttpContext context, string planId, PlanCatalog catalog, SandboxOptions options)
        {
            var key = context.Request.Headers.Authorization.ToString();
            if (options.NoPlanAccessKeys.Any(k => key == "API-KEY " + k)) return Results.Json(new { message = "The key's user cannot see this plan." }, statusCode: 403);
            var items = catalog.Items(planId);
            if (items == null) return Results.Json(new { message = $"No plan '{planId}'." }, statusCode: 404);
            var query = context.Request.Query;
            var skip = options.PlanIgnoresSkip ? 0 : (int)Math.Min(int.MaxValue, long.TryParse(query["skip"], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0);
            var take = Math.Min(Number(query["take"], 100), options.PlanTakeCap);
            var sortKey = query["sortKey"].ToString();
            if (string.IsNullOrEmpty(sortKey)) sortKey = "sequenceId";
            if (!SortKeys.TryGetValue(sortKey, out var by)) return Results.Json(new { message = $"sortKey '{sortKey}' is not one this sandbox sorts by: {string.Join(", ", SortKeys.Keys)}." }, statusCode: 400);
            List<Dictionary<string, object>> page;
            lock (catalog.Gate) // a job's updates change items: a page is read whole, before or after them
            {
                var sorted = catalog.Sorted(planId, sortKey.ToLowerInvariant(), string.Equals(query["sortDirection"], "desc", StringComparison.OrdinalIgnoreCase), by);
                page = sorted.Skip(skip).Take(take).Select(i => WithFields(Item(i, options.PlanSpelling), options.PlanFields)).ToList();
            }

            return options.PlanShape == "array" ? Results.Json(page) : Results.Json(new Dictionary<string, object> { [Name("items", options.PlanSpelling)] = page, ["total"] = items.Count });
        }

        // One item under the field names of the spelling asked for (camel: externalId; snake: external_id; pascal: ExternalID).
        private static Dictionary<string, object> Item(SandboxPlanItem i, string spelling) => new Dictionary<string, object>
        {
            [Name("id", spelling)] = "item-" + i.Sequence.ToString(CultureInfo.InvariantCulture),
            [Name("externalId", spelling)] = i.ExternalId,
            [Name("name", spelling)] = i.Name,
            [Name("status", spelling)] = i.Status,
            [Name("currentValue", spelling)] = i.CurrentValue,
            [Name("lastUpdated", spelling)] = i.LastUpdated?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            [Name("hasMetric", spelling)] = i.HasMetric,
            [Name("sequenceId", spelling)] = i.Sequence,
            [Name("level", spelling)] = 1,
        };

        private static Dictionary<string, object> WithFields(Dictionary<string, object> item, List<string> fields)
        {
            foreach (var field in fields)
            {
                var equals = field.IndexOf('=');
                if (equals > 0) item[field.Substring(0, equals)] = field.Substring(equals + 1);
            }

            return item;
        }

        private static string Name(string camel, string spelling)
        {
            switch (spelling)
            {
                case "snake": return string.Concat(camel.Select(c => char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : c.ToString()));
                case "pascal": return char.ToUpperInvariant(camel[0]) + camel.Substring(1).Replace("Id", "ID");
                default: return camel;
            }
        }

        private static int Number(string text, int fallback) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : fallback;
    }
}
