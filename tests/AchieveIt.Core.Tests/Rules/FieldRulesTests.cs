using System;
using System.Collections.Generic;
using AchieveIt.Rules;

namespace AchieveIt.Tests.Rules
{
    public class FieldRulesTests
    {
        [Theory]
        [InlineData("0.54", "0.54")]
        [InlineData(".2", "0.2")]
        [InlineData("12", "12")]
        [InlineData("-3.5", "-3.5")]
        [InlineData("0", "0")]
        public void Plain_numbers_are_metric_values(string text, string expected)
        {
            var issues = new List<CsvIssue>();
            var value = FieldRules.CheckMetric(1, text, issues);
            Assert.Empty(issues);
            Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
        }

        [Fact]
        public void An_empty_metric_is_no_metric()
        {
            var issues = new List<CsvIssue>();
            Assert.Null(FieldRules.CheckMetric(1, "", issues));
            Assert.Empty(issues);
        }

        [Theory]
        [InlineData("20%", "write 0.2")]
        [InlineData("1,234.5", "thousands separators: write 1234.5")]
        [InlineData("1,5", "decimal separator: write 1.5")]
        [InlineData("$12", "currency sign: write 12")]
        [InlineData("1e3", "without an exponent: 1000")]
        [InlineData("12.", "plain number such as")]
        [InlineData("abc", "plain number such as")]
        [InlineData("- 3", "plain number such as")]
        public void Other_numbers_are_rejected_with_a_hint(string text, string hint)
        {
            var issues = new List<CsvIssue>();
            Assert.Null(FieldRules.CheckMetric(7, text, issues));
            var issue = Assert.Single(issues);
            Assert.Equal(RuleCodes.InvalidMetricValue, issue.Code);
            Assert.Equal(7, issue.Line);
            Assert.Equal("Current Metric Value", issue.Column);
            Assert.Contains(hint, issue.Message);
        }

        [Theory]
        [InlineData("2025-07-03", 2025, 7, 3)]
        [InlineData("07/03/2025", 2025, 7, 3)]
        [InlineData("7/3/2025", 2025, 7, 3)]
        [InlineData("2025-07-03T14:30:00Z", 2025, 7, 3)]
        [InlineData("2026-11-01T23:30:00-05:00", 2026, 11, 1)]
        [InlineData("2026-11-01T00:30:00+14:00", 2026, 11, 1)]
        [InlineData("2026-11-01 10:00:00.123", 2026, 11, 1)]
        [InlineData("2024-02-29", 2024, 2, 29)]
        [InlineData("20261127", 2026, 11, 27)]
        [InlineData("20261127T220000", 2026, 11, 27)]
        [InlineData("20261127T2200Z", 2026, 11, 27)]
        [InlineData("20261127T220000+0100", 2026, 11, 27)]
        [InlineData("2026-11-27T22", 2026, 11, 27)]
        [InlineData("2026-11-27T22:00", 2026, 11, 27)]
        [InlineData("2026-11-27T22:00:00,5-03:30", 2026, 11, 27)]
        [InlineData("2026-11-27t23:59:59z", 2026, 11, 27)]
        [InlineData("2026-W48-5", 2026, 11, 27)]
        [InlineData("2026W485", 2026, 11, 27)]
        [InlineData("2026-W48-5T10:00:00Z", 2026, 11, 27)]
        [InlineData("2020-W53-7", 2021, 1, 3)]
        [InlineData("2026-W01-1", 2025, 12, 29)]
        [InlineData("2026-331", 2026, 11, 27)]
        [InlineData("2026331", 2026, 11, 27)]
        [InlineData("2024-366", 2024, 12, 31)]
        [InlineData("2026-331T08:00", 2026, 11, 27)]
        [InlineData("11/27/2026 10:00:00 PM", 2026, 11, 27)]
        [InlineData("11/27/2026 10:00 PM", 2026, 11, 27)]
        [InlineData("11/27/2026 10:00 pm", 2026, 11, 27)]
        [InlineData("11/27/2026 12:30:00 AM", 2026, 11, 27)]
        [InlineData("11/27/2026 22:00", 2026, 11, 27)]
        [InlineData("11/27/2026 22:00:59", 2026, 11, 27)]
        [InlineData("1/2/2026 0:05", 2026, 1, 2)]
        public void Dates_are_taken_as_written(string text, int year, int month, int day)
        {
            var issues = new List<CsvIssue>();
            Assert.Equal(new DateTime(year, month, day), FieldRules.CheckDate(1, text, issues));
            Assert.Empty(issues);
        }

        [Theory]
        [InlineData("2025-13-01", "month 13")]
        [InlineData("2025-02-29", "no day 29")]
        [InlineData("31/12/2025", "write 2025-12-31")]
        [InlineData("27/11/2026", "write 2026-11-27")]
        [InlineData("27.11.2026", "write 2026-11-27")]
        [InlineData("3.7.2025", "write 2025-07-03")]
        [InlineData("27-11-2026", "write 2026-11-27")]
        [InlineData("27/11/2026 10:00", "day first")]
        [InlineData("2026-W54-1", "53 ISO weeks")]
        [InlineData("2025-W53-1", "52 ISO weeks")]
        [InlineData("2026-W48-8", "1 is Monday")]
        [InlineData("2025-366", "365 days")]
        [InlineData("11/27/2026 13:00 PM", "ISO-8601")]
        [InlineData("11/27/2026 10 PM", "ISO-8601")]
        [InlineData("2026-11", "ISO-8601")]
        [InlineData("202611", "ISO-8601")]
        [InlineData("2026-11-27T10:00+15:00", "ISO-8601")]
        [InlineData("2025.07.03", "ISO-8601")]
        [InlineData("3 July 2025", "ISO-8601")]
        [InlineData("2025-07-03T25:00", "ISO-8601")]
        [InlineData("2025-07-03Tnoon", "ISO-8601")]
        public void Other_dates_are_rejected(string text, string hint)
        {
            var issues = new List<CsvIssue>();
            Assert.Null(FieldRules.CheckDate(3, text, issues));
            var issue = Assert.Single(issues);
            Assert.Equal(RuleCodes.InvalidAsOfDate, issue.Code);
            Assert.Equal("As Of Date", issue.Column);
            Assert.Contains(hint, issue.Message);
        }

        [Fact]
        public void A_long_value_is_shortened_in_the_issue()
        {
            var issues = new List<CsvIssue>();
            FieldRules.CheckStatus(1, new string('x', 5000), issues);
            Assert.True(Assert.Single(issues).Value.Length <= 40);
            Assert.True(issues[0].Message.Length < 300);
        }

        [Fact]
        public void An_external_id_can_break_several_rules_at_once()
        {
            var issues = new List<CsvIssue>();
            FieldRules.CheckExternalId(1, "External,\"1\"", issues);
            Assert.Equal(new[] { RuleCodes.ExternalIdContainsExternal, RuleCodes.ExternalIdHasComma, RuleCodes.ExternalIdHasQuote },
                issues.ConvertAll(i => i.Code));
        }

        [Theory]
        [InlineData("KPI 1/a-b_c.d")]
        [InlineData("Ä-ß 日本")]
        public void Spaces_and_special_characters_are_fine_in_an_external_id(string id)
        {
            var issues = new List<CsvIssue>();
            FieldRules.CheckExternalId(1, id, issues);
            Assert.Empty(issues);
        }
    }
}
