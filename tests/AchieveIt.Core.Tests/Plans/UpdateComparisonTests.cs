using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using AchieveIt.Plans;

namespace AchieveIt.Tests.Plans
{
    public class UpdateComparisonTests
    {
        private const string PlanId = "plan-1";
        private static readonly DateTime Day = new DateTime(2026, 11, 28);

        private static PlanItem Item(string status = "On Track", object value = null, string lastUpdated = "2026-11-20T09:30:00Z", string name = "Revenue")
        {
            var fields = new Dictionary<string, object> { ["externalId"] = "KPI-1", ["name"] = name };
            if (status != null) fields["status"] = status;
            if (value != null) fields["currentValue"] = value;
            if (lastUpdated != null) fields["lastUpdated"] = lastUpdated;
            return new PlanItem(PlanId, fields);
        }

        private static UpdateChange Compare(IUpdate update, PlanItem item) => UpdateComparison.Compare(update, ItemState.Of(item), "input row 1");

        [Theory]
        [InlineData("On Track", "0.45", "On Track", 0.45, ChangeType.NoChange)]
        [InlineData("on track", "0.450", "On Track", 0.45, ChangeType.NoChange)] // status any case, value as a number
        [InlineData("On Track", "0.45", "At Risk", 0.45, ChangeType.Modify)]
        [InlineData("On Track", "0.45", "On Track", 0.5, ChangeType.Modify)]
        public void Status_and_value_decide_between_Modify_and_NoChange(string planStatus, string planValue, string rowStatus, double rowValue, ChangeType expected)
        {
            var change = Compare(new ProgressUpdate("KPI-1", rowStatus, (decimal)rowValue, Day, string.Empty), Item(planStatus, planValue));
            Assert.Equal(expected, change.ChangeType);
        }

        [Fact]
        public void A_comment_is_a_change_even_when_nothing_else_moves()
        {
            Assert.Equal(ChangeType.Modify, Compare(new ProgressUpdate("KPI-1", "On Track", 1m, Day, "note"), Item("On Track", 1m)).ChangeType);
        }

        [Fact]
        public void A_row_dated_before_the_items_last_update_is_Older_whatever_else_it_changes()
        {
            var change = Compare(new ProgressUpdate("KPI-1", "At Risk", 5m, new DateTime(2026, 11, 19), string.Empty), Item("On Track", 1m));
            Assert.Equal(ChangeType.Older, change.ChangeType);
            Assert.Equal(new DateTime(2026, 11, 20), change.LastUpdated.Value.Date);
            // The same day is not older: AchieveIt keeps one update a day.
            Assert.NotEqual(ChangeType.Older, Compare(new ProgressUpdate("KPI-1", "On Track", 1m, new DateTime(2026, 11, 20), string.Empty), Item("On Track", 1m)).ChangeType);
        }

        [Fact]
        public void A_plan_without_the_status_or_the_value_the_row_carries_is_NotCompared_never_NoChange()
        {
            Assert.Equal(ChangeType.NotCompared, Compare(new ProgressUpdate("KPI-1", "On Track", null, Day, string.Empty), Item(status: null)).ChangeType);
            Assert.Equal(ChangeType.NotCompared, Compare(new ProgressUpdate("KPI-1", "On Track", 1m, Day, string.Empty), Item("On Track", value: null)).ChangeType);
            // A field the row does not carry is not compared: a status-only row against a plan without values is compared.
            Assert.Equal(ChangeType.NoChange, Compare(new ProgressUpdate("KPI-1", "On Track", null, Day, string.Empty), Item("On Track", value: null)).ChangeType);
            // A change that is certain is Modify even when another field cannot be compared.
            Assert.Equal(ChangeType.Modify, Compare(new ProgressUpdate("KPI-1", "At Risk", 1m, Day, string.Empty), Item("On Track", value: null)).ChangeType);
            Assert.Equal(ChangeType.NotCompared, Compare(new ProgressUpdate("KPI-1", "On Track", null, Day, string.Empty), Item(status: "  ")).ChangeType);
        }

        [Fact]
        public void The_last_update_is_taken_on_AchieveIts_clock_whatever_the_offset_it_is_written_with()
        {
            // 2026-11-28 01:00 at +05:00 is 2026-11-27 20:00 UTC: a row of the 27th is not older.
            var item = Item("On Track", 1m, "2026-11-28T01:00:00+05:00");
            Assert.Equal(ChangeType.NoChange, Compare(new ProgressUpdate("KPI-1", "On Track", 1m, new DateTime(2026, 11, 27), string.Empty), item).ChangeType);
            Assert.Equal(ChangeType.Older, Compare(new ProgressUpdate("KPI-1", "On Track", 1m, new DateTime(2026, 11, 26), string.Empty), item).ChangeType);
        }

        [Fact]
        public void Before_after_and_the_value_change_are_reported()
        {
            var change = Compare(new ProgressUpdate("KPI-1", "at risk", 0.3m, Day, "slipping"), Item("On Track", "0.45"));
            Assert.Equal(("On Track", "At Risk"), (change.StatusBefore, change.StatusAfter));
            Assert.Equal(0.45m, change.ValueBefore);
            Assert.Equal(0.3m, change.ValueAfter);
            Assert.Equal(-0.15m, change.ValueChange);
            Assert.Equal(("KPI-1", "Revenue", PlanId, "input row 1", "slipping"), (change.ExternalId, change.Name, change.PlanId, change.Address, change.Comment));
        }

        [Fact]
        public void A_metric_update_compares_its_value_only()
        {
            Assert.Equal(ChangeType.NoChange, Compare(new MetricUpdate("KPI-1", 12.50m, Day, string.Empty), Item(status: null, value: "12.5")).ChangeType);
            Assert.Equal(ChangeType.Modify, Compare(new MetricUpdate("KPI-1", 13m, Day, string.Empty), Item(status: null, value: "12.5")).ChangeType);
            Assert.Null(Compare(new MetricUpdate("KPI-1", 13m, Day, string.Empty), Item()).StatusAfter);
        }

        [Theory]
        [InlineData("de-DE")]
        [InlineData("fr-FR")]
        [InlineData("en-US")]
        public void Numbers_and_dates_in_the_plan_are_read_the_same_in_any_culture(string culture)
        {
            var before = Thread.CurrentThread.CurrentCulture;
            Thread.CurrentThread.CurrentCulture = new CultureInfo(culture);
            try
            {
                var change = Compare(new ProgressUpdate("KPI-1", "On Track", 1234.5m, Day, string.Empty), Item("On Track", "1234.50", "2026-11-20"));
                Assert.Equal(ChangeType.NoChange, change.ChangeType);
                Assert.Equal(1234.5m, change.ValueBefore);
            }
            finally
            {
                Thread.CurrentThread.CurrentCulture = before;
            }
        }

        [Fact]
        public void Two_rows_for_one_item_are_each_compared_with_the_plan_as_it_is_now()
        {
            var item = Item("On Track", 1m);
            Assert.Equal(ChangeType.Modify, Compare(new ProgressUpdate("KPI-1", "At Risk", 1m, Day, string.Empty), item).ChangeType);
            Assert.Equal(ChangeType.NoChange, Compare(new ProgressUpdate("KPI-1", "On Track", 1m, Day.AddDays(1), string.Empty), item).ChangeType);
        }
    }
}
