using System;
using System.Globalization;

namespace AchieveIt.Plans
{
    /// <summary>
    /// What the plan says of one item now, all a comparison needs and no more (a million items stay small): its name,
    /// status, current value and last update, and what of them was there but could not be read.
    /// </summary>
    public sealed class ItemState
    {
        /// <summary>An item the plan gives nothing about: every row that carries a field is NotCompared.</summary>
        public static readonly ItemState None = new ItemState(string.Empty, null, null, null, null, null);

        public ItemState(string planId, string name, string status, decimal? currentValue, DateTime? lastUpdated, string unreadable)
        {
            PlanId = planId ?? string.Empty;
            Name = name;
            Status = status;
            CurrentValue = currentValue;
            LastUpdated = lastUpdated;
            Unreadable = unreadable;
        }

        public string PlanId { get; }

        public string Name { get; }

        public string Status { get; }

        public decimal? CurrentValue { get; }

        public DateTime? LastUpdated { get; }

        /// <summary>What of the item's state is there but cannot be read ("Last Updated 'garbage' of item 'KPI-1'"), or null.</summary>
        public string Unreadable { get; }

        /// <summary>True when the plan gives the item a status, a value or a last update (else it is <see cref="None"/> but for its name).</summary>
        public bool HasState => !string.IsNullOrWhiteSpace(Status) || CurrentValue.HasValue || LastUpdated.HasValue || Unreadable != null;

        /// <summary>The state of a plan item as Get-AchieveItPlanItem or a plan file gives it.</summary>
        public static ItemState Of(PlanItem item)
        {
            if (item == null) throw new ArgumentNullException(nameof(item));
            return new ItemState(item.PlanId, item.Name, item.Status, item.CurrentValue, item.LastUpdated, UnreadableOf(item));
        }

        /// <summary>
        /// The state of an item given as fields (a plan file's columns, an object's properties): a value as a number or as
        /// text, a last update as a date or as text. Text is read as AchieveIt writes it (0.45, ISO dates) or else as
        /// <paramref name="culture"/> writes it (Export-Csv in de-DE writes 0,45 and 20.11.2026); what neither reads is
        /// <see cref="Unreadable"/>.
        /// </summary>
        public static ItemState Read(string externalId, string planId, string name, string status, object value, object lastUpdated, CultureInfo culture)
        {
            string unreadable = null;
            var number = Number(value, culture);
            if (!number.HasValue && value is string valueText && valueText.Trim().Length > 0) unreadable = $"Current Value '{Shorten(valueText)}' of item '{IssueText(externalId)}'";
            var at = Date(lastUpdated, culture);
            if (!at.HasValue && lastUpdated is string dateText && dateText.Trim().Length > 0) unreadable = $"Last Updated '{Shorten(dateText)}' of item '{IssueText(externalId)}'";
            return new ItemState(planId, name, status, number, at, unreadable);
        }

        private static decimal? Number(object value, CultureInfo culture)
        {
            switch (value)
            {
                case decimal number: return number;
                case double real when !double.IsNaN(real) && !double.IsInfinity(real) && Math.Abs(real) < 7.9e28: return (decimal)real;
                case float single when !float.IsNaN(single) && !float.IsInfinity(single) && Math.Abs(single) < 7.9e28f: return (decimal)single;
                case int whole: return whole;
                case long big: return big;
                case string text when text.Trim().Length > 0:
                    return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ||
                           decimal.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, culture, out parsed) ? parsed : (decimal?)null;
                default: return null;
            }
        }

        private static DateTime? Date(object value, CultureInfo culture)
        {
            switch (value)
            {
                case DateTime at: return at;
                case DateTimeOffset offset: return offset.UtcDateTime;
                case string text when text.Trim().Length > 0:
                    if (IsoDate(text)) return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var iso) ? iso : (DateTime?)null;
                    return DateTime.TryParse(text, culture, DateTimeStyles.None, out var local) ? local : (DateTime?)null;
                default: return null;
            }
        }

        private static bool IsoDate(string text)
        {
            text = text.Trim();
            return text.Length >= 10 && char.IsDigit(text[0]) && char.IsDigit(text[3]) && text[4] == '-' && text[7] == '-';
        }

        // A Last Updated or Current Value the item has as text that did not read (its typed property is null): two lookups, no scan.
        private static string UnreadableOf(PlanItem item)
        {
            if (!item.LastUpdated.HasValue && item.Value("lastupdated") is string date && date.Trim().Length > 0) return $"Last Updated '{Shorten(date)}' of item '{IssueText(item.ExternalId)}'";
            if (!item.CurrentValue.HasValue && item.Value("currentvalue") is string value && value.Trim().Length > 0) return $"Current Value '{Shorten(value)}' of item '{IssueText(item.ExternalId)}'";
            return null;
        }

        private static string IssueText(string id) => Rules.IssueFactory.Shorten(id);

        private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 37) + "...";
    }
}
