using System;

namespace AchieveIt.Plans
{
    /// <summary>
    /// Sets a valid update beside the plan item it names and says what it would change: the rules of
    /// Compare-AchieveItUpdate. Statuses compare as AchieveIt compares them (case does not matter), values as numbers
    /// (0.45 = 0.450), dates by day. A field the row does not carry is not compared; a field the row carries and the plan
    /// does not give makes the row NotCompared (never NoChange). Older wins over everything: a stale row is the one an
    /// admin must see.
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

        private static ChangeType Kind(string status, decimal? value, DateTime asOfDate, string comment, PlanItem item)
        {
            if (item.LastUpdated.HasValue && asOfDate.Date < item.LastUpdated.Value.Date) return ChangeType.Older;
            var statusGiven = !string.IsNullOrEmpty(status);
            if ((statusGiven && string.IsNullOrEmpty(item.Status)) || (value.HasValue && !item.CurrentValue.HasValue)) return ChangeType.NotCompared;
            var statusMoves = statusGiven && !string.Equals(status.Trim(), item.Status.Trim(), StringComparison.OrdinalIgnoreCase);
            var valueMoves = value.HasValue && value.Value != item.CurrentValue.Value; // decimal equality ignores trailing zeros
            return statusMoves || valueMoves || comment.Length > 0 ? ChangeType.Modify : ChangeType.NoChange;
        }
    }
}
