using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using AchieveIt.Http;

namespace AchieveIt.Plans
{
    /// <summary>
    /// One page of the plan export, read from what the server sends rather than one guess (the vendor does not
    /// document the body): a bare JSON array of items, or an object holding the array under items, data, planItems,
    /// results or value, with an optional total (total, totalCount, count). Names are matched ignoring case, spaces
    /// and underscores; numbers are read in the invariant culture.
    /// </summary>
    public sealed class PlanPage
    {
        private const int MaxDepth = 32;
        private static readonly string[] ArrayNames = { "items", "data", "planitems", "results", "value" };
        private static readonly string[] TotalNames = { "total", "totalcount", "count", "totalitems" };

        private PlanPage(IReadOnlyList<PlanItem> items, long? total)
        {
            Items = items;
            Total = total;
        }

        public IReadOnlyList<PlanItem> Items { get; }

        /// <summary>The number of items in the whole plan, when the answer says.</summary>
        public long? Total { get; }

        /// <summary>Reads a page; PlanAnswerInvalid (showing the answer's start, never the key) when it is not one.</summary>
        public static PlanPage Parse(string text, string planId)
        {
            var root = JsonText.Parse(text, out var problem);
            if (root == null) throw Invalid(planId, problem, text);
            XElement array = null;
            long? total = null;
            if (JsonText.TypeOf(root) == "array") array = root;
            else if (JsonText.TypeOf(root) == "object")
            {
                foreach (var member in root.Elements())
                {
                    var key = PlanFile.NameKey(JsonText.NameOf(member));
                    if (array == null && JsonText.TypeOf(member) == "array" && ArrayNames.Contains(key)) array = member;
                    else if (total == null && JsonText.TypeOf(member) == "number" && TotalNames.Contains(key) &&
                             long.TryParse(member.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count)) total = count;
                }
            }

            if (array == null) throw Invalid(planId, "holds no array of items (a bare array, or one under 'items', 'data', 'planItems' or 'results')", text);
            var items = new List<PlanItem>();
            foreach (var element in array.Elements())
            {
                if (JsonText.TypeOf(element) != "object") throw Invalid(planId, $"has an item (number {items.Count + 1}) that is not an object", text);
                items.Add(new PlanItem(planId, ObjectOf(element, 0)));
            }

            return new PlanPage(items, total);
        }

        private static Dictionary<string, object> ObjectOf(XElement element, int depth)
        {
            var fields = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var member in element.Elements())
            {
                var name = JsonText.NameOf(member);
                if (!fields.ContainsKey(name)) fields.Add(name, ValueOf(member, depth + 1));
            }

            return fields;
        }

        private static object ValueOf(XElement element, int depth)
        {
            switch (JsonText.TypeOf(element))
            {
                case "null": return null;
                case "boolean": return string.Equals(element.Value, "true", StringComparison.Ordinal);
                case "number":
                    return decimal.TryParse(element.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : (object)element.Value;
                case "object": return depth > MaxDepth ? (object)"(nested too deep)" : ObjectOf(element, depth);
                case "array": return depth > MaxDepth ? (object)"(nested too deep)" : element.Elements().Select(e => ValueOf(e, depth + 1)).ToArray();
                default: return element.Value;
            }
        }

        private static AchieveItException Invalid(string planId, string what, string text) =>
            new AchieveItException(ErrorIds.PlanAnswerInvalid,
                $"The answer for plan '{planId}' {what}, so the plan's items cannot be read. It began: {Start(text)} " +
                "Check -BaseUri and the plan path (ACHIEVEIT_PLAN_PATH); the older form of the export is exports/plans/{planId}.");

        // The answer's first characters, control characters shown escaped: enough to see what the server sent.
        private static string Start(string text)
        {
            var start = (text ?? string.Empty).Length > 160 ? text.Substring(0, 160) + "..." : text ?? string.Empty;
            return "'" + string.Concat(start.Select(c => char.IsControl(c) ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : c.ToString())) + "'.";
        }
    }
}
