using System;
using System.IO;
using System.Linq;
using System.Text;
using AchieveIt.Csv;
using AchieveIt.Rules;

namespace AchieveIt.Tests.Csv
{
    [Collection(MeasuresTheProcess.Name)]
    public class CsvValidatorTests
    {
        public static TheoryData<string, string> VendorShapes => new TheoryData<string, string>
        {
            { "4 columns, no header", "KPI-1,On Track,0.54,2025-07-03\r\nKPI-2,At Risk,,07/03/2025\r\n" },
            { "4 columns, header", "External ID,Status,Current Metric Value,As Of Date\r\nKPI-1,On Track,.2,2025-07-03T14:30:00Z\r\n" },
            { "5 columns, header", "External ID,Status,Current Metric Value,As Of Date,Comment\r\nKPI-1,Achieved,12,2025-07-03,\"Done, finally\"\r\n" },
            { "4 columns, short header", "External ID,Status,Metric Value,As Of Date\r\nKPI-1,Off Track,-3.5,07/03/2025\n" },
            { "5 columns, short header", "external id,STATUS,metric value,as of date,comment\nKPI-1,not started,,2025-07-03,\n" },
            { "LF only, no final break", "KPI-1,Canceled,1,2025-07-03\nKPI-2,Not Achieved,2,2025-07-04" },
        };

        [Theory]
        [MemberData(nameof(VendorShapes))]
        public void The_vendors_file_shapes_validate(string name, string text)
        {
            var validation = CsvText.Validate(text);
            Assert.True(validation.Issues.Count == 0, name + ": " + CsvText.Describe(validation));
            Assert.True(validation.RowCount >= 1);
        }

        // Every rule code of docs/CONTRACT.md §3, broken once, with the line and column the issue must name.
        public static TheoryData<string, string, long, string> BrokenRules => new TheoryData<string, string, long, string>
        {
            { "H,Status,Current Metric Value,As Of Date\r\n", RuleCodes.HeaderOrder, 1, "" },
            { "KPI-1,On Track,1,2025-01-01\r\n,On Track,1,2025-01-01\r\n", RuleCodes.MissingExternalId, 2, "External ID" },
            { "KPI-1,On Track,1,2025-01-01\r\nMy External KPI,On Track,1,2025-01-01\r\n", RuleCodes.ExternalIdContainsExternal, 2, "External ID" },
            { "\"KPI,1\",On Track,1,2025-01-01\r\n", RuleCodes.ExternalIdHasComma, 1, "External ID" },
            { "\"KPI\"\"1\",On Track,1,2025-01-01\r\n", RuleCodes.ExternalIdHasQuote, 1, "External ID" },
            { "KPI-1,On-Track,1,2025-01-01\r\n", RuleCodes.InvalidStatus, 1, "Status" },
            { "KPI-1,On Track,20%,2025-01-01\r\n", RuleCodes.InvalidMetricValue, 1, "Current Metric Value" },
            { "KPI-1,On Track,1,\r\n", RuleCodes.MissingAsOfDate, 1, "As Of Date" },
            { "KPI-1,On Track,1,2025-02-30\r\n", RuleCodes.InvalidAsOfDate, 1, "As Of Date" },
            { "KPI-1,On Track,1,2025-01-01\r\n\r\nKPI-2,On Track,1,2025-01-01\r\n", RuleCodes.EmptyRow, 2, "" },
            { "KPI-1,On Track,1,2025-01-01\r\n   \r\nKPI-2,On Track,1,2025-01-01\r\n", RuleCodes.EmptyRow, 2, "" },
            { "KPI-1,On Track,1,2025-01-01\r\n,,,\r\nKPI-2,On Track,1,2025-01-01\r\n", RuleCodes.EmptyRow, 2, "" },
            { "KPI-1,On Track,1,2025-01-01\r\n,,,\r\n", RuleCodes.TrailingEmptyLines, 2, "" },
            { "KPI-1,On Track,1,2025-01-01\r\nKPI-2,On Track,1\r\n", RuleCodes.ColumnCount, 2, "" },
            { "KPI-1,On Track,1,2025-01-01\r\nKPI-2,On Track,1,2025-01-01,c\r\n", RuleCodes.ColumnCount, 2, "" },
            { "External ID,Status,As Of Date,Current Metric Value\r\nKPI-1,On Track,2025-01-01,1\r\n", RuleCodes.HeaderOrder, 1, "" },
            { "Status,External ID,Current Metric Value,As Of Date\r\nOn Track,KPI-1,1,2025-01-01\r\n", RuleCodes.HeaderOrder, 1, "External ID" },
            { "#TYPE System.Management.Automation.PSCustomObject\r\nExternal ID,Status,Current Metric Value,As Of Date\r\nKPI-1,On Track,1,2025-01-01\r\n", RuleCodes.TypeInformationLine, 1, "" },
            { "\uFEFFKPI-1,On Track,1,2025-01-01\r\n", RuleCodes.ByteOrderMark, 1, "" },
            { "KPI-1,On Track,1,2025-01-01\r\nKPI-1,Off Track,2,2025-01-01\r\n", RuleCodes.DuplicateUpdate, 2, "External ID" },
            { "KPI-1,On Track,1,2025-01-01,say \"hi\"\r\n", RuleCodes.InvalidQuoting, 1, "" },
            { "", RuleCodes.NoRows, 1, "" },
            { "External ID,Status,Current Metric Value,As Of Date\r\n", RuleCodes.NoRows, 1, "" },
        };

