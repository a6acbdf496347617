using System;
using System.Collections.Generic;
using System.Linq;
using AchieveIt.Rules;

namespace AchieveIt.Tests.Rules
{
    /// <summary>The core's share of the inputs admins have: Excel's padding, day-first exports, ANSI text, counts in words.</summary>
    public class AdminInputRulesTests
    {
        [Fact]
        public void Empty_rows_at_the_end_are_padding_and_empty_rows_before_a_row_are_EmptyRow()
        {
            var blanks = new TrailingBlankRows("input row");
            blanks.Hold(3);
            blanks.Hold(4);
            var released = blanks.Release().ToList();
            Assert.Equal(new long[] { 3, 4 }, released.Select(i => i.Line));
            Assert.All(released, i => Assert.Equal(RuleCodes.EmptyRow, i.Code));
            Assert.Null(blanks.PaddingWarning());
            blanks.Hold(9);
            Assert.Contains("ends with 1 empty row (input row 9 is empty", blanks.PaddingWarning());
        }

        [Fact]
        public void Holding_a_million_empty_rows_keeps_no_row()
        {
            var blanks = new TrailingBlankRows("input row");
            for (var row = 1L; row <= 1_000_000; row++) blanks.Hold(row);
            Assert.Equal(1_000_000, blanks.Held);
            Assert.Contains("input rows 1-1000000", blanks.PaddingWarning());
        }

        [Theory]
        [InlineData("05.12.2026")]
        [InlineData("5.12.2026")]
        [InlineData("05-12-2026")]
        [InlineData("5-12-2026 10:00")]
        [InlineData("05.12.2026 23:59:59")]
        [InlineData("05/12/2026")]
        public void Day_first_reads_what_day_first_exports_write(string text)
        {
            var issues = new List<CsvIssue>();
            Assert.Equal(new DateTime(2026, 12, 5), FieldRules.CheckDate(1, text, issues, new DateConvention(DateOrder.DayFirst, "input row")));
            Assert.Empty(issues);
        }

        [Theory]
        [InlineData("05.12.2026", "-DateOrder DayFirst reads it as 2026-12-05")]
        [InlineData("05-12-2026", "-DateOrder DayFirst reads it as 2026-12-05")]
        [InlineData("25/11/2026", "-DateOrder DayFirst reads it as 2026-11-25")]
        [InlineData("05/12/26", "it could be 2026-05-12 (month first) or 2026-12-05 (day first)")]
        [InlineData("2026/12/05", "neither ISO-8601 nor M/D/YYYY")]
        [InlineData("2026.12.05", "write 2026-12-05")]
        public void Each_refused_form_has_its_own_hint(string text, string hint)
        {
            var issues = new List<CsvIssue>();
            Assert.Null(FieldRules.CheckDate(1, text, issues, new DateConvention(DateOrder.Unstated, "line")));
            Assert.Contains(hint, Assert.Single(issues).Message);
            Assert.DoesNotContain("reads slashes", text.Contains("/") ? string.Empty : issues[0].Message);
        }

        [Fact]
        public void A_file_read_day_first_is_told_to_send_it_with_the_same_order()
        {
            var dates = new DateConvention(DateOrder.DayFirst, "line");
            FieldRules.CheckDate(1, "05.12.2026", new List<CsvIssue>(), dates);
            FieldRules.CheckDate(2, "2026-12-05", new List<CsvIssue>(), dates);
            Assert.Equal(1, dates.ReadDayFirst);
            Assert.Contains("Submit-AchieveItUpdates -Path 'x.csv' -DateOrder DayFirst sends it rewritten", dates.FileWarning("x.csv"));
            Assert.StartsWith("1 date was read day first", dates.FileWarning("x.csv"));
        }

        [Theory]
        [InlineData('\u0080')]
        [InlineData('\u0096')]
        [InlineData('\u009F')]
        public void A_C1_control_character_in_a_comment_is_ControlCharacter_with_the_encoding_hint(char c)
        {
            var issues = new List<CsvIssue>();
            Assert.Null(UpdateBuilder.FromValues(4, "KPI-1", "On Track", null, "2026-11-28", "a" + c + "b", issues));
            var issue = Assert.Single(issues);
            Assert.Equal(RuleCodes.ControlCharacter, issue.Code);
            Assert.Equal("Comment", issue.Column);
            Assert.Contains(EncodingAdvice.AnsiImport, issue.Message);
            Assert.DoesNotContain("Encoding Latin1 (", issue.Message);
        }

        [Theory]
        [InlineData("Q4 \u0080 on track", "Status")]
        [InlineData("KPI-\u0096-1", "External ID")]
        public void A_C1_control_character_in_a_status_or_an_ID_is_ControlCharacter_with_the_encoding_hint(string text, string column)
        {
            var issues = new List<CsvIssue>();
            var id = column == "Status" ? "KPI-1" : text;
            var status = column == "Status" ? text : "On Track";
            Assert.Null(UpdateBuilder.FromValues(4, id, status, null, "2026-11-28", "", issues));
            var issue = Assert.Single(issues);
            Assert.Equal(RuleCodes.ControlCharacter, issue.Code);
            Assert.Equal(column, issue.Column);
            Assert.Contains(EncodingAdvice.AnsiImport, issue.Message);
        }

