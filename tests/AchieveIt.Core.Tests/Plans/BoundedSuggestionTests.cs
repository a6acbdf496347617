using System;
using System.Collections.Generic;
using System.Linq;
using AchieveIt.Plans;
using AchieveIt.Rules;

namespace AchieveIt.Tests.Plans
{
    /// <summary>"Did you mean" costs bounded time and words: only for the issues shown in full, never over very long IDs.</summary>
    public class BoundedSuggestionTests
    {
        private static PlanItems Plan(IEnumerable<string> ids)
        {
            var builder = new PlanItems.Builder("plan.csv");
            var line = 2;
            foreach (var id in ids) builder.Add(id, null, "line " + line++);
            return builder.Build();
        }

        private static CsvIssue Check(PlanItems plan, string id)
        {
            var issues = new List<CsvIssue>();
            Assert.False(plan.Check(1, new ProgressUpdate(id, "On Track", null, new DateTime(2026, 11, 28), null), issues));
            return Assert.Single(issues);
        }

        [Fact]
        public void An_unknown_ID_of_20000_characters_gets_a_short_message_at_once()
        {
            var stem = new string('A', 19_990);
            var plan = Plan(Enumerable.Range(0, 40).Select(i => stem + i.ToString("D10")));
            var issue = Check(plan, stem + "X123456789");
            Assert.Equal(RuleCodes.UnknownExternalId, issue.Code);
            Assert.True(issue.Message.Length < 600, $"the message is {issue.Message.Length} characters");
            Assert.Contains("...", issue.Message);
        }

        [Fact]
        public void A_long_ID_of_an_item_with_a_metric_is_shortened_in_MissingMetricValue()
        {
            var id = new string('M', 60_000);
            var builder = new PlanItems.Builder("plan.csv");
            builder.Add(id, true, "line 2");
            var issues = new List<CsvIssue>();
            Assert.False(builder.Build().Check(1, new ProgressUpdate(id, "On Track", null, new DateTime(2026, 11, 28), null), issues));
            var issue = Assert.Single(issues);
            Assert.Equal(RuleCodes.MissingMetricValue, issue.Code);
            Assert.True(issue.Message.Length < 600, $"the message is {issue.Message.Length} characters");
        }

        [Fact]
        public void Only_the_issues_shown_in_full_get_a_suggestion()
        {
            var plan = Plan(new[] { "KPI-REV-01", "KPI-NPS-02" });
            plan.SuggestionBudget = 2;
            Assert.Contains("Did you mean 'KPI-REV-01'", Check(plan, "KPI-REV-O1").Message);
            Assert.Contains("Did you mean", Check(plan, "KPI-NPS-O2").Message);
            Assert.DoesNotContain("Did you mean", Check(plan, "KPI-REV-O1").Message);
        }
    }

}
