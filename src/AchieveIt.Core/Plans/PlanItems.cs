using System;
using System.Threading;
using System.Collections.Generic;
using AchieveIt.Http;
using AchieveIt.Rules;

namespace AchieveIt.Plans
{
    /// <summary>
    /// The plan updates are checked against: which External IDs exist (compared exactly, as AchieveIt's import does)
    /// and, when the plan says so, which items carry a metric. Built once per command and read by every row
    /// (from any thread); the structures for "did you mean" are built only when the first unknown ID is met.
    /// The one rule of UnknownExternalId and MissingMetricValue for the client, Test and the sandbox.
    /// </summary>
    public sealed class PlanItems
    {
        /// <summary>The most IDs a plan may hold: a bound on memory (a million IDs take about 100 MB).</summary>
        public const int MaxItems = 5_000_000;

        /// <summary>The most characters all of a plan's External IDs may hold together (a bound on memory: about 256 MB).</summary>
        public const long MaxIdChars = 128L * 1024 * 1024;

        private const int MostSuggestions = 3;
        private readonly HashSet<string> ids;
        private readonly HashSet<string> withMetric;
        private readonly HashSet<string> withoutMetric;
        private readonly object gate = new object();
        private PlanSuggestions suggestions;

        private PlanItems(HashSet<string> ids, HashSet<string> withMetric, HashSet<string> withoutMetric, string source)
        {
            this.ids = ids;
            this.withMetric = withMetric;
            this.withoutMetric = withoutMetric;
            Source = source;
        }

        /// <summary>Where the plan came from, for messages ("plan.csv", "plan 7f3a...", "the -PlanItems objects").</summary>
        public string Source { get; }

        public int Count => ids.Count;

        private long suggestionsLeft = Rules.IssueLog.DefaultLimit;

        /// <summary>How many unknown IDs get "did you mean" (the command's -MaxIssues): the issues past it are counted, not shown in full.</summary>
        public int SuggestionBudget
        {
            set => Interlocked.Exchange(ref suggestionsLeft, value);
        }

        /// <summary>True when the plan says which items have a metric (MissingMetricValue is checked only then).</summary>
        public bool KnowsMetrics => withMetric != null;

        public bool Contains(string externalId) => externalId != null && ids.Contains(externalId);

        public bool HasMetric(string externalId) => withMetric != null && externalId != null && withMetric.Contains(externalId);

        /// <summary>Adds the plan's issues for one update; false when one of them is an error (the row is not valid).</summary>
        public bool Check(long line, IUpdate update, List<CsvIssue> issues)
        {
            var id = update.ExternalId;
            if (!ids.Contains(id))
            {
                // "Did you mean" only for the issues a command shows in full (SuggestionBudget): a million unknown IDs are
                // counted quickly, and the first ones get their suggestions.
                var near = Interlocked.Decrement(ref suggestionsLeft) >= 0 ? Suggest(id) : (IReadOnlyList<string>)Array.Empty<string>();
                issues.Add(IssueFactory.Error(line, Column.ExternalId, id, RuleCodes.UnknownExternalId,
                    $"No plan item has the External ID '{IssueFactory.Shorten(id)}' ({Source}). " +
                    (near.Count == 0
                        ? "Check the ID against the plan (Get-AchieveItPlanItem), or refresh the plan file if the item is new."
                        : $"Did you mean {Quote(near)}?")));
                return false;
            }

            if (update.MetricText.Length > 0 && withoutMetric.Contains(id))
            {
                // A warning, not an error: the plan export may lag behind a metric added since, and AchieveIt decides.
                issues.Add(IssueFactory.Warning(line, Column.MetricValue, update.MetricText, RuleCodes.UnexpectedMetricValue,
                    $"Plan item '{IssueFactory.Shorten(id)}' has no metric ({Source}), but the update gives it the metric value {IssueFactory.Shorten(update.MetricText)}. " +
                    (update is ProgressUpdate
                        ? "Check that the row names the right item, or give the item a metric in AchieveIt; otherwise leave the value empty."
                        : "Check that the row names the right item, or give the item a metric in AchieveIt: AchieveIt may not apply a metric update to it.")));
            }

            if (update is ProgressUpdate && update.MetricText.Length == 0 && HasMetric(id))
            {
                issues.Add(IssueFactory.Error(line, Column.MetricValue, string.Empty, RuleCodes.MissingMetricValue,
                    $"Plan item '{IssueFactory.Shorten(id)}' has a metric ({Source}), so AchieveIt needs a Current Metric Value with its update. Add the value, or leave the row out."));
                return false;
            }

            return true;
        }

