using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using AchieveIt.Csv;
using AchieveIt.Rules;

namespace AchieveIt.Tests.Csv
{
    /// <summary>
    /// Files big enough to be parsed on a second thread (<see cref="ReadAheadRecords"/>) and to check duplicates a
    /// batch at a time: the result must be exactly what checking one row after another gives.
    /// </summary>
    public class LargeFileTests
    {
        [Fact]
        public void A_file_read_ahead_gives_every_record_of_the_inline_reader_in_order()
        {
            var text = new StringBuilder("External ID,Status,Current Metric Value,As Of Date,Comment\r\n");
            for (var i = 1; i <= 20000; i++)
            {
                // Quoted line breaks move the line numbers; a stray quote and a bad byte are data, not failures.
                var comment = i % 97 == 0 ? "\"two\r\nlines\"" : i % 101 == 0 ? "say \"hi\"" : "\"note " + i + ", ok\"";
                text.Append("KPI-").Append(i).Append(",On Track,").Append(i % 1000).Append(".5,2026-11-01,").Append(comment).Append("\r\n");
            }

            var bytes = Encoding.UTF8.GetBytes(text.ToString());
            bytes[bytes.Length / 2] = 0xFF;
            Assert.True(bytes.Length > ReadAheadRecords.InlineBelowBytes);

            var inline = new List<CsvRecord>();
            using (var reader = new CsvRecordReader(new MemoryStream(bytes)))
            {
                while (reader.TryRead(out var record)) inline.Add(record);
            }

            var ahead = new List<CsvRecord>();
            using (var reader = new ReadAheadRecords(new MemoryStream(bytes)))
            {
                while (reader.TryRead(out var record)) ahead.Add(record);
                Assert.False(reader.TryRead(out _));
            }

            Assert.Equal(inline.Count, ahead.Count);
            for (var i = 0; i < inline.Count; i++)
            {
                Assert.Equal(inline[i].Line, ahead[i].Line);
                Assert.Equal(inline[i].Fields, ahead[i].Fields);
                Assert.Equal(inline[i].HasBadQuotes, ahead[i].HasBadQuotes);
                Assert.Equal(inline[i].HasInvalidBytes, ahead[i].HasInvalidBytes);
            }

            Assert.Contains(ahead, r => r.HasBadQuotes);
            Assert.Contains(ahead, r => r.HasInvalidBytes);
        }

        [Fact]
        public void Stopping_at_the_first_error_of_a_big_file_ends_the_reading_and_frees_the_file()
        {
            var path = Path.GetTempFileName();
            try
            {
                File.WriteAllText(path, "KPI-1,Bogus,1,2026-11-01\r\n" + string.Concat(Enumerable.Range(2, 200000).Select(i => $"KPI-{i},On Track,1,2026-11-01\r\n")));
                var validation = CsvValidator.ValidateFile(path, null, new CsvCheckOptions { StopAtFirstError = true });
                Assert.True(validation.StoppedEarly);
                Assert.Equal(1, validation.Log.ErrorCount);
                File.Delete(path); // the reading thread let go of the file
                Assert.False(File.Exists(path));
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void A_read_error_on_the_reading_thread_reaches_the_caller()
        {
            var bytes = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(1, 40000).Select(i => $"KPI-{i},On Track,1,2026-11-01\r\n")));
            var error = Assert.Throws<IOException>(() => CsvValidator.Validate(new FailingStream(bytes, failAt: bytes.Length / 2)));
            Assert.Equal("disk gone", error.Message);
        }

        [Fact]
        public void Duplicate_warnings_found_in_batches_stand_in_line_order_among_the_errors()
        {
            // Duplicates far apart (the table grows past its first size) and close together, around bad rows.
            var lines = new List<string>();
            for (var i = 1; i <= 5000; i++) lines.Add($"KPI-{i},On Track,1,2026-11-01");
            lines.Add("kpi-7,Off Track,2,2026-11-01");   // line 5001: duplicate of line 7 (IDs match in any case)
            lines.Add("KPI-x,Bogus,1,2026-11-01");       // line 5002: an error
            lines.Add("KPI-4999,Achieved,3,2026-11-01"); // line 5003: duplicate of line 4999
            lines.Add("KPI-4999,Achieved,3,2026-11-02"); // line 5004: another date, not a duplicate
            lines.Add("KPI-y,On Track,1,2026-13-01");    // line 5005: an error
            lines.Add("KPI-1,On Track,1,2026-11-01");    // line 5006: duplicate of line 1
            var validation = CsvText.Validate(string.Join("\r\n", lines) + "\r\n");

            var found = validation.Issues.Select(i => (i.Line, i.Code)).ToList();
            Assert.Equal(new[]
            {
                (5001L, RuleCodes.DuplicateUpdate), (5002L, RuleCodes.InvalidStatus), (5003L, RuleCodes.DuplicateUpdate),
                (5005L, RuleCodes.InvalidAsOfDate), (5006L, RuleCodes.DuplicateUpdate),
            }, found);
            Assert.Contains("line 7", validation.Issues[0].Message);
            Assert.Contains("line 4999", validation.Issues[2].Message);
        }

