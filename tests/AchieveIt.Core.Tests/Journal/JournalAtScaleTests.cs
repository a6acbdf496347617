using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Text;
using AchieveIt.Http;
using AchieveIt.Journal;

namespace AchieveIt.Tests.Journal
{
    /// <summary>A journal read from its end: the newest entries, one job, the last day's duplicates, whatever its length.</summary>
    public sealed class JournalAtScaleTests : IDisposable
    {
        private readonly string folder = Path.Combine(Path.GetTempPath(), "achieveit-scale-" + Guid.NewGuid().ToString("N"));
        private readonly DateTimeOffset now = new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

        public void Dispose()
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, true);
        }

        private SubmissionJournal Journal(int submissions, string lastLine = null)
        {
            JournalFolder.Resolve(folder);
            var text = new StringBuilder();
            for (var i = 0; i < submissions; i++)
            {
                var at = now.AddSeconds(-30 * (submissions - i)).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
                var id = i.ToString("x32");
                text.Append("{\"v\":1,\"at\":\"").Append(at).Append("\",\"event\":\"intent\",\"submission\":\"").Append(id)
                    .Append("\",\"environment\":\"Custom\",\"baseUri\":\"https://api.example.test/\",\"fileName\":\"f").Append(i).Append(".csv\",\"rows\":\"1\",\"sha256\":\"").Append(i.ToString("X64")).Append("\"}\n");
                text.Append("{\"v\":1,\"at\":\"").Append(at).Append("\",\"event\":\"queued\",\"submission\":\"").Append(id).Append("\",\"jobId\":\"job-").Append(i).Append("\"}\n");
            }

            if (lastLine != null) text.Append(lastLine);
            File.WriteAllText(Path.Combine(folder, "journal.jsonl"), text.ToString());
            return SubmissionJournal.Open(new Hashtable { [JournalLocation.Variable] = folder });
        }

        [Fact]
        public void The_newest_entries_of_a_long_journal_are_read_from_its_end()
        {
            var journal = Journal(200_000, "{\"v\":1,\"at\":\"2026-12-07T12:00:00.000Z\",\"event\":\"intent\""); // a last line still being written
            var latest = journal.ReadLatest(now, 5).Submissions;
            Assert.Equal(new[] { "f199995.csv", "f199996.csv", "f199997.csv", "f199998.csv", "f199999.csv" }, latest.Select(s => s.FileName));
            Assert.All(latest, s => Assert.True(s.WasQueued));
            Assert.Equal(0, journal.ReadLatest(now, 5).Damage.Count);
        }

        [Fact]
        public void One_job_is_found_with_every_line_about_it()
        {
            var journal = Journal(20_000);
            var found = journal.ReadJob(now, "job-19990").Submissions.Single(s => s.JobId == "job-19990");
            Assert.Equal("f19990.csv", found.FileName);
            Assert.True(found.WasQueued);
        }

        [Fact]
        public void The_duplicate_check_reads_only_the_last_day()
        {
            var journal = Journal(20_000); // one every 30 s: the last day holds 2,880
            Assert.NotNull(journal.FindDuplicate(19_999.ToString("X64"), new Uri("https://api.example.test/"), now));
            Assert.Null(journal.FindDuplicate(10.ToString("X64"), new Uri("https://api.example.test/"), now)); // a week ago: past the 24 hours
            Assert.Equal(2_880, journal.ReadSince(now, now - SubmissionJournal.DuplicateWindow).Submissions.Count(s => s.At >= now - SubmissionJournal.DuplicateWindow));
        }
    }
}
