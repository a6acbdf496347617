using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AchieveIt.Csv;
using AchieveIt.Http;
using AchieveIt.Rules;
using AchieveIt.Submissions;
using AchieveIt.Tests.Submissions;

namespace AchieveIt.Tests.Csv
{
    /// <summary>Hostile input costs bounded memory and says what it is; control characters never reach a message raw; a body cut short is not queued.</summary>
    [Collection(MeasuresTheProcess.Name)]
    public class BoundedInputTests
    {
        private const string Header = "External ID,Status,Metric Value,As Of Date\n";

        private static CsvValidation Check(Stream stream) => CsvValidator.Validate(stream, null, new CsvCheckOptions());

        private static Stream Line(string header, char fill, int megabytes, string separator = "")
        {
            var body = new MemoryStream();
            var head = Encoding.ASCII.GetBytes(header);
            body.Write(head, 0, head.Length);
            var unit = Encoding.ASCII.GetBytes(fill + separator);
            var chunk = Enumerable.Repeat(unit, 1024 * 1024 / unit.Length).SelectMany(b => b).ToArray();
            for (var i = 0; i < megabytes; i++) body.Write(chunk, 0, chunk.Length);
            body.Position = 0;
            return body;
        }

        [Theory]
        [InlineData(',', "", "ColumnCount", "more than 64 fields")]
        [InlineData('a', ",", "ColumnCount", "more than 64 fields")]
        [InlineData('x', "", "FieldTooLong", "longer than 64 KiB")]
        public void A_50_MB_line_is_stopped_at_the_limit_with_bounded_memory(char fill, string separator, string code, string wording)
        {
            using (var stream = Line(Header, fill, 50, separator))
            {
                GC.Collect();
                var before = Portable.AllocatedBytes();
                var result = Check(stream);
                var allocated = Portable.AllocatedBytes() - before;
                var issue = Assert.Single(result.Issues, i => i.Severity == IssueSeverity.Error);
                Assert.Equal(code, issue.Code);
                Assert.Contains(wording, issue.Message);
                Assert.Equal(2, issue.Line);
                Assert.True(allocated < 64L * 1024 * 1024, $"the check allocated {allocated / 1024 / 1024} MB");
            }
        }

        [Fact]
        public void A_quoted_comment_full_of_commas_is_not_counted_as_fields()
        {
            var comment = "\"" + string.Join(",", Enumerable.Repeat("a", 500)) + "\"";
            using (var stream = new MemoryStream(Encoding.UTF8.GetBytes("External ID,Status,Metric Value,As Of Date,Comment\r\nKPI-1,On Track,1,2026-11-28," + comment + "\r\n\"KPI-2\",\"On Track\",\"\",\"2026-11-28\",\"say \"\"a,b\"\"\"\r\n")))
            {
                var result = Check(stream);
                Assert.Equal(2, result.RowCount);
                Assert.False(result.HasErrors);
            }
        }

        [Fact]
        public void A_NUL_in_a_comment_is_refused_and_no_message_holds_a_control_character()
        {
            var issues = new System.Collections.Generic.List<CsvIssue>();
            Assert.Null(UpdateBuilder.FromText(3, "KPI-1", "On Track", "1", "2026-11-28", "before\0after", issues));
            Assert.Equal(RuleCodes.NulCharacter, Assert.Single(issues).Code);
            issues.Clear();
            Assert.Null(UpdateBuilder.FromText(3, "KPI\0-1", "On\0Track", "1\0", "2026-11-28\0", "ok", issues));
            Assert.NotEmpty(issues);
            foreach (var issue in issues)
            {
                Assert.DoesNotContain(issue.Message, char.IsControl);
                Assert.DoesNotContain(issue.Value, char.IsControl);
            }

            Assert.Contains(issues, i => i.Message.Contains("\\u0000") || i.Value.Contains("\\u0000"));
        }

        [Theory]
        [InlineData("nightly.csv", "nightly.csv")]
        [InlineData("export [2026-11-28].csv", "export _2026-11-28_.csv")]
        [InlineData("a*b?c.csv", "a_b_c.csv")]
        [InlineData("[draft] kpis.csv", "draft_ kpis.csv")]
        [InlineData("Übersicht.csv", "bersicht.csv")]
        [InlineData("[].csv", "csv")]
        public void A_file_name_AchieveIt_refuses_is_made_one_it_accepts(string own, string used)
        {
            Assert.Equal(used, UploadNames.FromFile(own));
            UploadNames.Check(used); // and the rule agrees
        }

        [Theory]
        [InlineData(1_000, "unknown")]
        [InlineData(3_000_000, "notQueued")]
        public async Task Ctrl_C_during_an_upload_is_not_queued_until_its_last_byte_left(int rows, string journalled)
        {
            // A server that takes 100 KB of the body and then neither reads nor answers: a large file is cut short
            // (the client's buffers fill), a small one is sent whole before the stop.
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var server = Task.Run(async () =>
            {
                using (var client = await listener.AcceptTcpClientAsync())
                {
                    var stream = client.GetStream();
                    var buffer = new byte[100 * 1024];
                    var total = 0;
                    while (total < buffer.Length)
                    {
                        var read = await stream.ReadAsync(buffer, total, buffer.Length - total);
                        if (read == 0) break;
                        total += read;
                    }

                    await Task.Delay(TimeSpan.FromSeconds(20)); // not a wait: the server under test hangs
                }
            });

            using (var fixture = new SubmissionFixture())
            {
                var text = new StringBuilder();
                for (var i = 0; i < rows; i++) text.Append("KPI-").Append(i).Append(",On Track,1,2026-11-28\r\n");
                var file = fixture.Spool(text.ToString());
                var key = new System.Security.SecureString();
                foreach (var c in SubmissionFixture.Key) key.AppendChar(c);
                var settings = new ConnectionSettings(AchieveItEnvironment.Custom(new Uri($"http://127.0.0.1:{port}/")), new ApiKey(key));
                using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
                using (var submitter = new Submitter(new AchieveItClient(settings), fixture.Journal(), new SubmissionOptions(), fixture.Clock))
                {
                    await Assert.ThrowsAnyAsync<OperationCanceledException>(() => submitter.SubmitAsync(file, stop.Token));
                }

                var last = File.ReadAllLines(fixture.JournalFile).Last();
                Assert.Contains($"\"event\":\"{journalled}\"", last);
                Assert.Contains("\"error\":\"Stopped\"", last);
            }

            listener.Stop();
        }
    }
}