        [Fact]
        public void Every_duplicate_of_a_hundred_thousand_rows_is_found_once()
        {
            var tracker = new DuplicateTracker("input row");
            var issues = new List<CsvIssue>();
            for (var i = 1; i <= 100000; i++) tracker.Defer(i, new ProgressUpdate("KPI-" + (i % 60000), "On Track", null, new DateTime(2026, 11, 1), string.Empty));
            tracker.Flush(issues);
            Assert.Equal(40000, issues.Count);
            Assert.All(issues, issue => Assert.Equal(RuleCodes.DuplicateUpdate, issue.Code));
            Assert.Contains("on input row 1. ", issues.Single(i => i.Line == 60001).Message);
        }

        [Fact]
        public void A_spool_whose_file_fails_is_still_closed_and_deleted()
        {
            // A full disk fails the writes and then the flush on closing: the file must go anyway. The file is
            // made to fail by closing it under the spool.
            var folder = Path.Combine(Path.GetTempPath(), "achieveit-spool-test-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                var spool = new UpdateSpool(folder);
                spool.Add(new ProgressUpdate("KPI-1", "On Track", 1m, new DateTime(2026, 11, 28), string.Empty));
                spool.SpoolStream.Dispose();
                spool.Dispose();
                Assert.Empty(Directory.GetFiles(folder, "*", SearchOption.AllDirectories));
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        [Fact]
        public async System.Threading.Tasks.Task An_upload_hands_the_connection_at_most_64_KiB_at_a_time_each_one_progress()
        {
            // Reads are 1 MiB; writes must stay small, or a slow link that keeps moving looks stalled (-StallTimeout).
            var path = Path.GetTempFileName();
            try
            {
                var bytes = new byte[3 * 1024 * 1024 + 123];
                new Random(7).NextBytes(bytes);
                for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)('a' + bytes[i] % 26);
                File.WriteAllBytes(path, bytes);
                var body = new AchieveIt.Http.UploadBody(path);
                body.RestartProgress();
                var sink = new WriteRecorder();
                await body.CreateContent().CopyToAsync(sink);
                Assert.Equal(bytes, sink.ToArray());
                Assert.True(sink.Largest <= 64 * 1024, $"a write of {sink.Largest} bytes");
                Assert.True(sink.Writes >= bytes.Length / (64 * 1024));
                Assert.True(body.Started);
            }
            finally
            {
                File.Delete(path);
            }
        }

        private sealed class WriteRecorder : MemoryStream
        {
            public int Largest { get; private set; }

            public int Writes { get; private set; }

            public override void Write(byte[] buffer, int offset, int count)
            {
                Largest = Math.Max(Largest, count);
                Writes++;
                base.Write(buffer, offset, count);
            }

            public override System.Threading.Tasks.Task WriteAsync(byte[] buffer, int offset, int count, System.Threading.CancellationToken cancellationToken)
            {
                Write(buffer, offset, count);
                return System.Threading.Tasks.Task.CompletedTask;
            }

#if !FRAMEWORK_LEG // .NET Framework's Stream has no Memory overloads: the array overload above is the one it calls
            public override System.Threading.Tasks.ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, System.Threading.CancellationToken cancellationToken = default)
            {
                Largest = Math.Max(Largest, buffer.Length);
                Writes++;
                base.Write(buffer.Span);
                return default;
            }
#endif
        }

        private sealed class FailingStream : MemoryStream
        {
            private readonly int failAt;

            public FailingStream(byte[] bytes, int failAt)
                : base(bytes) => this.failAt = failAt;

            public override int Read(byte[] buffer, int offset, int count)
            {
                if (Position >= failAt) throw new IOException("disk gone");
                return base.Read(buffer, offset, count);
            }

#if !FRAMEWORK_LEG // no Span overload on .NET Framework's Stream
            public override int Read(Span<byte> buffer)
            {
                if (Position >= failAt) throw new IOException("disk gone");
                return base.Read(buffer);
            }
#endif
        }
    }
}
