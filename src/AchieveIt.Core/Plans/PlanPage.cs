using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Xml;
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

        private PlanPage(IReadOnlyList<PlanItem> items, long? total, long bytes)
        {
            Items = items;
            Total = total;
            Bytes = bytes;
        }

        /// <summary>The size of the answer read (characters), for the plan's byte budget.</summary>
        public long Bytes { get; }

        public IReadOnlyList<PlanItem> Items { get; }

        /// <summary>The number of items in the whole plan, when the answer says.</summary>
        public long? Total { get; }

        /// <summary>The most items one answer may hold, read or not: a page holds at most the 1,500 the vendor allows.</summary>
        public const int MaxItemsPerAnswer = 10_000;

        /// <summary>The longest text a plan field may hold: no update carries more (64 KiB), so no plan needs more.</summary>
        public const int MaxFieldLength = Csv.CsvRecordReader.MaxFieldLength;

        /// <summary>Reads a page; PlanAnswerInvalid (showing the answer's start, never the key) when it is not one.</summary>
        public static PlanPage Parse(string text, string planId) => Parse(text, planId, PlanReader.PageSize, default);

        /// <summary>
        /// Reads a page item by item, keeping at most <paramref name="keep"/> items (those past it are read and dropped,
        /// up to <see cref="MaxItemsPerAnswer"/>, then the answer is PlanAnswerInvalid), so a page of millions of empty
        /// objects costs no more memory than <paramref name="keep"/> items. Each item nests at most
        /// <see cref="JsonText.MaxDepth"/> levels, no field is longer than <see cref="MaxFieldLength"/>, and
        /// <paramref name="cancellation"/> (Ctrl+C, -Timeout) is honoured between items.
        /// </summary>
        public static PlanPage Parse(string text, string planId, int keep, CancellationToken cancellation)
        {
            if (string.IsNullOrWhiteSpace(text)) throw Invalid(planId, "is empty", text);
            var items = new List<PlanItem>();
            long? total = null;
            var sawArray = false;
            var seen = 0;
            try
            {
                using (var reader = JsonText.Reader(text))
                {
                    reader.MoveToContent();
                    var rootType = reader.GetAttribute("type") ?? "string";
                    if (rootType == "array")
                    {
                        sawArray = true;
                        ReadItems(reader, planId, text, keep, items, ref seen, cancellation);
                    }
                    else if (rootType == "object" && !reader.IsEmptyElement)
                    {
                        reader.ReadStartElement();
                        while (reader.MoveToContent() == XmlNodeType.Element)
                        {
                            var key = PlanFile.NameKey(reader.GetAttribute("item") ?? reader.LocalName);
                            var type = reader.GetAttribute("type") ?? "string";
                            if (!sawArray && type == "array" && ArrayNames.Contains(key))
                            {
                                sawArray = true;
                                ReadItems(reader, planId, text, keep, items, ref seen, cancellation);
                            }
                            else if (total == null && type == "number" && TotalNames.Contains(key))
                            {
                                var value = reader.ReadElementContentAsString();
                                if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count)) total = count;
                            }
                            else
                            {
                                reader.Skip(); // another member: read past, never kept
                            }
                        }
                    }
                    else
                    {
                        while (reader.Read())
                        {
                            // read to the end: text that is not JSON shows itself here
                        }
                    }
                }
            }
            catch (XmlException e)
            {
                throw Invalid(planId, JsonText.Problem(e), text);
            }
            catch (System.Runtime.Serialization.SerializationException)
            {
                throw Invalid(planId, "is not JSON", text);
            }

            if (!sawArray) throw Invalid(planId, "holds no array of items (a bare array, or one under 'items', 'data', 'planItems' or 'results')", text);
            return new PlanPage(items, total, text.Length);
        }

        // The array's items, one element at a time: the first `keep` become plan items, the rest are read past.
        private static void ReadItems(XmlReader reader, string planId, string text, int keep, List<PlanItem> items, ref int seen, CancellationToken cancellation)
        {
            if (reader.IsEmptyElement)
            {
                reader.Read();
                return;
            }

            reader.ReadStartElement();
            while (reader.MoveToContent() == XmlNodeType.Element)
            {
                cancellation.ThrowIfCancellationRequested();
                seen++;
                if (seen > MaxItemsPerAnswer) throw Invalid(planId, $"holds more than {MaxItemsPerAnswer:N0} items in one answer (a page holds at most {PlanReader.PageSize:N0})", text);
                if ((reader.GetAttribute("type") ?? "string") != "object") throw Invalid(planId, $"has an item (number {seen}) that is not an object", text);
                if (items.Count >= keep)
                {
                    reader.Skip();
                    continue;
                }

                var element = (XElement)XNode.ReadFrom(reader);
                items.Add(new PlanItem(planId, ObjectOf(element, 0, planId, text)));
            }

            reader.ReadEndElement();
        }

        private static Dictionary<string, object> ObjectOf(XElement element, int depth, string planId, string text)
        {
            var fields = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var member in element.Elements())
            {
                var name = JsonText.NameOf(member);
                if (name.Length > MaxFieldLength) throw Invalid(planId, $"has a field name longer than {MaxFieldLength / 1024} KiB", text);
                if (!fields.ContainsKey(name)) fields.Add(name, ValueOf(member, depth + 1, planId, text));
            }

            return fields;
        }

        private static object ValueOf(XElement element, int depth, string planId, string text)
        {
            switch (JsonText.TypeOf(element))
            {
                case "null": return null;
                case "boolean": return string.Equals(element.Value, "true", StringComparison.Ordinal);
                case "number":
                    return decimal.TryParse(element.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : (object)element.Value;
                case "object": return depth > MaxDepth ? (object)"(nested too deep)" : ObjectOf(element, depth, planId, text);
                case "array": return depth > MaxDepth ? (object)"(nested too deep)" : element.Elements().Select(e => ValueOf(e, depth + 1, planId, text)).ToArray();
                default:
                    var value = element.Value;
                    // No update carries a field this long, so no plan needs one: a server sending it is refused, not buffered page after page.
                    if (value.Length > MaxFieldLength) throw Invalid(planId, $"has a field ('{Rules.IssueFactory.Shorten(JsonText.NameOf(element))}') longer than {MaxFieldLength / 1024} KiB, more than any update carries", text);
                    return value;
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
