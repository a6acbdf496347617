using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using AchieveIt.Csv;
using AchieveIt.Rules;

namespace AchieveIt.Tests.Rules
{
    /// <summary>The module's date guard: an input that proves itself day first makes its ambiguous slash dates errors.</summary>
    public class DateConventionTests
    {
        private static CsvValidation Check(string text) =>
            CsvValidator.Validate(new MemoryStream(Encoding.UTF8.GetBytes(text)), null, new CsvCheckOptions { Dates = new DateConvention(DateOrder.Unstated, "line") });

        [Fact]
        public void A_day_first_date_makes_every_ambiguous_date_an_error_before_and_after_it()
        {
            var result = Check("KPI-1,On Track,1,05/12/2026\nKPI-2,On Track,1,25/11/2026\nKPI-3,On Track,1,06/11/2026\nKPI-4,On Track,1,05/05/2026\nKPI-5,On Track,1,11/28/2026\n");
            var ambiguous = result.Issues.Where(i => i.Code == RuleCodes.AmbiguousDate).OrderBy(i => i.Line).ToList();
            Assert.Equal(new long[] { 1, 3 }, ambiguous.Select(i => i.Line));
            Assert.Contains("could be 2026-05-12 (month first, as AchieveIt reads it) or 2026-12-05 (day first), and line 2 ('25/11/2026') shows", ambiguous[0].Message);
            Assert.Equal(RuleCodes.InvalidAsOfDate, result.Issues.Single(i => i.Line == 2).Code);
        }

        [Fact]
        public void Without_day_first_evidence_slash_dates_are_month_first_as_AchieveIt_reads_them()
        {
            var result = Check("KPI-1,On Track,1,05/12/2026\nKPI-2,On Track,1,11/28/2026\n");
            Assert.False(result.HasErrors);
        }

        [Fact]
        public void The_sandbox_reads_slashes_month_first_with_no_guard()
        {
            var result = CsvValidator.Validate(new MemoryStream(Encoding.UTF8.GetBytes("KPI-1,On Track,1,05/12/2026\nKPI-2,On Track,1,25/11/2026\n")), null, new CsvCheckOptions());
            Assert.DoesNotContain(result.Issues, i => i.Code == RuleCodes.AmbiguousDate);
        }

        [Theory]
        [InlineData("05/12/2026", 2026, 12, 5)]
        [InlineData("25/11/2026", 2026, 11, 25)]
        [InlineData("5/1/2026 10:00 PM", 2026, 1, 5)]
        public void A_stated_day_first_order_reads_slashes_day_first(string text, int year, int month, int day)
        {
            var issues = new List<CsvIssue>();
            var update = UpdateBuilder.FromText(1, "KPI-1", "On Track", "1", text, null, issues, new DateConvention(DateOrder.DayFirst, "input row"));
            Assert.Empty(issues);
            Assert.Equal(new System.DateTime(year, month, day), update.AsOfDate);
        }

        [Fact]
        public void A_stated_day_first_order_refuses_a_date_that_can_only_be_month_first()
        {
            var issues = new List<CsvIssue>();
            Assert.Null(UpdateBuilder.FromText(1, "KPI-1", "On Track", "1", "11/28/2026", null, issues, new DateConvention(DateOrder.DayFirst, "input row")));
            Assert.Contains("-DateOrder DayFirst", Assert.Single(issues).Message);
        }

        [Theory]
        [InlineData("en-GB", true)]
        [InlineData("de-DE", true)]
        [InlineData("fr-FR", true)]
        [InlineData("en-US", false)]
        public void A_day_first_culture_gets_one_warning_for_dates_read_month_first(string culture, bool warns)
        {
            var dates = new DateConvention(DateOrder.Unstated, "input row");
            UpdateBuilder.FromText(1, "KPI-1", "On Track", "1", "05/12/2026", null, new List<CsvIssue>(), dates);
            var warning = dates.CultureWarning(new CultureInfo(culture));
            Assert.Equal(warns, warning != null);
            if (warns) Assert.Contains("1 slash date(s) were read month first", warning);
            Assert.Null(new DateConvention(DateOrder.MonthFirst, "input row").CultureWarning(new CultureInfo(culture)));
        }
    }
}
