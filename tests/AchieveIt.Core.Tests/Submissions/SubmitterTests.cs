using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AchieveIt.Http;
using AchieveIt.Journal;
using AchieveIt.Submissions;

namespace AchieveIt.Tests.Submissions
{
    /// <summary>One submission without PowerShell: the duplicate guard, the journal's record of each outcome, time limits and Ctrl+C.</summary>
    public class SubmitterTests : IDisposable
    {
        private readonly SubmissionFixture fixture = new SubmissionFixture();

        public void Dispose() => fixture.Dispose();

        [Fact]
        public async Task A_queued_file_is_journalled_with_its_job_and_a_rerun_is_answered_with_that_job_not_sent_again()
        {
            var handler = FuncHandler.Answering(HttpStatusCode.OK);
            var file = fixture.Spool();
            using (var submitter = fixture.Submitter(handler))
            {
                var outcome = await submitter.SubmitAsync(file, default);
                Assert.Equal("j-1", outcome.Job.JobId);
                Assert.Null(outcome.Failure);
                Assert.Null(outcome.Duplicate);

                var again = await submitter.SubmitAsync(fixture.Spool(name: "other-name.csv"), default);
                Assert.Null(again.Failure); // not an error: a scheduler's retry of a night that went right exits 0
                Assert.Equal("j-1", again.Job.JobId);
                Assert.True(again.Duplicate.AlreadySent);
                Assert.Contains("AchieveIt already has them, so nothing was sent again: the earlier job is written in its place (-Force sends them again).", again.Duplicate.Reason);
            }

            Assert.Equal(1, handler.Requests); // the rerun never reached the wire
            var entry = Assert.Single(fixture.Journal().ReadSince(DateTimeOffset.MinValue));
            Assert.Equal(UploadOutcome.Queued, entry.Outcome);
            Assert.Equal(file.Sha256, entry.Sha256, StringComparer.OrdinalIgnoreCase);
        }

        [Fact]
        public async Task The_same_content_still_in_flight_is_waited_for_and_never_called_ended()
        {
            // Another runspace of this process holds the intent (its upload is under way) and does not finish in time.
            var file = fixture.Spool();
            var other = SubmissionJournal.Open(fixture.Variables).Reserve(fixture.Clock.UtcNow, SubmissionFixture.Settings().Environment, "nightly.csv", 1, file.Sha256);
            Assert.NotNull(other.Submission);
            var handler = FuncHandler.Answering(HttpStatusCode.OK);
            var started = fixture.Clock.UtcNow;
            using (var submitter = fixture.Submitter(handler))
            {
                var outcome = await submitter.SubmitAsync(file, default);
                Assert.Null(outcome.Job);
                Assert.False(outcome.Duplicate.AlreadySent);
                Assert.Equal(ErrorIds.DuplicateSubmission, outcome.Duplicate.ToError().ErrorId);
                Assert.Contains("are being sent to https://api.example.test/ now, by this process", outcome.Duplicate.Reason);
                Assert.Contains("-Force would send them twice", outcome.Duplicate.Reason);
                Assert.DoesNotContain("the process ended", outcome.Duplicate.Reason);
            }

            Assert.True(fixture.Clock.UtcNow - started >= Submitter.InFlightWait, "it waited for the upload in flight first");
            Assert.Equal(0, handler.Requests);
        }

