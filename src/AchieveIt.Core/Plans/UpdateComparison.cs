using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace AchieveIt.Plans
{
    /// <summary>
    /// Sets a valid update beside the plan item it names and says what it would change: the rules of
    /// Compare-AchieveItUpdate. Statuses compare as AchieveIt compares them (case does not matter), values as numbers
    /// (0.45 = 0.450), dates by day. A field the row does not carry is not compared. Older wins over everything (a stale
    /// row is the one an admin must see); then a change that is certain (a status or value that differs, a comment) is
    /// Modify; then a field the row carries and the plan does not give makes the row NotCompared (never NoChange).
    /// </summary>
    public static class UpdateComparison
    {
        public static UpdateChange Compare(IUpdate update, PlanItem item, string address)
        {
            if (update == null) throw new ArgumentNullException(nameof(update));
            if (item == null) throw new ArgumentNullException(nameof(item));
            var status = (update as ProgressUpdate)?.Status;
            var value = update is ProgressUpdate progress ? progress.MetricValue : update is MetricUpdate metric ? metric.MetricValue : (decimal?)null;
            var comment = update.Comment ?? string.Empty;
            return new UpdateChange(update.ExternalId, item.Name, Kind(status, value, update.AsOfDate, comment, item), item.Status, string.IsNullOrEmpty(status) ? null : status,
                item.CurrentValue, value, item.LastUpdated, update.AsOfDate, comment, address, item.PlanId);
        }

        /// <summary>The item as AchieveIt leaves it after this update (a later row of the same item is compared with it).</summary>
        public static PlanItem After(IUpdate update, PlanItem item)
        {
            if (item.LastUpdated.HasValue && update.AsOfDate.Date < Day(item.LastUpdated.Value)) return item; // an older row changes nothing
            var fields = new Dictionary<string, object>(item.GetFields());
            foreach (var key in fields.Keys.ToList())
            {
                var name = PlanFile.NameKey(key);
                if (name == "status" || name == "currentvalue" || name == "lastupdated") fields.Remove(key);
            }

            var status = (update as ProgressUpdate)?.Status;
            var value = update is ProgressUpdate progress ? progress.MetricValue : update is MetricUpdate metric ? metric.MetricValue : (decimal?)null;
            fields["status"] = string.IsNullOrWhiteSpace(status) ? item.Status : status;
            fields["currentValue"] = value ?? item.CurrentValue;
            fields["lastUpdated"] = update.AsOfDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return new PlanItem(item.PlanId, fields);
        }

        /// <summary>What of the item's state is there but cannot be read ("Last Updated 'garbage' of item 'KPI-1'"), or null.</summary>
        public static string Unreadable(PlanItem item)
        {
            foreach (var field in item.GetFields())
            {
                var name = PlanFile.NameKey(field.Key);
                var text = field.Value as string;
                if (string.IsNullOrWhiteSpace(text)) continue;
                if (name == "lastupdated" && !item.LastUpdated.HasValue) return $"Last Updated '{Shorten(text)}' of item '{item.ExternalId}'";
                if (name == "currentvalue" && !item.CurrentValue.HasValue) return $"Current Value '{Shorten(text)}' of item '{item.ExternalId}'";
            }

            return null;
        }

        private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 37) + "...";

        private static ChangeType Kind(string status, decimal? value, DateTime asOfDate, string comment, PlanItem item)
        {
            if (item.LastUpdated.HasValue && asOfDate.Date < Day(item.LastUpdated.Value)) return ChangeType.Older;
            if (!item.LastUpdated.HasValue && Unreadable(item)?.StartsWith("Last Updated", StringComparison.Ordinal) == true) return ChangeType.NotCompared; // it may be older: nothing can be said
            var statusGiven = !string.IsNullOrWhiteSpace(status);
            var statusKnown = !string.IsNullOrWhiteSpace(item.Status);
            var statusMoves = statusGiven && statusKnown && !string.Equals(status.Trim(), item.Status.Trim(), StringComparison.OrdinalIgnoreCase);
            var valueMoves = value.HasValue && item.CurrentValue.HasValue && value.Value != item.CurrentValue.Value; // decimal equality ignores trailing zeros
            if (statusMoves || valueMoves || comment.Length > 0) return ChangeType.Modify; // a change that is certain, whatever cannot be compared
            if ((statusGiven && !statusKnown) || (value.HasValue && !item.CurrentValue.HasValue)) return ChangeType.NotCompared;
            return ChangeType.NoChange;
        }

        // The day of the item's last update: a time with an offset or in UTC is taken as UTC (AchieveIt's clock), whatever
        // this machine's time zone; a bare date is that date.
        private static DateTime Day(DateTime at) => (at.Kind == DateTimeKind.Unspecified ? at : at.ToUniversalTime()).Date;
    }
}
