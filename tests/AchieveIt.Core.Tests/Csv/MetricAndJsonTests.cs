using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using AchieveIt.Csv;
using AchieveIt.Rules;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AchieveIt.Tests.Csv
{
    /// <summary>Metric updates (their own rules and columns) and the JSON body for progress updates.</summary>
    public class MetricAndJsonTests
    {
        private static CsvValidation Metric(string text) =>
            CsvValidator.Validate(new MemoryStream(Encoding.UTF8.GetBytes(text)), null, new CsvCheckOptions { Kind = UpdateType.Metric });

        [Theory]
        [InlineData("KPI-1,0.5,2026-11-28\r\n")]
        [InlineData("KPI-1,12,11/28/2026,a note\r\n")]
        [InlineData("External ID,Current Metric Value,As Of Date\r\nKPI-1,-3.5,2026-11-28\r\n")]
        [InlineData("External ID,Metric Value,As Of Date,Comment\r\nKPI-1,.2,2026-W48-6,\"x, y\"\r\n")]
        public void Valid_metric_files_have_no_issue(string text) => Assert.Empty(Metric(text).Issues);

        [Theory]
        [InlineData("KPI-1,,2026-11-28\r\n", "MissingMetricValue", 1)]
        [InlineData("KPI-1,20%,2026-11-28\r\n", "InvalidMetricValue", 1)]
        [InlineData("external-1,1,2026-11-28\r\n", "ExternalIdContainsExternal", 1)]
        [InlineData("KPI-1,1,someday\r\n", "InvalidAsOfDate", 1)]
        [InlineData("KPI-1,On Track,1,2026-11-28,\r\n", "ColumnCount", 1)]
        [InlineData("KPI-1,1,2026-11-28\r\n\r\nKPI-2,1,2026-11-28\r\n", "EmptyRow", 2)]
        [InlineData("Status,External ID,Current Metric Value,As Of Date\r\nKPI-1,On Track,1,2026-11-28\r\n", "HeaderOrder", 1)]
        public void Metric_rules_report_code_and_line(string text, string code, long line)
        {
            Assert.Contains(Metric(text).Issues, i => i.Code == code && i.Line == line && i.Severity == IssueSeverity.Error);
        }

        [Fact]
        public void A_header_of_the_other_kind_is_named()
        {
            var asMetric = Metric("External ID,Status,Metric Value,As Of Date\r\nKPI-1,On Track,1,2026-11-28\r\n");
            Assert.Contains(asMetric.Issues, i => i.Message.Contains("progress-updates file"));
            var asProgress = CsvText.Validate("External ID,Current Metric Value,As Of Date\r\nKPI-1,1,2026-11-28\r\n");
            Assert.Contains(asProgress.Issues, i => i.Message.Contains("-UpdateType Metric"));
        }

        [Fact]
        public void A_metric_file_is_written_with_its_own_header_and_reads_back()
        {
            using (var spool = new UpdateSpool(null, UpdateType.Metric))
            {
                spool.Add(new MetricUpdate("KPI-1", 0.5m, new DateTime(2026, 11, 28), null));
                spool.Add(new MetricUpdate("KPI-2", 12m, new DateTime(2026, 11, 28), "late, \"blocked\""));
                var path = spool.Complete();
                try
                {
                    var text = File.ReadAllText(path);
                    Assert.Equal("External ID,Current Metric Value,As Of Date,Comment\r\nKPI-1,0.5,2026-11-28,\r\nKPI-2,12,2026-11-28,\"late, \"\"blocked\"\"\"\r\n", text);
                    Assert.Empty(Metric(text).Issues);
                }
                finally
                {
                    File.Delete(path);
                }
            }
        }

        [Fact]
        public void The_metric_constructor_applies_the_rules_and_the_builder_requires_a_value()
        {
            Assert.StartsWith("ExternalIdHasComma:", Assert.Throws<ArgumentException>(() => new MetricUpdate("A,B", 1m, DateTime.Today, null)).Message);
            var issues = new List<CsvIssue>();
            Assert.Null(UpdateBuilder.MetricFromValues(1, "KPI-1", null, "2026-11-28", null, issues));
            Assert.Equal(RuleCodes.MissingMetricValue, Assert.Single(issues).Code);
        }

        private static readonly char[] TextChars = "aZ 09,\"\\\r\n\t;'é日本Жصא\u2028\u0001".ToCharArray();

        private static Gen<ProgressUpdate> Update =>
            from id in Gen.NonEmptyListOf(Gen.Elements("KPI", "Plan 1", "Ä", "日本", "a/b", "#1", "7")).Select(p => string.Concat(p))
            from status in Gen.Elements(Statuses.All.ToArray())
            from metric in Gen.Frequency((1, Gen.Constant((double?)null)), (3, ArbMap.Default.GeneratorFor<double>().Where(d => !double.IsNaN(d) && !double.IsInfinity(d) && Math.Abs(d) < 7.9e28).Select(d => (double?)d)))
            from days in Gen.Choose(0, 73_000)
            from comment in Gen.ArrayOf(Gen.Elements(TextChars)).Select(c => new string(c))
            select UpdateBuilder.FromValues(1, id, status, metric, new DateTime(1950, 1, 1).AddDays(days), comment, new List<CsvIssue>());

        private static byte[] WriteJson(IEnumerable<ProgressUpdate> updates)
        {
            using (var stream = new MemoryStream())
            {
                using (var writer = new UpdateJsonWriter(stream))
                {
                    foreach (var u in updates) writer.Write(u);
                }

                return stream.ToArray();
            }
        }

        [Property(MaxTest = 300)]
        public Property Every_valid_update_written_as_json_reads_back_equal()
        {
            return Prop.ForAll(Gen.ListOf(Update).Select(l => l.Where(u => u != null).ToArray()).ToArbitrary(), updates =>
            {
                using (var document = JsonDocument.Parse(WriteJson(updates)))
                {
                    var items = document.RootElement.EnumerateArray().ToArray();
                    if (items.Length != updates.Length) return false;
                    for (var i = 0; i < items.Length; i++)
                    {
                        var u = updates[i];
                        var item = items[i];
                        var hasMetric = item.TryGetProperty("metricValue", out var metric);
                        var hasComment = item.TryGetProperty("comment", out var comment);
                        var same = item.GetProperty("externalId").GetString() == u.ExternalId &&
                                   item.GetProperty("status").GetString() == u.Status &&
                                   item.GetProperty("asOfDate").GetString() == CsvFormat.FormatDate(u.AsOfDate) &&
                                   hasMetric == (u.MetricText.Length > 0) &&
                                   (!hasMetric || metric.ValueKind == JsonValueKind.Number && metric.GetRawText() == u.MetricText) &&
                                   hasComment == (u.Comment.Length > 0) &&
                                   (!hasComment || comment.GetString() == u.Comment);
                        if (!same) return false;
                    }

                    return true;
                }
            });
        }

        [Fact]
        public void Json_is_byte_identical_in_every_culture()
        {
            var updates = new[]
            {
                UpdateBuilder.FromValues(1, "KPI-1", "on track", 1234.5, new DateTime(2026, 11, 28), "ü, \"x\"", new List<CsvIssue>()),
                UpdateBuilder.FromValues(2, "KPI-2", "At Risk", null, "2026-03-01", null, new List<CsvIssue>()),
            };
            var original = Thread.CurrentThread.CurrentCulture;
            try
            {
                var bytes = new List<byte[]>();
                foreach (var name in new[] { "en-US", "de-DE", "th-TH", "ar-SA", "tr-TR" })
                {
                    Thread.CurrentThread.CurrentCulture = new CultureInfo(name);
                    bytes.Add(WriteJson(updates));
                }

                Assert.All(bytes, b => Assert.Equal(bytes[0], b));
                Assert.Equal("[\n{\"externalId\":\"KPI-1\",\"status\":\"On Track\",\"metricValue\":1234.5,\"asOfDate\":\"2026-11-28\",\"comment\":\"ü, \\\"x\\\"\"},\n" +
                             "{\"externalId\":\"KPI-2\",\"status\":\"At Risk\",\"asOfDate\":\"2026-03-01\"}\n]\n", Encoding.UTF8.GetString(bytes[0]));
            }
            finally
            {
                Thread.CurrentThread.CurrentCulture = original;
            }
        }
    }
}
