using System;
using System.Collections.Generic;
using System.Linq;
using AchieveIt.Plans;

namespace AchieveIt.Tests.Plans
{
    public class PlanComparerTests
    {
        private static readonly DateTime Day = new DateTime(2026, 11, 28);

        private static PlanItem Item(string id, string status, object value, string lastUpdated = "2026-11-20", string name = null) =>
            new PlanItem("plan-1", new Dictionary<string, object> { ["externalId"] = id, ["name"] = name, ["status"] = status, ["currentValue"] = value, ["lastUpdated"] = lastUpdated });

        private static ProgressUpdate Row(string id, string status, decimal? value, DateTime? day = null, string comment = "") => new ProgressUpdate(id, status, value, day ?? Day, comment);

        [Fact]
        public void A_plans_64_KiB_status_or_name_is_kept_short_and_still_compares_as_a_change()
        {
            var huge = new string('S', 64 * 1024);
            var compare = new PlanComparer();
            compare.Add(Item("A", huge, 1m, name: huge));
            var change = compare.Compare(Row("A", "On Track", 1m), "input row 1");
            Assert.Equal(ChangeType.Modify, change.ChangeType);
            Assert.Equal(PlanComparer.MaxKeptText, change.StatusBefore.Length);
            Assert.Equal(PlanComparer.MaxKeptText, change.Name.Length);
            Assert.EndsWith("...", change.StatusBefore);
        }

        [Fact]
        public void Counts_each_type_and_says_the_summary()
        {
            var compare = new PlanComparer();
            compare.Add(Item("A", "On Track", 1m));
            compare.Add(Item("B", "On Track", 1m));
            compare.Add(Item("C", null, null, null));
            Assert.Equal(2, compare.Stated);
            Assert.Equal(ChangeType.NoChange, compare.Compare(Row("A", "on track", 1.0m), "input row 1").ChangeType);
            Assert.Equal(ChangeType.Modify, compare.Compare(Row("B", "At Risk", 1m), "input row 2").ChangeType);
            Assert.Equal(ChangeType.Older, compare.Compare(Row("B", "At Risk", 1m, Day.AddDays(-20)), "input row 3").ChangeType);
            Assert.Equal(ChangeType.NotCompared, compare.Compare(Row("C", "At Risk", null), "input row 4").ChangeType);
            Assert.Equal("1 to change, 1 unchanged, 1 older than AchieveIt's latest update, 1 not compared", compare.Summary());
        }

        [Fact]
        public void A_later_row_is_compared_with_the_item_as_the_rows_before_leave_it_and_an_older_row_leaves_it_alone()
        {
            var compare = new PlanComparer();
            compare.Add(Item("A", "On Track", 1m));
            Assert.Equal(ChangeType.Modify, compare.Compare(Row("A", "At Risk", 2m), "r1").ChangeType);
            Assert.Equal(ChangeType.Older, compare.Compare(Row("A", "On Track", 1m, Day.AddDays(-1)), "r2").ChangeType);
            Assert.Equal(ChangeType.NoChange, compare.Compare(Row("A", "at risk", 2.00m, Day.AddDays(1)), "r3").ChangeType);
            // An item the plan says nothing of: its first row sets what the next is compared with.
            Assert.Equal(ChangeType.NotCompared, compare.Compare(Row("Z", "On Track", 1m), "r4").ChangeType);
            Assert.Equal(ChangeType.NoChange, compare.Compare(Row("Z", "On Track", 1m, Day.AddDays(1)), "r5").ChangeType);
        }

        [Fact]
        public void The_first_item_of_an_External_ID_wins_and_IDs_are_matched_trimmed_in_any_case()
        {
            var compare = new PlanComparer();
            compare.Add(Item(" A ", "On Track", 1m));
            compare.Add(Item("a", "At Risk", 5m));
            Assert.Equal(ChangeType.NoChange, compare.Compare(Row("a", "On Track", 1m), "r1").ChangeType);
        }

        [Fact]
        public void Excluded_types_are_counted_and_the_first_twenty_IDs_named()
        {
            var compare = new PlanComparer(new[] { ChangeType.NoChange });
            for (var i = 0; i < 25; i++) compare.Add(Item("K-" + i, "On Track", 1m));
            var kept = Enumerable.Range(0, 25).Count(i => compare.Keeps(compare.Compare(Row("K-" + i, "On Track", 1m), "r")));
            Assert.True(compare.Keeps(compare.Compare(Row("K-0", "At Risk", 1m, Day.AddDays(1)), "r")));
            Assert.Equal(0, kept);
            Assert.Equal(25, compare.LeftOut(ChangeType.NoChange));
            var warning = Assert.Single(compare.LeftOutWarnings());
            Assert.StartsWith("25 unchanged row(s) left out (-ExcludeChangeType NoChange): K-0, K-1,", warning);
            Assert.EndsWith("K-19 and 5 more.", warning);
        }

        [Fact]
        public void The_older_warning_names_both_dates()
        {
            var compare = new PlanComparer();
            compare.Add(Item("A", "On Track", 1m, "2026-11-25T10:00:00Z"));
            var issue = PlanComparer.OlderIssue(7, compare.Compare(Row("A", "On Track", 1m, new DateTime(2026, 11, 20)), "r"));
            Assert.Equal(("OlderUpdate", IssueSeverity.Warning, 7L), (issue.Code, issue.Severity, issue.Line));
            Assert.Contains("2026-11-20 is before AchieveIt's latest update of item 'A' (2026-11-25)", issue.Message);
        }

        [Fact]
        public void An_item_with_neither_a_state_nor_a_name_is_not_kept()
        {
            var compare = new PlanComparer();
            compare.Add(new PlanItem("p", new Dictionary<string, object> { ["externalId"] = "A" }));
            Assert.Equal(0, compare.Stated);
            Assert.Equal(ChangeType.NotCompared, compare.Compare(Row("A", "On Track", null), "r").ChangeType);
        }

        [Fact]
        public void The_listing_line_shows_the_symbol_before_and_after_and_the_change_without_control_characters()
        {
            var change = UpdateComparison.Compare(Row("KPI-1", "At Risk", 0.3m), new ItemState("p", "n", "On Track\u0007", 0.45m, null, null), "r");
            var line = ChangeListing.Line(change);
            Assert.StartsWith("~ KPI-1 ", line);
            Assert.Contains("On Track? -> At Risk", line);
            Assert.Contains("0.45 -> 0.3", line);
            Assert.Contains("-0.15 2026-11-28", line);
            Assert.DoesNotContain(line, c => char.IsControl(c));
        }
    }
}