        [Theory]
        [MemberData(nameof(BrokenRules))]
        public void Every_rule_reports_its_code_line_and_column(string text, string code, long line, string column)
        {
            var validation = CsvText.Validate(text);
            Assert.Contains(validation.Issues, i => i.Code == code && i.Line == line && i.Column == column);
        }

        [Fact]
        public void Bytes_that_are_not_utf8_are_reported_on_their_line()
        {
            var head = Encoding.UTF8.GetBytes("KPI-1,On Track,1,2025-01-01\r\nKPI-2,On Track,1,2025-01-01,caf");
            var latin1 = new byte[] { 0xE9 }; // "é" in Windows-1252
            var tail = Encoding.UTF8.GetBytes("\r\nKPI-3,On Track,1,2025-01-01,ok\r\n");
            var validation = CsvText.Validate(head.Concat(latin1).Concat(tail).ToArray());
            var issue = Assert.Single(validation.Issues, i => i.Code == RuleCodes.InvalidEncoding);
            Assert.Equal(2, issue.Line);
        }

        [Fact]
        public void Warnings_do_not_make_a_file_invalid_but_errors_do()
        {
            Assert.False(CsvText.Validate("\uFEFFKPI-1,On Track,1,2025-01-01\r\n").HasErrors);
            Assert.True(CsvText.Validate("KPI-1,Done,1,2025-01-01\r\n").HasErrors);
        }

        [Fact]
        public void Quoted_fields_with_commas_quotes_and_line_breaks_keep_line_numbers_right()
        {
            var text = "External ID,Status,Current Metric Value,As Of Date,Comment\r\n" +
                       "KPI-1,On Track,1,2025-01-01,\"two\r\nlines, and \"\"quotes\"\"\"\r\n" +
                       "KPI-2,On Track,1,2025-01-01,\"three\nshort\nlines\"\r\n" +
                       "KPI-3,Bad,1,2025-01-01,\r\n";
            var (validation, rows) = CsvText.Read(Encoding.UTF8.GetBytes(text));
            var issue = Assert.Single(validation.Issues);
            Assert.Equal(RuleCodes.InvalidStatus, issue.Code);
            Assert.Equal(7, issue.Line);
            Assert.Equal("two\r\nlines, and \"quotes\"", rows[0].Comment);
            Assert.Equal(3, validation.RowCount);
            Assert.True(validation.HasHeader);
        }

        [Fact]
        public void A_single_final_line_break_is_not_a_row_and_more_are_a_warning()
        {
            Assert.Empty(CsvText.Validate("KPI-1,On Track,1,2025-01-01\r\n").Issues);
            Assert.Equal(RuleCodes.TrailingEmptyLines, Assert.Single(CsvText.Validate("KPI-1,On Track,1,2025-01-01\r\n\r\n").Issues).Code);
        }

        [Fact]
        public void A_row_with_several_bad_fields_reports_each()
        {
            var codes = CsvText.Validate("KPI-1,Dne,1%,2025-13-01\r\n").Issues.Select(i => i.Code);
            Assert.Equal(new[] { RuleCodes.InvalidStatus, RuleCodes.InvalidMetricValue, RuleCodes.InvalidAsOfDate }, codes);
        }

        [Fact]
        public void A_header_in_another_order_is_read_by_name()
        {
            var (validation, rows) = CsvText.Read(Encoding.UTF8.GetBytes("External ID,As Of Date,Status,Metric Value\r\nKPI-1,2025-01-02,at risk,3\r\n"));
            Assert.Equal(IssueSeverity.Warning, Assert.Single(validation.Issues).Severity);
            Assert.Equal(new ProgressUpdate("KPI-1", "At Risk", 3m, new DateTime(2025, 1, 2), ""), Assert.Single(rows));
        }

