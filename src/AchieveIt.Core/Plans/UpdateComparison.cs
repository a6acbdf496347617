using System;

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
        public static UpdateChange Compare(IUpdate update, ItemState item, string address)
        {
            if (update == null) throw new ArgumentNullException(nameof(update));
            if (item == null) throw new ArgumentNullException(nameof(item));
            var status = StatusOf(update);
            var value = ValueOf(update);
            var comment = update.Comment ?? string.Empty;
            return new UpdateChange(update.ExternalId, item.Name, Kind(status, value, update.AsOfDate, comment, item), item.Status, string.IsNullOrEmpty(status) ? null : status,
                item.CurrentValue, value, item.LastUpdated, update.AsOfDate, comment, address, item.PlanId);
        }

        /// <summary>The item as AchieveIt leaves it after this update (a later row of the same item is compared with it).</summary>
        public static ItemState After(IUpdate update, ItemState item)
        {
            if (IsOlder(update.AsOfDate, item)) return item; // an older row changes nothing
            var status = StatusOf(update);
            return new ItemState(item.PlanId, item.Name, string.IsNullOrWhiteSpace(status) ? item.Status : status, ValueOf(update) ?? item.CurrentValue,
                update.AsOfDate.Date, null);
        }

        private static string StatusOf(IUpdate update) => (update as ProgressUpdate)?.Status;

        private static decimal? ValueOf(IUpdate update) =>
            update is ProgressUpdate progress ? progress.MetricValue : update is MetricUpdate metric ? metric.MetricValue : (decimal?)null;

        private static bool IsOlder(DateTime asOfDate, ItemState item) => item.LastUpdated.HasValue && asOfDate.Date < Day(item.LastUpdated.Value);

        private static ChangeType Kind(string status, decimal? value, DateTime asOfDate, string comment, ItemState item)
        {
            if (IsOlder(asOfDate, item)) return ChangeType.Older;
            if (!item.LastUpdated.HasValue && item.Unreadable?.StartsWith("Last Updated", StringComparison.Ordinal) == true) return ChangeType.NotCompared; // it may be older: nothing can be said
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