        [Fact]
        public async Task With_a_time_limit_the_waits_for_content_in_flight_share_the_one_deadline()
        {
            // Two files, each on its way in another runspace that does not finish: together they wait out the time limit
            // once, not once each (each file's wait used to start the limit again).
            var first = fixture.Spool();
            var second = fixture.Spool("KPI-2,On Track,2,2026-11-28\r\n", "second.csv");
            var other = SubmissionJournal.Open(fixture.Variables);
            foreach (var file in new[] { first, second }) Assert.NotNull(other.Reserve(fixture.Clock.UtcNow, SubmissionFixture.Settings().Environment, file.Name, 1, file.Sha256).Submission);
            var handler = FuncHandler.Answering(HttpStatusCode.OK);
            var started = fixture.Clock.UtcNow;
            using (var submitter = fixture.Submitter(handler, new SubmissionOptions { TimeLimit = TimeSpan.FromMinutes(10) }))
            {
                foreach (var file in new[] { first, second })
                {
                    var outcome = await submitter.SubmitAsync(file, default);
                    Assert.Equal(ErrorIds.DuplicateSubmission, outcome.Duplicate.ToError().ErrorId);
                }
            }

            var waited = fixture.Clock.UtcNow - started;
            Assert.InRange(waited, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
            Assert.Equal(0, handler.Requests);
        }

        [Fact]
        public async Task With_a_time_limit_a_wait_for_the_journals_lock_ends_at_the_deadline_and_sends_nothing()
        {
            var journal = SubmissionJournal.Open(fixture.Variables);
            journal.Reserve(fixture.Clock.UtcNow, SubmissionFixture.Settings().Environment, "warm.csv", 1, "00"); // makes the journal's folder
            var handler = FuncHandler.Answering(HttpStatusCode.OK);
            using (new FileStream(Path.Combine(Path.GetDirectoryName(journal.FilePath), "journal.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None)) // held, as another process would
            using (var submitter = fixture.Submitter(handler, new SubmissionOptions { TimeLimit = TimeSpan.FromSeconds(1) }))
            {
                var outcome = await submitter.SubmitAsync(fixture.Spool(), default);
                Assert.Equal(ErrorIds.SubmitFailed, outcome.Failure.ErrorId); // the deadline, not the lock's own 10 s wait (JournalUnavailable)
                Assert.Contains("was stopped at -Timeout 1 s before AchieveIt queued it", outcome.Failure.Message);
            }

            Assert.Equal(0, handler.Requests);
        }

        [Fact]
        public async Task Content_whose_process_ended_during_the_upload_is_DuplicateSubmission_at_once()
        {
            var file = fixture.Spool();
            var journal = SubmissionJournal.Open(fixture.Variables);
            journal.Reserve(fixture.Clock.UtcNow, SubmissionFixture.Settings().Environment, "warm.csv", 1, "00"); // makes the journal's folder
            var line = "{\"v\":1,\"at\":\"" + fixture.Clock.UtcNow.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture) +
                       "\",\"event\":\"intent\",\"submission\":\"0123456789abcdef0123456789abcdef\",\"environment\":\"Custom\",\"baseUri\":\"https://api.example.test/\"," +
                       "\"fileName\":\"nightly.csv\",\"rows\":\"1\",\"sha256\":\"" + file.Sha256.ToUpperInvariant() + "\",\"holder\":\"2147480000:1:gone\"}\n";
            System.IO.File.AppendAllText(journal.FilePath, line);
            var handler = FuncHandler.Answering(HttpStatusCode.OK);
            var started = fixture.Clock.UtcNow;
            using (var submitter = fixture.Submitter(handler))
            {
                var outcome = await submitter.SubmitAsync(file, default);
                Assert.Contains("Unknown (the process ended during the upload)", outcome.Duplicate.Reason);
                Assert.Contains("-Force sends it anyway", outcome.Duplicate.Reason);
            }

            Assert.Equal(started, fixture.Clock.UtcNow);
            Assert.Equal(0, handler.Requests);
        }

        [Fact]
        public async Task Force_sends_the_same_bytes_again_and_finds_no_duplicate()
        {
            var handler = FuncHandler.Answering(HttpStatusCode.OK);
            using (var submitter = fixture.Submitter(handler, new SubmissionOptions { Force = true }))
            {
                await submitter.SubmitAsync(fixture.Spool(), default);
                Assert.Null(submitter.PeekDuplicate(fixture.Spool()));
                var second = await submitter.SubmitAsync(fixture.Spool(), default);
                Assert.NotNull(second.Job);
            }

            Assert.Equal(2, handler.Requests);
        }

        [Fact]
        public async Task PeekDuplicate_looks_without_sending_so_WhatIf_can_name_the_refusal()
        {
            using (var submitter = fixture.Submitter(FuncHandler.Answering(HttpStatusCode.OK)))
            {
                Assert.Null(submitter.PeekDuplicate(fixture.Spool()));
                await submitter.SubmitAsync(fixture.Spool(), default);
                Assert.True(submitter.PeekDuplicate(fixture.Spool()).AlreadySent);
            }
        }

        [Theory]
        [InlineData(400, ErrorIds.SubmitRejected, "notQueued", false, false)]
        [InlineData(404, ErrorIds.SubmitRejected, "notQueued", false, false)]
        [InlineData(500, ErrorIds.SubmitFailed, "notQueued", false, false)]
        [InlineData(503, ErrorIds.SubmitFailed, "notQueued", false, false)]
        [InlineData(502, ErrorIds.SubmitOutcomeUnknown, "unknown", true, false)]
        [InlineData(504, ErrorIds.SubmitOutcomeUnknown, "unknown", true, false)]
        [InlineData(401, ErrorIds.ApiKeyRefused, "notQueued", false, true)]
        [InlineData(403, ErrorIds.ApiKeyRefused, "notQueued", false, true)]
        public async Task Each_failure_is_recorded_as_what_it_means_for_the_job(int status, string errorId, string journalled, bool blocksRerun, bool endsCommand)
        {
            var file = fixture.Spool();
            using (var submitter = fixture.Submitter(FuncHandler.Answering((HttpStatusCode)status, "no")))
            {
                var outcome = await submitter.SubmitAsync(file, default);
                Assert.Null(outcome.Job);
                Assert.Equal(errorId, outcome.Failure.ErrorId);
                Assert.Equal(endsCommand, outcome.EndsCommand);
                Assert.Equal(blocksRerun, submitter.PeekDuplicate(fixture.Spool()) != null);
            }

            var last = File.ReadAllLines(fixture.JournalFile).Last();
            Assert.Contains($"\"event\":\"{journalled}\"", last);
            Assert.Contains($"\"error\":\"{errorId}\"", last);
        }

        [Fact]
        public async Task A_server_that_echoes_the_key_as_the_job_ID_leaves_the_outcome_unknown()
        {
            using (var submitter = fixture.Submitter(FuncHandler.Answering(HttpStatusCode.OK, "{\"jobId\":\"" + SubmissionFixture.Key + "\"}")))
            {
                var outcome = await submitter.SubmitAsync(fixture.Spool(), default);
                Assert.Equal(ErrorIds.NoJobId, outcome.Failure.ErrorId);
                Assert.DoesNotContain(SubmissionFixture.Key, outcome.Failure.Message);
            }

            Assert.Contains("\"event\":\"unknown\"", File.ReadAllLines(fixture.JournalFile).Last());
        }

        [Fact]
        public async Task A_connection_that_breaks_after_the_body_left_is_unknown_and_never_sent_again()
        {
            var handler = new FuncHandler(async (request, token) =>
            {
                await request.Content.ReadAsByteArrayAsync();
                throw new HttpRequestException("connection reset");
            });
            using (var submitter = fixture.Submitter(handler))
            {
                var outcome = await submitter.SubmitAsync(fixture.Spool(), default);
                Assert.Equal(ErrorIds.SubmitOutcomeUnknown, outcome.Failure.ErrorId);
                Assert.Contains("connection reset", outcome.Failure.Message);
            }

            Assert.Equal(1, handler.Requests);
            Assert.Equal(JournalOutcome.Unknown, Submitter.MeaningFor(ErrorIds.SubmitOutcomeUnknown));
            Assert.Equal(JournalOutcome.NotQueued, Submitter.MeaningFor(ErrorIds.SubmitFailed));
        }

        [Theory]
        [InlineData(true, ErrorIds.SubmitOutcomeUnknown, "after the file was sent, so AchieveIt may or may not have queued it")]
        [InlineData(false, ErrorIds.SubmitFailed, "before AchieveIt queued it (it was waiting to retry, for the journal, or for the same content's upload in flight, or no byte had left). Nothing was queued")]
        public async Task The_time_limit_stops_an_upload_and_says_whether_it_may_be_queued(bool readsBody, string errorId, string wording)
        {
            var handler = Hanging(readsBody);
            using (var submitter = fixture.Submitter(handler, new SubmissionOptions { TimeLimit = TimeSpan.FromSeconds(1) }))
            {
                var outcome = await submitter.SubmitAsync(fixture.Spool(), default);
                Assert.Equal(errorId, outcome.Failure.ErrorId);
                Assert.Contains("was stopped at -Timeout 1 s " + wording, outcome.Failure.Message);
                Assert.False(outcome.EndsCommand);
            }
        }

        [Theory]
        [InlineData(true, "unknown")]
        [InlineData(false, "notQueued")]
        public async Task Ctrl_C_is_recorded_as_stopped_and_not_queued_when_the_body_was_not_all_sent(bool readsBody, string journalled)
        {
            using (var stop = new CancellationTokenSource())
            using (var submitter = fixture.Submitter(Hanging(readsBody, stop)))
            {
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => submitter.SubmitAsync(fixture.Spool(), stop.Token));
            }

            var last = File.ReadAllLines(fixture.JournalFile).Last();
            Assert.Contains($"\"event\":\"{journalled}\"", last);
            Assert.Contains($"\"error\":\"{Submitter.StoppedId}\"", last);
        }

        [Fact]
        public async Task A_journal_that_cannot_be_used_sends_nothing_and_ends_the_command()
        {
            File.WriteAllText(Path.Combine(fixture.Folder, "not-a-folder"), "x");
            fixture.Variables[JournalLocation.Variable] = Path.Combine(fixture.Folder, "not-a-folder");
            var handler = FuncHandler.Answering(HttpStatusCode.OK);
            using (var submitter = fixture.Submitter(handler))
            {
                var outcome = await submitter.SubmitAsync(fixture.Spool(), default);
                Assert.Equal(ErrorIds.JournalUnavailable, outcome.Failure.ErrorId);
                Assert.True(outcome.EndsCommand);
                Assert.Contains("not-a-folder", outcome.Failure.Message);
                Assert.Contains("-Force sends without the guard, and ACHIEVEIT_JOURNAL_PATH=off turns the journal off", outcome.Failure.Message);
            }

            Assert.Equal(0, handler.Requests);
        }

        [Fact]
        public async Task With_Force_a_journal_that_cannot_be_used_is_a_warning_and_the_file_is_sent()
        {
            File.WriteAllText(Path.Combine(fixture.Folder, "not-a-folder"), "x");
            fixture.Variables[JournalLocation.Variable] = Path.Combine(fixture.Folder, "not-a-folder");
            var handler = FuncHandler.Answering(HttpStatusCode.OK);
            var warnings = new System.Collections.Generic.List<string>();
            using (var submitter = new Submitter(new AchieveItClient(SubmissionFixture.Settings(), null, fixture.Clock, null, handler), fixture.Journal(),
                new SubmissionOptions { Force = true }, fixture.Clock, warnings.Add))
            {
                Assert.NotNull((await submitter.SubmitAsync(fixture.Spool(), default)).Job);
            }

            Assert.Contains("sent without the duplicate guard (-Force)", Assert.Single(warnings));
            Assert.Equal(1, handler.Requests);
        }

        // Answers only when cancelled: reads the body first (the bytes left) or not at all. Cancels stop once waiting.
        private static FuncHandler Hanging(bool readsBody, CancellationTokenSource stop = null) =>
            new FuncHandler(async (request, token) =>
            {
                if (readsBody) await request.Content.ReadAsByteArrayAsync();
                stop?.Cancel();
                await Task.Delay(Timeout.Infinite, token); // not a wait: the handler hangs until cancelled
                throw new InvalidOperationException("not reached");
            });
    }
}
