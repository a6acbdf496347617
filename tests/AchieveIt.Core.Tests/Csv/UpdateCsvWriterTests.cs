using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using AchieveIt.Csv;

namespace AchieveIt.Tests.Csv
{
    public class UpdateCsvWriterTests
    {
        private static readonly ProgressUpdate Plain = new ProgressUpdate("KPI-1", "On Track", 0.1m, new DateTime(2026, 11, 28), "");
        private static readonly ProgressUpdate Commented = new ProgressUpdate("KPI 2", "At Risk", null, new DateTime(2026, 1, 5), "late, \"blocked\"\nby vendor");

        private static byte[] Spool(params ProgressUpdate[] updates)
        {
            using (var spool = new UpdateSpool())
            {
                foreach (var update in updates) spool.Add(update);
                var path = spool.Complete();
                try
                {
                    return File.ReadAllBytes(path);
                }
                finally
                {
                    File.Delete(path);
                }
            }
        }

        [Fact]
        public void Writes_the_header_crlf_and_no_comment_column_when_no_update_has_a_comment()
        {
            var text = Encoding.UTF8.GetString(Spool(Plain));
            Assert.Equal("External ID,Status,Metric Value,As Of Date\r\nKPI-1,On Track,0.1,2026-11-28\r\n", text);
        }

        [Fact]
        public void Adds_the_comment_column_to_every_row_once_a_comment_appears()
        {
            var text = Encoding.UTF8.GetString(Spool(Plain, Plain, Commented));
            Assert.Equal(
                "External ID,Status,Metric Value,As Of Date,Comment\r\n" +
                "KPI-1,On Track,0.1,2026-11-28,\r\n" +
                "KPI-1,On Track,0.1,2026-11-28,\r\n" +
                "KPI 2,At Risk,,2026-01-05,\"late, \"\"blocked\"\"\nby vendor\"\r\n", text);
        }

        [Theory]
        [InlineData("\r")]
        [InlineData("\n")]
        [InlineData("a\rb")]
        [InlineData("\r\n")]
        [InlineData(" ")]
        [InlineData("\t")]
        [InlineData(" padded ")]
        public void Comments_with_lone_line_breaks_or_edge_spaces_read_back_unchanged(string comment)
        {
            var update = new ProgressUpdate("KPI-1", "On Track", null, new DateTime(1986, 11, 18), comment);
            var (validation, rows) = CsvText.Read(Spool(update));
            Assert.Empty(validation.Issues);
            Assert.Equal(update, Assert.Single(rows));
        }

        [Fact]
        public void Never_writes_a_byte_order_mark()
        {
            Assert.NotEqual(0xEF, Spool(Plain)[0]);
        }

        [Theory]
        [InlineData("0.1", "0.1")]
        [InlineData("12.500", "12.5")]
        [InlineData("-0.000", "0")]
        [InlineData("0.0000001", "0.0000001")]
        [InlineData("123456789012345678", "123456789012345678")]
        public void Numbers_have_no_exponent_and_no_trailing_noise(string value, string written)
        {
            Assert.Equal(written, CsvFormat.FormatMetric(decimal.Parse(value, CultureInfo.InvariantCulture)));
        }

        [Fact]
        public void A_double_keeps_its_short_form()
        {
            var issues = new System.Collections.Generic.List<CsvIssue>();
            var update = AchieveIt.Rules.UpdateBuilder.FromValues(1, "K", "On Track", 0.1d, "2026-01-01", null, issues);
            Assert.Equal("0.1", CsvFormat.FormatMetric(update.MetricValue));
            update = AchieveIt.Rules.UpdateBuilder.FromValues(1, "K", "On Track", 0.1f, "2026-01-01", null, issues);
            Assert.Equal("0.1", CsvFormat.FormatMetric(update.MetricValue));
            Assert.Empty(issues);
        }

        [Fact]
        public void The_bytes_do_not_depend_on_the_culture()
        {
            var original = Thread.CurrentThread.CurrentCulture;
            try
            {
                var expected = Spool(Plain, Commented);
                foreach (var name in new[] { "de-DE", "fr-FR", "tr-TR", "ar-SA", "th-TH" })
                {
                    Thread.CurrentThread.CurrentCulture = new CultureInfo(name);
                    Assert.Equal(expected, Spool(Plain, Commented));
                }
            }
            finally
            {
                Thread.CurrentThread.CurrentCulture = original;
            }
        }

        [Fact]
        public void The_temporary_file_is_deleted_when_not_completed()
        {
            string folder = Path.Combine(Path.GetTempPath(), "spool-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                using (var spool = new UpdateSpool(folder))
                {
                    spool.Add(Plain);
                    spool.Add(Commented); // forces the rewrite with a Comment column
                }

                Assert.Empty(Directory.GetFiles(folder));
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }

        [Fact]
        public void The_batcher_splits_into_files_of_batch_size_rows()
        {
            using (var batcher = new UpdateBatcher(null, 2))
            {
                var issues = new System.Collections.Generic.List<CsvIssue>();
                for (var i = 0; i < 5; i++) batcher.Add(i + 1, new ProgressUpdate("K" + i, "On Track", i, new DateTime(2026, 1, 1), ""), issues);
                var files = batcher.Complete();
                Assert.Equal(new long[] { 2, 2, 1 }, files.Select(f => f.RowCount));
                foreach (var file in files)
                {
                    Assert.Empty(CsvValidator.ValidateFile(file.Path).Issues);
                    File.Delete(file.Path);
                }
            }
        }

        [Theory]
        [InlineData(0)] // no comment: the file has no Comment column
        [InlineData(1)] // the first row's comment
        [InlineData(3)] // a late comment: the file is rewritten with the column
        public void A_hash_only_spool_writes_no_file_and_hashes_the_bytes_the_file_would_hold(int commentAt)
        {
            string folder = Path.Combine(Path.GetTempPath(), "spool-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                var updates = Enumerable.Range(1, 4).Select(i => new ProgressUpdate("K" + i, "On Track", i, new DateTime(2026, 1, i), i == commentAt ? "late, \"x\"" : "")).ToList();
                string path, written;
                using (var spool = new UpdateSpool(folder))
                {
                    updates.ForEach(spool.Add);
                    path = spool.Complete();
                    written = spool.Sha256;
                }

                var bytes = File.ReadAllBytes(path);
                File.Delete(path);
                using (var dry = new UpdateSpool(folder, hashOnly: true))
                {
                    updates.ForEach(dry.Add);
                    Assert.Null(dry.Complete());
                    Assert.Equal(written, dry.Sha256);
                }

                Assert.Equal(BitConverter.ToString(System.Security.Cryptography.SHA256.Create().ComputeHash(bytes)).Replace("-", ""), written);
                Assert.Empty(Directory.GetFileSystemEntries(folder));
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }
    }
}
