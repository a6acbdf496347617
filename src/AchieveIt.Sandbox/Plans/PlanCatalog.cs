using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AchieveIt.Plans;

namespace AchieveIt.Sandbox.Plans
{
    /// <summary>
    /// The plans the sandbox knows (from --items): the check every job's rows go through (the module's own
    /// <see cref="PlanItems"/>, so the two always agree) and each plan's items as the plan export serves them.
    /// The items file is a plan file (External ID, optional HasMetric) with optional Plan ID, Name, Status,
    /// Current Value and Last Updated columns; rows without a Plan ID belong to <see cref="DefaultPlanId"/>. As
    /// AchieveIt does, a processed job's updates change the items (<see cref="Apply"/>), so the export shows what was sent.
    /// </summary>
    public sealed class PlanCatalog
    {
        /// <summary>The plan ID of rows that name none; printed at start.</summary>
        public const string DefaultPlanId = "5a1d6b0e-8c3f-4b7a-9e21-3f0c2d4b6a10";

        private readonly Dictionary<string, List<SandboxPlanItem>> plans = new Dictionary<string, List<SandboxPlanItem>>(StringComparer.OrdinalIgnoreCase);
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, List<SandboxPlanItem>> sorted = new System.Collections.Concurrent.ConcurrentDictionary<string, List<SandboxPlanItem>>();

        private PlanCatalog(PlanItems check) => Check = check;

        /// <summary>No plan: every External ID is accepted, and the plan export knows no plan.</summary>
        public static PlanCatalog None { get; } = new PlanCatalog(null);

        /// <summary>The rule the jobs' rows are checked with, or null (no plan).</summary>
        public PlanItems Check { get; }

        public IEnumerable<string> PlanIds => plans.Keys;

        public static PlanCatalog Load(string path)
        {
            var builder = new PlanItems.Builder($"plan file '{path}'");
            var items = new List<(string PlanId, SandboxPlanItem Item)>();
            foreach (var row in PlanFile.Rows(path))
            {
                builder.Add(row.ExternalId, row.HasMetric, "line " + row.Line);
                var planId = row.Column("Plan ID");
                items.Add((string.IsNullOrWhiteSpace(planId) ? DefaultPlanId : planId.Trim(), new SandboxPlanItem
                {
                    Sequence = items.Count + 1,
                    ExternalId = row.ExternalId?.Trim() ?? string.Empty,
                    Name = row.Column("Name") ?? "Item " + row.ExternalId?.Trim(),
                    Status = row.Column("Status") ?? "On Track",
                    CurrentValue = decimal.TryParse(row.Column("Current Value"), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : (decimal?)null,
                    LastUpdated = DateTime.TryParse(row.Column("Last Updated"), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at) ? at : (DateTime?)null,
                    HasMetric = row.HasMetric ?? false,
                }));
            }

            var catalog = new PlanCatalog(builder.Build());
            foreach (var (planId, item) in items)
            {
                item.KeepOriginal();
                if (!catalog.plans.TryGetValue(planId, out var list)) catalog.plans.Add(planId, list = new List<SandboxPlanItem>());
                list.Add(item);
            }

            return catalog;
        }

        /// <summary>Held while items change and while a page of them is read.</summary>
        public object Gate { get; } = new object();

        /// <summary>
        /// A processed job's updates, applied to the items they name as AchieveIt applies them: the status and the current
        /// value each row gives, and Last Updated from its as-of date, unless the row is older than the item's last
        /// update (then the item keeps what it has).
        /// </summary>
        public void Apply(IEnumerable<Storage.AppliedUpdate> updates)
        {
            if (plans.Count == 0) return;
            lock (Gate)
            {
                var byId = plans.Values.SelectMany(p => p).GroupBy(i => i.ExternalId, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
                foreach (var update in updates)
                {
                    if (!byId.TryGetValue(update.ExternalId, out var items) || !DateTime.TryParse(update.AsOfDate, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var asOf)) continue;
                    foreach (var item in items)
                    {
                        if (item.LastUpdated.HasValue && asOf.Date < item.LastUpdated.Value.Date) continue;
                        if (!string.IsNullOrEmpty(update.Status)) item.Status = update.Status;
                        if (decimal.TryParse(update.MetricValue, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) item.CurrentValue = value;
                        item.LastUpdated = asOf;
                    }
                }

                sorted.Clear(); // the orders by status, value or date may have changed
            }
        }

        /// <summary>The items as the items file gave them (DELETE /sandbox/data: every applied update is gone).</summary>
        public void Reset()
        {
            lock (Gate)
            {
                foreach (var item in plans.Values.SelectMany(p => p)) item.Restore();
                sorted.Clear();
            }
        }

        /// <summary>A plan's items, in sequence order, or null when there is no such plan.</summary>
        public IReadOnlyList<SandboxPlanItem> Items(string planId) => plans.TryGetValue(planId, out var list) ? list : null;

        /// <summary>A plan's items in one order, sorted once and kept: a page costs the plan export no sort.</summary>
        public IReadOnlyList<SandboxPlanItem> Sorted(string planId, string sortKey, bool descending, Func<SandboxPlanItem, object> by) =>
            sorted.GetOrAdd(planId + "|" + sortKey + "|" + descending, _ =>
            {
                var items = plans[planId];
                return (descending ? items.OrderByDescending(by) : items.OrderBy(by)).ToList();
            });
    }

    /// <summary>One item of a sandbox plan, as the plan export serves it.</summary>
    public sealed class SandboxPlanItem
    {
        public int Sequence { get; set; }

        public string ExternalId { get; set; }

        public string Name { get; set; }

        public string Status { get; set; }

        public decimal? CurrentValue { get; set; }

        /// <summary>When the item was last updated (UTC): from the items file, then from each applied update.</summary>
        public DateTime? LastUpdated { get; set; }

        private (string Status, decimal? Value, DateTime? LastUpdated)? original;

        /// <summary>Remembers the item as loaded, for <see cref="Restore"/>.</summary>
        public void KeepOriginal() => original = (Status, CurrentValue, LastUpdated);

        public void Restore()
        {
            if (original is { } o) (Status, CurrentValue, LastUpdated) = o;
        }

        public bool HasMetric { get; set; }
    }
}
