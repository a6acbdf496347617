using System;
using System.IO;
using AchieveIt.Csv;
using AchieveIt.Http;
using AchieveIt.Plans;
using AchieveIt.Rules;

namespace AchieveIt.Tests.Plans
{
    /// <summary>A plan file read once, and a plan file that is itself wrong: PlanItemsInvalid naming the fix.</summary>
    public class PlanFileTests : IDisposable
    {
        private readonly string folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "plan-file-" + Guid.NewGuid().ToString("N"))).FullName;

        public void Dispose() => Directory.Delete(folder, true);

        private string Write(string text, string name = "plan.csv")
        {
            var path = Path.Combine(folder, name);
            File.WriteAllText(path, text);
            return path;
        }

        [Theory]
        [InlineData("External ID,HasMetric\r\nKPI-1,true\r\nKPI-2,no\r\n")]
        [InlineData("\"PlanId\",\"ExternalId\",\"Name\",\"HasMetric\"\r\n\"p\",\"KPI-1\",\"Revenue\",\"True\"\r\n\"p\",\"KPI-2\",\"Launch\",\"False\"\r\n")]
        [InlineData("#TYPE AchieveIt.PlanItem\r\n\"external_id\",\"has metric\"\r\nKPI-1,1\r\nKPI-2,0\r\n")]
        public void The_ID_and_metric_columns_are_found_by_name_whatever_the_spelling(string text)
        {
            var plan = PlanFile.Read(Write(text));
            Assert.Equal(2, plan.Count);
            Assert.True(plan.KnowsMetrics);
            Assert.True(plan.HasMetric("KPI-1"));
            Assert.False(plan.HasMetric("KPI-2"));
        }

        [Fact]
        public void Without_a_metric_column_the_plan_does_not_say()
        {
            var plan = PlanFile.Read(Write("Name,External ID\r\nRevenue,KPI-1\r\n"));
            Assert.True(plan.Contains("KPI-1"));
            Assert.False(plan.KnowsMetrics);
        }

        [Theory]
        [InlineData("", "is empty")]
        [InlineData("External ID,HasMetric\r\n", "has a header but no items")]
        [InlineData("Name,Status\r\nRevenue,On Track\r\n", "has no External ID column (its first line is: Name,Status)")]
        [InlineData("External ID;HasMetric\r\nKPI-1;true\r\n", "separates its columns with semicolons")]
        [InlineData("External ID\r\nKPI-1\r\nKPI-2\r\nKPI-1\r\n", "is in the plan twice (again at line 4)")]
        [InlineData("External ID,HasMetric\r\nKPI-1,maybe\r\n", "line 2, column HasMetric: 'maybe' is not true or false")]
        [InlineData("External ID,ExternalId\r\nKPI-1,KPI-2\r\n", "names an External ID column more than once")]
        [InlineData("External ID,HasMetric\r\n\"KPI-1,true\r\nKPI-2,false\r\n", "misplaced or unclosed quote")]
        public void A_wrong_plan_file_is_PlanItemsInvalid_saying_what_to_do(string text, string wording)
        {
            var e = Assert.Throws<AchieveItException>(() => PlanFile.Read(Write(text)));
            Assert.Equal(ErrorIds.PlanItemsInvalid, e.ErrorId);
            Assert.Contains(wording, e.Message);
            Assert.Contains("plan.csv", e.Message);
        }

        [Fact]
        public void A_UTF16_plan_file_is_named_as_such()
        {
            var path = Path.Combine(folder, "plan.csv");
            File.WriteAllText(path, "External ID\r\nKPI-1\r\n", System.Text.Encoding.Unicode);
            Assert.Contains("is UTF-16", Assert.Throws<AchieveItException>(() => PlanFile.Read(path)).Message);
        }

        [Fact]
        public void A_missing_file_or_a_folder_is_PlanItemsInvalid()
        {
            Assert.Contains("does not exist. Export the plan", Assert.Throws<AchieveItException>(() => PlanFile.Read(Path.Combine(folder, "nope.csv"))).Message);
            Assert.Contains("is a folder", Assert.Throws<AchieveItException>(() => PlanFile.Read(folder)).Message);
        }

        [Fact]
        public void The_file_check_refuses_unknown_IDs_and_keeps_the_row_out_of_the_valid_rows()
        {
            var plan = PlanFile.Read(Write("External ID,HasMetric\r\nKPI-1,true\r\nKPI-2,false\r\n"));
            var updates = Write("External ID,Status,Metric Value,As Of Date\r\nKPI-1,On Track,1,2026-11-28\r\nKPI-9,On Track,1,2026-11-28\r\nKPI-1,On Track,,2026-11-29\r\nKPI-2,On Track,,2026-11-28\r\n", "updates.csv");
            var valid = 0;
            var validation = CsvValidator.ValidateFile(updates, (line, update) => valid++, new CsvCheckOptions { Plan = plan });
            Assert.Equal(2, valid);
            Assert.Collection(validation.Issues,
                i => Assert.Equal((3L, RuleCodes.UnknownExternalId), (i.Line, i.Code)),
                i => Assert.Equal((4L, RuleCodes.MissingMetricValue), (i.Line, i.Code)));
        }
    }
}
