using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using AchieveIt.Csv;
using AchieveIt.Http;
using AchieveIt.Rules;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AchieveIt.Tests.Rules
{
    /// <summary>Every value the user meant, and a loud word for every value that cannot be taken.</summary>
    public class FidelityTests
    {
        private static ProgressUpdate FromObject(object metric, List<CsvIssue> issues = null) =>
            UpdateBuilder.FromValues(1, "KPI-1", "On Track", metric, "2026-11-28", null, issues ?? new List<CsvIssue>());

        [Theory]
        [InlineData(1.0 / 3, "0.3333333333333333")]
        [InlineData(1e-30, "0.000000000000000000000000000001")]
        [InlineData(1e20, "100000000000000000000")]
        [InlineData(0.1, "0.1")]
        [InlineData(-2.5e-7, "-0.00000025")]
        [InlineData(123456789.125, "123456789.125")]
        [InlineData(-0.0, "0")]
        public void A_double_is_written_as_its_shortest_plain_text(double value, string text)
        {
            Assert.Equal(text, FromObject(value).MetricText);
            Assert.Equal(text, CsvFormat.FormatMetric(value));
        }

        private static Arbitrary<double> AcceptedDoubles =>
            ArbMap.Default.GeneratorFor<double>()
                .Where(d => !double.IsNaN(d) && !double.IsInfinity(d) && Math.Abs(d) < 7.9e28)
                .ToArbitrary();

        [Property(MaxTest = 2000)]
        public Property Every_finite_double_round_trips_through_the_written_text()
        {
            return Prop.ForAll(AcceptedDoubles, d =>
            {
                var text = FromObject(d).MetricText;
                return text.IndexOfAny(new[] { 'E', 'e' }) < 0 &&
                       double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture).Equals(d == 0 ? 0.0 : d) &&
                       FieldRules.CheckMetric(1, text, new List<CsvIssue>()).HasValue; // and our own file check takes it
            });
        }

        [Property(MaxTest = 300)]
        public Property Doubles_written_to_a_file_read_back_as_the_same_doubles()
        {
            return Prop.ForAll(AcceptedDoubles, d =>
            {
                using (var stream = new MemoryStream())
                {
                    using (var writer = new UpdateCsvWriter(stream, false)) writer.Write(FromObject(d));
                    var line = Encoding.UTF8.GetString(stream.ToArray()).Split(new[] { "\r\n" }, StringSplitOptions.None)[1];
                    return double.Parse(line.Split(',')[2], CultureInfo.InvariantCulture).Equals(d == 0 ? 0.0 : d);
                }
            });
        }

        [Theory]
        [InlineData("KPI\r\n1")]
        [InlineData("KPI\n1")]
        [InlineData("KPI\u00001")]
        [InlineData("KPI\t1")]
        [InlineData("KPI\u001b1")]
        public void Control_characters_in_an_external_id_are_an_error(string id)
        {
            var issues = new List<CsvIssue>();
            Assert.Null(UpdateBuilder.FromValues(4, id, "On Track", null, "2026-11-28", null, issues));
            var issue = Assert.Single(issues);
            Assert.Equal(RuleCodes.ExternalIdHasControlCharacter, issue.Code);
            Assert.Equal(4, issue.Line);
        }

        [Fact]
        public void A_control_character_in_an_external_id_of_a_file_is_an_error_too()
        {
            var validation = CsvText.Validate("\"KPI\n1\",On Track,1,2026-11-28\r\n");
            Assert.Contains(validation.Issues, i => i.Code == RuleCodes.ExternalIdHasControlCharacter);
        }

        [Fact]
        public void An_all_blank_object_is_one_EmptyRow_error()
        {
            var issues = new List<CsvIssue>();
            Assert.Null(UpdateBuilder.FromValues(9, "", " ", DBNull.Value, null, "", issues));
            var issue = Assert.Single(issues);
            Assert.Equal(RuleCodes.EmptyRow, issue.Code);
        }

        [Fact]
        public void Text_holding_U_FFFD_is_InvalidEncoding_with_the_Import_Csv_hint()
        {
            var issues = new List<CsvIssue>();
            Assert.Null(UpdateBuilder.FromValues(2, "KPI-1", "On Track", null, "2026-11-28", "Caf\uFFFD", issues));
            var issue = Assert.Single(issues);
            Assert.Equal(RuleCodes.InvalidEncoding, issue.Code);
            Assert.Equal("Comment", issue.Column);
            Assert.Contains("-Encoding", issue.Message);
        }

        [Fact]
        public void An_object_is_judged_by_the_text_it_is_sent_as_too_long_or_broken_without_the_Import_Csv_hint()
        {
            var issues = new List<CsvIssue>();
            Assert.Null(UpdateBuilder.FromValues(4, "KPI-1", "On Track", null, "2026-11-28", new StringBuilder(new string('x', 70000)), issues));
            var tooLong = Assert.Single(issues);
            Assert.Equal(RuleCodes.FieldTooLong, tooLong.Code);
            Assert.Equal("Comment", tooLong.Column);
            Assert.Contains("from an object", tooLong.Message);

            issues.Clear();
            Assert.Null(UpdateBuilder.MetricFromValues(5, "KPI-1", 1m, "2026-11-28", new StringBuilder("Caf\uFFFD"), issues));
            var broken = Assert.Single(issues);
            Assert.Equal(RuleCodes.InvalidEncoding, broken.Code);
            Assert.DoesNotContain("-Encoding", broken.Message);
        }

        [Fact]
        public void A_char_or_a_self_formatting_object_is_judged_by_its_text_too()
        {
            var issues = new List<CsvIssue>();
            Assert.Null(UpdateBuilder.FromValues(9, "KPI-1", "On Track", null, "2026-11-28", '\uFFFD', issues));
            Assert.Equal(RuleCodes.InvalidEncoding, Assert.Single(issues).Code);
            issues.Clear();
            Assert.Null(UpdateBuilder.FromValues(10, "KPI-1", "On Track", null, "2026-11-28", System.Numerics.BigInteger.Pow(10, 70000), issues));
            Assert.Equal(RuleCodes.FieldTooLong, Assert.Single(issues).Code);
        }

        [Fact]
        public void Numbers_dates_and_GUIDs_are_never_judged_as_text()
        {
            var issues = new List<CsvIssue>();
            Assert.NotNull(UpdateBuilder.FromValues(6, Guid.NewGuid(), "On Track", 1.5, new DateTime(2026, 11, 28), 42, issues));
            Assert.Empty(issues);
        }

        [Theory]
        [InlineData(70000, RuleCodes.FieldTooLong)]
        [InlineData(-1, RuleCodes.InvalidEncoding)]
        public void An_update_object_with_a_comment_the_server_would_refuse_is_refused_here(int length, string code)
        {
            // The public constructors take any comment; the check before sending judges it.
            var comment = length < 0 ? "Caf\uFFFD" : new string('x', length);
            var issues = new List<CsvIssue>();
            Assert.Null(UpdateBuilder.Recheck(7, new ProgressUpdate("KPI-1", "On Track", null, new DateTime(2026, 11, 28), comment), issues));
            Assert.Equal(code, Assert.Single(issues).Code);
            Assert.DoesNotContain("Import-Csv", issues[0].Message); // an update object was not read from a file
            issues.Clear();
            Assert.Null(UpdateBuilder.Recheck(8, new MetricUpdate("KPI-1", 1m, new DateTime(2026, 11, 28), comment), issues));
            Assert.Equal(code, Assert.Single(issues).Code);
        }

        [Fact]
        public void A_collection_in_any_column_is_an_error_naming_the_column()
        {
            var issues = new List<CsvIssue>();
            Assert.Null(UpdateBuilder.FromValues(3, new object[] { "A", "B" }, "On Track", new[] { 1, 2 }, "2026-11-28", null, issues));
            Assert.Equal(new[] { "External ID", "Current Metric Value" }, issues.Select(i => i.Column));
            Assert.All(issues, i => Assert.Equal(RuleCodes.NotAValue, i.Code));
            Assert.Contains("2 values", issues[0].Message);
        }

        [Theory]
        [InlineData("Current Value", Column.MetricValue)]
        [InlineData("Notes", Column.Comment)]
        [InlineData("Staus", Column.Status)]
        [InlineData("As Of Dte", Column.AsOfDate)]
        [InlineData("external_id", Column.ExternalId)]
        public void An_unused_name_gets_a_did_you_mean(string name, Column column)
        {
            Assert.Equal(column, PropertyNames.Suggest(name));
        }

        [Fact]
        public void The_warning_names_unused_properties_and_every_accepted_name()
        {
            Assert.Null(PropertyNames.UnusedWarning(new[] { "External ID", "status", "Value", "Date", "Comment" }));
            var warning = PropertyNames.UnusedWarning(new[] { "External ID", "Status", "Current Value", "As Of Date", "Owner" });
            Assert.Contains("'Current Value' (did you mean Current Metric Value?)", warning);
            Assert.Contains("'Owner'", warning);
            Assert.DoesNotContain("'Owner' (did you mean", warning);
            Assert.Contains("Current Metric Value: MetricValue, Current Metric Value, Metric Value, CurrentMetricValue, Value", warning);
            Assert.Contains("-Delimiter ';'", PropertyNames.UnusedWarning(new[] { "External ID;Status;Metric Value;As Of Date" }));
        }

        [Theory]
        [InlineData("KPI-1,On Track,1,2026-11-28\r\n\r\n", "KPI-1,On Track,1,2026-11-28\r\n")]
        [InlineData("KPI-1,On Track,1,2026-11-28\r\n\r\n  \r\n,,,,\r\n", "KPI-1,On Track,1,2026-11-28\r\n")]
        [InlineData("KPI-1,On Track,1,2026-11-28\n,,,", "KPI-1,On Track,1,2026-11-28\n")]
        [InlineData("KPI-1,On Track,,2026-11-28,\r\n", "KPI-1,On Track,,2026-11-28,\r\n")]
        [InlineData("KPI-1,On Track,1,2026-11-28", "KPI-1,On Track,1,2026-11-28")]
        public void Empty_lines_at_the_very_end_are_not_sent(string file, string sent)
        {
            var path = Path.GetTempFileName();
            try
            {
                File.WriteAllText(path, file, new UTF8Encoding(false));
                Assert.Equal(Encoding.UTF8.GetByteCount(sent), UploadBody.EndOfLastRow(path, 0));
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void Empty_lines_at_the_end_are_a_warning_and_between_rows_an_error()
        {
            var trailing = CsvText.Validate("KPI-1,On Track,1,2026-11-28\r\n\r\n\r\n");
            var warning = Assert.Single(trailing.Issues);
            Assert.Equal(RuleCodes.TrailingEmptyLines, warning.Code);
            Assert.Equal(IssueSeverity.Warning, warning.Severity);
            Assert.Equal(2, warning.Line);
            Assert.Contains("2 empty lines (from line", warning.Message);
            var between = CsvText.Validate("KPI-1,On Track,1,2026-11-28\r\n\r\nKPI-2,On Track,1,2026-11-28\r\n\r\n");
            Assert.Equal(new[] { RuleCodes.EmptyRow, RuleCodes.TrailingEmptyLines }, between.Issues.Select(i => i.Code));
            Assert.Equal(2, between.Issues[0].Line);
        }

        [Fact]
        public void The_header_is_Metric_Value_which_both_revisions_accept()
        {
            using (var stream = new MemoryStream())
            {
                using (var writer = new UpdateCsvWriter(stream, false)) writer.Write(FromObject(1));
                Assert.StartsWith("External ID,Status,Metric Value,As Of Date\r\n", Encoding.UTF8.GetString(stream.ToArray()));
            }

            Assert.Empty(CsvText.Validate("External ID,Status,Current Metric Value,As Of Date\r\nK,On Track,1,2026-11-28\r\n").Issues);
        }
    }
}
