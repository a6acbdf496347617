using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using AchieveIt.Http;
using AchieveIt.Plans;
using AchieveIt.Rules;

namespace AchieveIt.Tests.Plans
{
    /// <summary>UnknownExternalId and MissingMetricValue, and "did you mean" in bounded time and memory.</summary>
    [Collection(MeasuresTheProcess.Name)]
    public class PlanItemsTests
    {
        private static PlanItems Plan(params (string Id, bool? Metric)[] items)
        {
            var builder = new PlanItems.Builder("test plan");
            foreach (var (id, metric) in items) builder.Add(id, metric, "item " + id);
            return builder.Build();
        }

        private static ProgressUpdate Update(string id, decimal? metric = 1m) =>
            new ProgressUpdate(id, "On Track", metric, new DateTime(2026, 11, 28), null);

        [Theory]
        [InlineData("kpi-101", "KPI-101")]
        [InlineData(" KPI-101", "KPI-101")]
        [InlineData("KPI-101 ", "KPI-101")]
        [InlineData("churn  rate", "Churn Rate")]
        [InlineData("KPI-1O1", "KPI-101")]
        [InlineData("KPI-10", "KPI-101")]
        [InlineData("KPI-1011", "KPI-101")]
        [InlineData("KP-I101", "KPI-101")]
        [InlineData("Revenue Growht Q4", "Revenue Growth Q4")]
        public void An_unknown_ID_names_the_row_and_offers_the_closest_known_one_first(string given, string meant)
        {
            var plan = Plan(("KPI-101", null), ("KPI-205", null), ("Churn Rate", null), ("Revenue Growth Q4", null));
            var issues = new List<CsvIssue>();
            Assert.False(plan.Check(7, Update(given), issues));
            var issue = Assert.Single(issues);
            Assert.Equal(RuleCodes.UnknownExternalId, issue.Code);
            Assert.Equal(7, issue.Line);
            Assert.Equal("External ID", issue.Column);
            Assert.Equal(given, issue.Value);
            Assert.StartsWith($"No plan item has the External ID '{given}' (test plan). Did you mean '{meant}'", issue.Message);
            Assert.Equal(meant, plan.Suggest(given)[0]);
        }

        [Fact]
        public void An_ID_nothing_resembles_says_where_to_look()
        {
            var issues = new List<CsvIssue>();
            Plan(("KPI-101", null)).Check(1, Update("Completely different"), issues);
            Assert.EndsWith("Check the ID against the plan (Get-AchieveItPlanItem), or refresh the plan file if the item is new.", issues[0].Message);
        }

        [Fact]
        public void IDs_are_compared_exactly_and_a_known_one_passes()
        {
            var plan = Plan(("KPI-101", null));
            var issues = new List<CsvIssue>();
            Assert.True(plan.Check(1, Update("KPI-101"), issues));
            Assert.Empty(issues);
            Assert.True(plan.Contains("KPI-101"));
            Assert.False(plan.Contains("kpi-101"));
        }

        [Fact]
        public void An_item_with_a_metric_needs_a_value_only_when_the_plan_says_so()
        {
            var plan = Plan(("KPI-M", true), ("KPI-N", false));
            var issues = new List<CsvIssue>();
            Assert.False(plan.Check(3, Update("KPI-M", null), issues));
            Assert.Equal(RuleCodes.MissingMetricValue, Assert.Single(issues).Code);
            Assert.Equal("Current Metric Value", issues[0].Column);
            issues.Clear();
            Assert.True(plan.Check(3, Update("KPI-M", 2m), issues));
            Assert.True(plan.Check(3, Update("KPI-N", null), issues));
            Assert.True(Plan(("KPI-M", null)).Check(3, Update("KPI-M", null), issues)); // a plan that does not say: no rule
            Assert.Empty(issues);
        }

        [Fact]
        public void A_duplicate_ID_or_an_empty_plan_is_PlanItemsInvalid()
        {
            var builder = new PlanItems.Builder("plan file 'x.csv'");
            builder.Add("KPI-1", null, "line 2");
            var e = Assert.Throws<AchieveItException>(() => builder.Add("KPI-1", null, "line 9"));
            Assert.Equal(ErrorIds.PlanItemsInvalid, e.ErrorId);
            Assert.Equal("plan file 'x.csv': The External ID 'KPI-1' is in the plan twice (again at line 9). Each plan item has one External ID: remove the repeated row, or export the plan again.", e.Message);
            Assert.Equal(ErrorIds.PlanItemsInvalid, Assert.Throws<AchieveItException>(() => new PlanItems.Builder("p").Build()).ErrorId);
            var withoutIds = new PlanItems.Builder("p");
            withoutIds.Add("", null, "line 2");
            withoutIds.Add(null, null, "line 3");
            Assert.Contains("None of the plan's 2 items has an External ID", Assert.Throws<AchieveItException>(() => withoutIds.Build()).Message);
        }

        [Fact]
        public void Ten_thousand_unknown_IDs_against_a_million_known_ones_finish_in_seconds_within_the_memory_bound()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = GC.GetTotalMemory(true);
            var builder = new PlanItems.Builder("big plan");
            for (var i = 0; i < 1_000_000; i++) builder.Add("KPI-" + i.ToString("D7"), i % 3 == 0, "line");
            var plan = builder.Build();
            var clock = Stopwatch.StartNew();
            var issues = new List<CsvIssue>();
            for (var i = 0; i < 10_000; i++) plan.Check(i, Update("KPI-" + (i * 97).ToString("D7") + "x"), issues);
            var elapsed = clock.Elapsed;
            var held = GC.GetTotalMemory(true) - before;
            GC.KeepAlive(plan);

            Assert.Equal(10_000, issues.Count);
            Assert.Contains("Did you mean 'KPI-0000097'", issues[1].Message); // one insertion away
            // Mono's collector reports its heap in whole sections: the same tables measured 123 to 157 MB there across runs.
            var bound = (Type.GetType("Mono.Runtime") == null ? 150L : 200L) * 1024 * 1024;
            Assert.True(held < bound, $"a million IDs and their suggestion tables held {held / 1024 / 1024} MB");
            Assert.True(elapsed < TimeSpan.FromSeconds(60), $"10,000 suggestions took {elapsed}"); // a bound on the search, not a speed test: quadratic would take hours
        }
    }
}
