using System;
using System.Collections.Generic;
using System.Globalization;
using AchieveIt.Csv;
using AchieveIt.Rules;

namespace AchieveIt.Tests.Rules
{
    /// <summary>The check keeps a number's text when it is already what the wire writes; the bytes are the same either way.</summary>
    public class MetricTextTests
    {
        [Theory]
        [InlineData("0")]
        [InlineData("-0")]
        [InlineData("0.0")]
        [InlineData("-0.000")]
        [InlineData("-0.5")]
        [InlineData("007")]
        [InlineData(".5")]
        [InlineData("1.50")]
        [InlineData("12")]
        [InlineData("0.45")]
        [InlineData("-3.5")]
        [InlineData("10")]
        [InlineData("100.001")]
        [InlineData("00.5")]
        [InlineData("0.1234567890123456789")]
        [InlineData("12345678901234567890")]
        [InlineData("123456789012345678901")]
        [InlineData("0.12345678901234567890123456789")]
        [InlineData(" 42 ")]
        public void The_text_sent_is_the_number_formatted_whatever_way_it_was_written(string text)
        {
            var update = UpdateBuilder.FromValues(1, "KPI-1", "On Track", text, "2026-11-28", null, new List<CsvIssue>());
            var expected = CsvFormat.FormatMetric(decimal.Parse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));
            Assert.Equal(expected, update.MetricText);
        }

        [Theory]
        [InlineData("1e400")]
        [InlineData("-1E400")]
        [InlineData("1e30")]
        public void A_number_with_an_exponent_too_large_for_a_decimal_is_a_row_error_that_says_so(string text)
        {
            var issues = new List<CsvIssue>();
            Assert.Null(FieldRules.CheckMetric(7, text, issues));
            var issue = Assert.Single(issues);
            Assert.Equal((RuleCodes.InvalidMetricValue, 7L), (issue.Code, issue.Line));
            Assert.Contains("too large for AchieveIt", issue.Message);
        }
    }
}
