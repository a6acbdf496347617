using System;
using System.Collections;
using System.IO;
using System.Linq;
using AchieveIt.Http;
using AchieveIt.Journal;

namespace AchieveIt.Tests.Journal
{
    public class SubmissionJournalTests : IDisposable
    {
        private readonly string folder = Path.Combine(Path.GetTempPath(), "journal-tests-" + Guid.NewGuid().ToString("N"));
        private readonly AchieveItEnvironment environment = AchieveItEnvironment.Custom(new Uri("http://127.0.0.1:5000/"));

        public void Dispose()
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, true);
        }

        private SubmissionJournal Open()
        {
            JournalFolder.Resolve(folder); // as a first submission makes it: a journal opened only to read creates nothing
            return SubmissionJournal.Open(new Hashtable { [JournalLocation.Variable] = folder });
        }

        [Fact]
        public void Entries_read_back_whole_with_any_characters_in_the_file_name()
        {
            var journal = Open();
            var now = DateTimeOffset.UtcNow;
            var name = "a \"quoted\" \\ name\nü.csv";
            var id = journal.Reserve(now, environment, name, 12, "AB12").Submission;
            journal.Queued(id, now, new Job("job-1", name, 12, "Custom", environment.BaseUri, null, now, JobState.Processing));
            var read = journal.Read(now);
            var submissions = read.Submissions;
            var damaged = read.Damage.Count;
            Assert.Equal(0, damaged);
            var entry = Assert.Single(submissions);
            Assert.Equal(name, entry.FileName);
            Assert.Equal("job-1", entry.JobId);
            Assert.Equal(12, entry.Rows);
            Assert.Equal(UploadOutcome.Queued, entry.Outcome);
            Assert.Same(entry, SubmissionJournal.FindDuplicate(submissions, "ab12", environment.BaseUri, now));
            Assert.Equal("job-1", journal.FindDuplicate("ab12", environment.BaseUri, now).JobId);
            Assert.Null(journal.FindDuplicate("ab13", environment.BaseUri, now));
        }

        [Theory]
        [InlineData("{\"v\":1,\"at\":\"2026-11-29T10:00:00.000Z\",\"event\":\"intent\",\"submission\":\"trunc")]
        [InlineData("not json")]
        [InlineData("{\"v\":1,\"event\":\"intent\"}")]
        [InlineData("[1,2]")]
        public void A_damaged_line_is_counted_and_skipped(string line)
        {
            var journal = Open();
            var now = DateTimeOffset.UtcNow;
            journal.Reserve(now, environment, "good.csv", 1, "CD");
            File.AppendAllText(journal.FilePath, line + "\n");
            var read = journal.Read(now);
            var submissions = read.Submissions;
            var damaged = read.Damage.Count;
            Assert.Equal(1, damaged);
            Assert.Equal("good.csv", Assert.Single(submissions).FileName);
        }

        [Fact]
        public void A_failed_job_or_a_file_not_queued_never_blocks()
        {
            var journal = Open();
            var now = DateTimeOffset.UtcNow;
            var notQueued = journal.Reserve(now, environment, "a.csv", 1, "EE").Submission;
            journal.NotQueued(notQueued, now, ErrorIds.SubmitFailed);
            var failed = journal.Reserve(now, environment, "b.csv", 1, "FF").Submission;
            var job = new Job("job-2", "b.csv", 1, "Custom", environment.BaseUri, null, now, JobState.Processing);
            journal.Queued(failed, now, job);
            job.Observe(JobState.Failed, 400, null, now);
            journal.Finished(job, now);
            var unknown = journal.Reserve(now, environment, "c.csv", 1, "AA").Submission;
            journal.OutcomeUnknown(unknown, now, ErrorIds.SubmitOutcomeUnknown);
            var submissions = journal.Read(now).Submissions;
            Assert.Contains("'a.csv' (1 row, ", submissions.Single(x => x.FileName == "a.csv").ToJob().Message); // one row is one row
            Assert.Contains("'c.csv' (1 row, ", submissions.Single(x => x.FileName == "c.csv").ToJob().Message);
            Assert.Null(SubmissionJournal.FindDuplicate(submissions, "EE", environment.BaseUri, now));
            Assert.Null(SubmissionJournal.FindDuplicate(submissions, "FF", environment.BaseUri, now));
            Assert.NotNull(SubmissionJournal.FindDuplicate(submissions, "AA", environment.BaseUri, now));
            Assert.Null(SubmissionJournal.FindDuplicate(submissions, "AA", environment.BaseUri, now.AddHours(25)));
            Assert.Null(SubmissionJournal.FindDuplicate(submissions, "AA", new Uri("http://127.0.0.1:5001/"), now));
            Assert.Null(journal.FindDuplicate("FF", environment.BaseUri, now)); // the targeted search sees the failed state too
            Assert.Null(journal.FindDuplicate("EE", environment.BaseUri, now));
            Assert.NotNull(journal.FindDuplicate("AA", environment.BaseUri, now));
        }

        [Fact]
        public void A_finished_job_read_again_adds_no_line_to_the_journal()
        {
            var journal = Open();
            var access = new JournalAccess(new Hashtable { [JournalLocation.Variable] = folder }, _ => { });
            var now = DateTimeOffset.UtcNow;
            var intent = journal.Reserve(now, environment, "read-twice.csv", 1, "CD").Submission;
            var job = new Job("job-twice", "read-twice.csv", 1, "Custom", environment.BaseUri, null, now, JobState.Processing);
            journal.Queued(intent, now, job);
            job.Observe(JobState.Succeeded, 200, null, now);
            access.Finished(job);
            var once = File.ReadAllText(journal.FilePath);
            access.Finished(job); // a second Get-AchieveItJob of the same finished job
            Assert.Equal(once, File.ReadAllText(journal.FilePath));
            Assert.Equal(JobState.Succeeded, access.FindJob("job-twice").State);
        }

        [Fact]
        public void A_Since_of_the_first_day_at_any_offset_reads_the_whole_journal()
        {
            var journal = Open();
            var now = DateTimeOffset.UtcNow;
            journal.Reserve(now, environment, "early.csv", 1, "E1");
            foreach (var offset in new[] { TimeSpan.FromHours(-5), TimeSpan.Zero })
            {
                var since = new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0), offset); // what -Since ([datetime]::MinValue) becomes west of UTC
                Assert.Single(journal.ReadSince(now, since).Submissions);
            }
        }
    }
}