        [Fact]
        public void A_100000_row_file_with_one_bad_row_in_the_middle_reports_that_line()
        {
            var text = new StringBuilder("External ID,Status,Current Metric Value,As Of Date\r\n");
            for (var i = 1; i <= 100_000; i++)
            {
                text.Append("KPI-").Append(i).Append(i == 50_000 ? ",Bogus," : ",On Track,").Append(i % 100).Append(",2025-07-03\r\n");
            }

            var validation = CsvText.Validate(text.ToString());
            var issue = Assert.Single(validation.Issues);
            Assert.Equal(50_001, issue.Line);
            Assert.Equal(RuleCodes.InvalidStatus, issue.Code);
            Assert.Equal(100_000, validation.RowCount);
        }

        [Fact]
        public void A_file_with_10000_bad_rows_reports_all_of_them_when_the_limit_allows()
        {
            var text = new StringBuilder();
            for (var i = 1; i <= 10_000; i++) text.Append("KPI-").Append(i).Append(",On Track,1,2025-99-01\r\n");
            var validation = CsvValidator.Validate(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), null, new CsvCheckOptions { IssueLimit = 20_000 });
            Assert.Equal(10_000, validation.Issues.Count(x => x.Code == RuleCodes.InvalidAsOfDate));
            Assert.Equal(Enumerable.Range(1, 10_000).Select(i => (long)i), validation.Issues.Select(x => x.Line));
        }

        [Fact]
        public void By_default_the_first_1000_issues_are_kept_and_every_one_is_counted()
        {
            var text = new StringBuilder();
            for (var i = 1; i <= 5_000; i++) text.Append("KPI-").Append(i).Append(",Bogus,1,2025-99-01\r\n");
            var validation = CsvText.Validate(text.ToString());
            Assert.Equal(1000, validation.Issues.Count);
            Assert.Equal(10_000, validation.Log.ErrorCount);
            Assert.Equal(5_000, validation.Log.CountsByCode[RuleCodes.InvalidStatus]);
            Assert.Equal(5_000, validation.Log.CountsByCode[RuleCodes.InvalidAsOfDate]);
            Assert.Equal(500, validation.Issues.Last().Line);
            Assert.Contains("10000 errors", validation.Log.Summary());
        }

        [Fact]
        public void Stop_at_first_error_reads_no_further()
        {
            var text = new StringBuilder("KPI-1,On Track,1,2025-01-01\r\nKPI-2,Bogus,1,2025-01-01\r\n");
            for (var i = 3; i <= 1000; i++) text.Append("KPI-").Append(i).Append(",Bogus,1,2025-01-01\r\n");
            var validation = CsvValidator.Validate(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), null, new CsvCheckOptions { StopAtFirstError = true });
            Assert.True(validation.StoppedEarly);
            Assert.Equal(1, validation.Log.ErrorCount);
            Assert.Equal(2, validation.RowCount);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void A_field_over_64_KiB_is_FieldTooLong_found_without_reading_it_all(bool quoted)
        {
            var path = Path.GetTempFileName();
            try
            {
                using (var file = new FileStream(path, FileMode.Create))
                {
                    var head = Encoding.ASCII.GetBytes("KPI-1,On Track,1,2025-01-01\r\nKPI-2,On Track,1," + (quoted ? "\"" : string.Empty));
                    file.Write(head, 0, head.Length);
                    var chunk = Enumerable.Repeat((byte)'9', 1 << 20).ToArray();
                    for (var i = 0; i < 200; i++) file.Write(chunk, 0, chunk.Length); // 200 MB in one field
                }

                var before = Portable.AllocatedBytes(); // every thread: the file is parsed on a second one
                var validation = CsvValidator.ValidateFile(path);
                var allocated = Portable.AllocatedBytes() - before;
                var issue = Assert.Single(validation.Issues, i => i.Code == RuleCodes.FieldTooLong);
                Assert.Equal(2, issue.Line);
                Assert.True(validation.StoppedEarly);
                Assert.True(allocated < 50_000_000, $"allocated {allocated} bytes");
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void A_second_read_of_a_checked_file_can_leave_the_duplicate_table_out()
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes("KPI-1,On Track,1,2025-01-01\r\nKPI-1,Off Track,2,2025-01-01\r\n");
            var rows = 0;
            var first = CsvValidator.Validate(new System.IO.MemoryStream(bytes), (line, update) => rows++);
            Assert.Contains(first.Issues, i => i.Code == RuleCodes.DuplicateUpdate);
            var again = CsvValidator.Validate(new System.IO.MemoryStream(bytes), (line, update) => rows++, new CsvCheckOptions { CheckDuplicates = false });
            Assert.Empty(again.Issues);
            Assert.Equal(4, rows); // every valid row is still handed on
        }
    }
}