        /// <summary>The known IDs closest to one that is not known (case, spacing, then edits), best first; at most three.</summary>
        public IReadOnlyList<string> Suggest(string externalId)
        {
            if (string.IsNullOrEmpty(externalId)) return Array.Empty<string>();
            PlanSuggestions built;
            lock (gate)
            {
                built = suggestions ?? (suggestions = new PlanSuggestions(ids));
            }

            return built.For(externalId, MostSuggestions);
        }

        private static string Quote(IReadOnlyList<string> near)
        {
            var quoted = new List<string>();
            foreach (var id in near) quoted.Add("'" + IssueFactory.Shorten(id) + "'");
            return quoted.Count == 1 ? quoted[0] : string.Join(", ", quoted.GetRange(0, quoted.Count - 1)) + " or " + quoted[quoted.Count - 1];
        }

        /// <summary>Collects a plan's items one by one; a duplicate ID or too many items is PlanItemsInvalid.</summary>
        public sealed class Builder
        {
            private readonly HashSet<string> ids = new HashSet<string>(StringComparer.Ordinal);
            private readonly HashSet<string> withMetric = new HashSet<string>(StringComparer.Ordinal);
            private readonly HashSet<string> withoutMetric = new HashSet<string>(StringComparer.Ordinal);
            private readonly string source;
            private bool knowsMetrics;
            private long idChars;

            /// <param name="source">Where the plan comes from, for messages.</param>
            public Builder(string source) => this.source = source;

            /// <summary>Items left out because they have no External ID (they cannot be updated by one).</summary>
            public long WithoutId { get; private set; }

            /// <summary>Adds one item; <paramref name="where"/> names it in an error ("line 12").</summary>
            public void Add(string externalId, bool? hasMetric, string where)
            {
                var id = externalId?.Trim();
                if (string.IsNullOrEmpty(id))
                {
                    WithoutId++;
                    return;
                }

                if (!ids.Add(id))
                {
                    throw Invalid($"The External ID '{IssueFactory.Shorten(id)}' is in the plan twice (again at {where}). Each plan item has one External ID: remove the repeated row, or export the plan again.");
                }

                if (ids.Count > MaxItems) throw Invalid($"The plan holds more than {MaxItems:N0} items, more than any plan the module checks against. Check that this is a plan export.");
                idChars += id.Length;
                if (idChars > MaxIdChars) throw Invalid($"The plan's External IDs hold more than {MaxIdChars / (1024 * 1024)} million characters in all, more than any plan the module checks against. Check that this is a plan export.");
                if (hasMetric.HasValue) knowsMetrics = true;
                if (hasMetric == true) withMetric.Add(id);
                if (hasMetric == false) withoutMetric.Add(id);
            }

            public PlanItems Build()
            {
                if (ids.Count == 0)
                {
                    throw Invalid(WithoutId > 0
                        ? $"None of the plan's {WithoutId} items has an External ID, so no update could match one. Give the items External IDs in AchieveIt, or check the export."
                        : "The plan holds no items. Check the export (or the plan ID): updates cannot be checked against an empty plan.");
                }

                return new PlanItems(ids, knowsMetrics ? withMetric : null, withoutMetric, source);
            }

            private AchieveItException Invalid(string message) => new AchieveItException(ErrorIds.PlanItemsInvalid, $"{source}: {message}");
        }
    }
}
