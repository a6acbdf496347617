using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace AchieveIt.Plans
{
    /// <summary>
    /// The plan's items as they are now, and each valid row compared with its item in turn (<see cref="UpdateComparison"/>):
    /// a later row of an item is compared with the item as the rows before it leave it, as AchieveIt applies them.
    /// Counts each change type, and which rows -ExcludeChangeType leaves out. One thread at a time.
    /// </summary>
    public sealed class PlanComparer
    {
        /// <summary>How many External IDs a warning about left-out rows names.</summary>
        public const int NamedIds = 20;

        private readonly Dictionary<string, ItemState> states = new Dictionary<string, ItemState>(StringComparer.OrdinalIgnoreCase);
        private readonly bool[] excluded = new bool[4];
        private readonly bool keepNames;
        private readonly Dictionary<string, string> shared = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly long[] counts = new long[4];
        private readonly long[] left = new long[4];
        private readonly List<string>[] leftIds = { new List<string>(), new List<string>(), new List<string>(), new List<string>() };

        /// <param name="exclude">The change types whose rows are left out (-ExcludeChangeType), or null.</param>
        /// <param name="keepNames">Whether the items' names are kept for the changes (Compare-AchieveItUpdate writes them).</param>
        public PlanComparer(IEnumerable<ChangeType> exclude = null, bool keepNames = true)
        {
            this.keepNames = keepNames;
            foreach (var type in exclude ?? Enumerable.Empty<ChangeType>()) excluded[(int)type] = true;
        }

        /// <summary>Items with a state (a status, a value or a last update): none, and every row is NotCompared.</summary>
        public int Stated { get; private set; }

        /// <summary>Items whose Current Value or Last Updated is there but cannot be read.</summary>
        public int UnreadableCount { get; private set; }

        /// <summary>The first of them ("Last Updated 'garbage' of item 'KPI-1'"), or null.</summary>
        public string FirstUnreadable { get; private set; }

        /// <summary>Whether an item's name alone is worth keeping (Compare writes it).</summary>
        public bool KeepsNames => keepNames;

        /// <summary>True when some change type is left out.</summary>
        public bool Excludes => excluded.Any(e => e);

        /// <summary>Adds an item; the first of an External ID wins, as the plan check's does.</summary>
        public void Add(PlanItem item)
        {
            if (item != null) Add(item.ExternalId, ItemState.Of(item));
        }

        /// <summary>
        /// Adds an item's state; the first of an External ID wins. An item with no state is kept only for its name, when
        /// names are kept (Compare writes them; Submit does not need them): a plan of bare IDs costs nothing here.
        /// </summary>
        public void Add(string externalId, ItemState state)
        {
            if (string.IsNullOrWhiteSpace(externalId) || state == null) return;
            var id = externalId.Trim();
            if (states.ContainsKey(id)) return;
            if (state.Unreadable != null)
            {
                UnreadableCount++;
                FirstUnreadable = FirstUnreadable ?? state.Unreadable;
            }

            if (state.HasState) Stated++;
            if (!state.HasState && !(keepNames && !string.IsNullOrEmpty(state.Name))) return;
            var status = Shared(state.Status);
            var planId = Shared(state.PlanId);
            var name = keepNames ? Bounded(state.Name) : null;
            if (!ReferenceEquals(status, state.Status) || !ReferenceEquals(planId, state.PlanId) || !ReferenceEquals(name, state.Name))
            {
                state = new ItemState(planId, name, status, state.CurrentValue, state.LastUpdated, state.Unreadable);
            }

            states.Add(id, state);
        }

        // A status or a plan ID repeats on every item: one copy of each (a few hundred at most) is kept for a million items.
        private string Shared(string text)
        {
            text = Bounded(text);
            if (text == null) return null;
            if (shared.TryGetValue(text, out var one)) return one;
            if (shared.Count < 1000) shared.Add(text, text);
            return text;
        }

        /// <summary>The most characters of a plan item's status or name kept for the comparison.</summary>
        public const int MaxKeptText = 256;

        // A plan's text kept for a million items is kept short: no status or name of AchieveIt's is anywhere near the
        // limit, so a longer one compares as a change whatever its end (and the listing shortens it anyway), and a
        // hostile plan's 64 KiB fields do not cost 64 KiB an item.
        private static string Bounded(string text) => text == null || text.Length <= MaxKeptText ? text : text.Substring(0, MaxKeptText - 3) + "...";

        /// <summary>Compares one valid row with its item, counts it, and moves the item on as AchieveIt would.</summary>
        public UpdateChange Compare(IUpdate update, string address)
        {
            var id = update.ExternalId.Trim();
            if (!states.TryGetValue(id, out var state)) state = ItemState.None;
            var change = UpdateComparison.Compare(update, state, address);
            var after = UpdateComparison.After(update, state);
            if (!ReferenceEquals(after, state)) states[id] = after;
            counts[(int)change.ChangeType]++;
            return change;
        }

        /// <summary>False when -ExcludeChangeType leaves the change's row out (then it is counted, and its ID named up to <see cref="NamedIds"/>).</summary>
        public bool Keeps(UpdateChange change)
        {
            var type = (int)change.ChangeType;
            if (!excluded[type]) return true;
            left[type]++;
            if (leftIds[type].Count < NamedIds) leftIds[type].Add(Rules.IssueFactory.Printable(Rules.IssueFactory.Shorten(change.ExternalId)));
            return false;
        }

        /// <summary>Rows compared, of one change type.</summary>
        public long Counted(ChangeType type) => counts[(int)type];

        /// <summary>Rows left out, of one change type.</summary>
        public long LeftOut(ChangeType type) => left[(int)type];

        /// <summary>Rows left out in all.</summary>
        public long LeftOutTotal => left.Sum();

        /// <summary>"3 to change, 12 unchanged, 1 older than AchieveIt's latest update, 0 not compared", and "; 12 left out by -ExcludeChangeType" when some are.</summary>
        public string Summary() =>
            $"{N(ChangeType.Modify)} to change, {N(ChangeType.NoChange)} unchanged, {N(ChangeType.Older)} older than AchieveIt's latest update, {N(ChangeType.NotCompared)} not compared" +
            (LeftOutTotal > 0 ? $"; {LeftOutTotal.ToString("N0", CultureInfo.InvariantCulture)} left out by -ExcludeChangeType" : string.Empty);

        /// <summary>One sentence per change type whose rows were left out: how many, and the first IDs.</summary>
        public IEnumerable<string> LeftOutWarnings()
        {
            foreach (ChangeType type in Enum.GetValues(typeof(ChangeType)))
            {
                var count = left[(int)type];
                if (count == 0) continue;
                var more = count - leftIds[(int)type].Count;
                yield return $"{count.ToString("N0", CultureInfo.InvariantCulture)} {Describe(type)} row(s) left out (-ExcludeChangeType {type}): " +
                    string.Join(", ", leftIds[(int)type]) + (more > 0 ? $" and {more.ToString("N0", CultureInfo.InvariantCulture)} more." : ".");
            }
        }

        /// <summary>The Older warning of a row (its row and ID are added where it is reported): both dates, and what AchieveIt would do.</summary>
        public static CsvIssue OlderIssue(long line, UpdateChange change) =>
            Rules.IssueFactory.Warning(line, Rules.Column.AsOfDate, change.AsOfDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Rules.RuleCodes.OlderUpdate,
                $"The As Of Date {change.AsOfDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} is before AchieveIt's latest update of item '{Rules.IssueFactory.Shorten(change.ExternalId)}' " +
                $"({change.LastUpdated.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}): AchieveIt would record an update older than the one it shows. " +
                "Check that the export is current; -ExcludeChangeType Older leaves such rows out.");

        private static string Describe(ChangeType type) =>
            type == ChangeType.Modify ? "changing" : type == ChangeType.NoChange ? "unchanged" : type == ChangeType.Older ? "older" : "not compared";

        private string N(ChangeType type) => counts[(int)type].ToString("N0", CultureInfo.InvariantCulture);
    }
}
