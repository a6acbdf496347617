using System;

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

        private static string UnreadableOf(PlanItem item)
        {
            foreach (var field in item.GetFields())
            {
                var name = PlanFile.NameKey(field.Key);
                var text = field.Value as string;
                if (string.IsNullOrWhiteSpace(text)) continue;
                if (name == "lastupdated" && !item.LastUpdated.HasValue) return $"Last Updated '{Shorten(text)}' of item '{IssueText(item.ExternalId)}'";
                if (name == "currentvalue" && !item.CurrentValue.HasValue) return $"Current Value '{Shorten(text)}' of item '{IssueText(item.ExternalId)}'";
            }

            return null;
        }

        private static string IssueText(string id) => Rules.IssueFactory.Shorten(id);

        private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 37) + "...";
    }
}