        [Fact]
        public void The_ANSI_hint_is_the_one_the_running_PowerShell_takes()
        {
            // Windows PowerShell 5.1 runs on .NET Framework (Mono stands in for it in the Framework leg) and has no Latin1 or 1252 name.
            Assert.Contains(AchieveIt.Http.FrameworkRuntime.IsRunning ? "Import-Csv -Encoding Default" : "Import-Csv -Encoding 1252", EncodingAdvice.AnsiImport);
            Assert.DoesNotContain("Latin1 (", EncodingAdvice.ReadWithItsEncoding);
        }

        [Fact]
        public void A_double_too_large_for_AchieveIt_says_so()
        {
            var issues = new List<CsvIssue>();
            Assert.Null(FieldRules.CheckMetric(1, double.MaxValue, issues));
            Assert.Contains("too large for AchieveIt", issues[0].Message);
            Assert.Null(FieldRules.CheckMetric(1, double.NaN, issues));
            Assert.Contains("NaN", issues[1].Message);
        }

        [Theory]
        [InlineData(1, 3, "1 of 3 rows is")]
        [InlineData(2, 3, "2 of 3 rows are")]
        [InlineData(1, 1, "1 of 1 row is")]
        public void Counts_agree_with_their_verb(long part, long whole, string text) => Assert.Equal(text, Counting.PartOf(part, whole, "row", "is", "are"));

        [Fact]
        public void A_metric_for_an_item_the_plan_says_has_none_is_a_warning()
        {
            var builder = new AchieveIt.Plans.PlanItems.Builder("plan.csv");
            builder.Add("KPI-1", false, "line 2");
            builder.Add("KPI-2", null, "line 3");
            var plan = builder.Build();
            var issues = new List<CsvIssue>();
            Assert.True(plan.Check(5, new ProgressUpdate("KPI-1", "On Track", 3m, new DateTime(2026, 11, 28), null), issues));
            var issue = Assert.Single(issues);
            Assert.Equal(RuleCodes.UnexpectedMetricValue, issue.Code);
            Assert.Equal(IssueSeverity.Warning, issue.Severity);
            Assert.Contains("'KPI-1' has no metric", issue.Message);
            issues.Clear();
            Assert.True(plan.Check(6, new ProgressUpdate("KPI-2", "On Track", 3m, new DateTime(2026, 11, 28), null), issues));
            Assert.Empty(issues); // the plan says nothing about KPI-2's metric
        }
    }
}

namespace AchieveIt.Tests.Rules
{
    /// <summary>What an attacker round on the issue's changes found: edges that crashed, and text that could carry a secret.</summary>
    public class AdminInputHardeningTests
    {
        [Theory]
        [InlineData("9999-W52-7")]
        [InlineData("9999W527")]
        [InlineData("2026-W00-1")]
        public void Week_dates_at_the_edges_are_rule_errors_not_crashes(string text)
        {
            var issues = new List<CsvIssue>();
            Assert.Null(FieldRules.CheckDate(1, text, issues));
            Assert.Equal(RuleCodes.InvalidAsOfDate, Assert.Single(issues).Code);
        }

        [Fact]
        public void The_largest_double_has_a_shortest_text_on_every_runtime() =>
            Assert.Equal(double.MaxValue, double.Parse(AchieveIt.Csv.CsvFormat.Shortest(double.MaxValue), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture));

        [Theory]
        [InlineData("{\"message\":\"bad key \\u0066\\u0033a9c2d1e4b5a6978812a0b1c2d3e4f5\"}")]
        [InlineData("bad key f3a9c2d1e4b5a6978812a0b1c2d3e4f%35")]
        [InlineData("bad key \\u0046\\u0033 F3 f3a9c2d1e4b5a6978812a0b1c2d3e4f5")]
        public void A_key_escaped_in_a_servers_text_is_redacted_too(string text)
        {
            var key = AchieveIt.Http.ApiKey.FromText("f3a9c2d1e4b5a6978812a0b1c2d3e4f5");
            var shown = key.RedactFrom(text);
            Assert.DoesNotContain("f3a9c2d1e4b5a6978812a0b1c2d3e4f5", shown.Replace("\\u0066\\u0033", string.Empty) + Uri.UnescapeDataString(System.Text.RegularExpressions.Regex.Unescape(shown)));
            Assert.Contains("****", shown);
        }

        [Fact]
        public void A_servers_text_never_drives_the_terminal() =>
            Assert.DoesNotContain("\u001b", AchieveIt.Http.ServerText.Shorten("\u001b]0;title\u0007 \u009b2J"), StringComparison.Ordinal);
    }
}
