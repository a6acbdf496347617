using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AchieveIt.Http;
using AchieveIt.Jobs;

namespace AchieveIt.Tests.Jobs
{
    public class JobPollerTests
    {
        private static Job NewJob(string id) => new Job(id, id + ".csv", 1, "Custom", new Uri("http://127.0.0.1/"), null, null);

        [Fact]
        public void The_schedule_starts_fast_and_backs_off_to_30_seconds()
        {
            var waits = Enumerable.Range(0, 12).Select(n => PollSchedule.After(n, null).TotalSeconds);
            Assert.Equal(new double[] { 1, 1, 1, 2, 4, 8, 10, 15, 20, 30, 30, 30 }, waits);
            Assert.Equal(TimeSpan.FromSeconds(7), PollSchedule.After(0, TimeSpan.FromSeconds(7)));
        }

        [Fact]
        public async Task Polls_until_done_on_the_schedule_without_sleeping()
        {
            var clock = new FakeClock();
            var answers = new Queue<int>(new[] { 202, 202, 202, 202, 200 });
            var poller = new JobPoller(new[] { NewJob("a") }, (job, _) =>
            {
                var code = answers.Dequeue();
                return Task.FromResult(new StatusAnswer(code == 200 ? JobState.Succeeded : JobState.Processing, code, null, null, clock.UtcNow));
            }, clock, null);
            var finished = new List<Job>();
            while (!poller.IsDone) finished.AddRange((await poller.NextRoundAsync(default)).Finished);
            Assert.Equal(new double[] { 1, 1, 1, 2, 4 }, clock.Delays.Select(d => d.TotalSeconds));
            Assert.Equal(JobState.Succeeded, Assert.Single(finished).State);
        }

        [Fact]
        public async Task A_retry_after_on_202_decides_the_next_poll()
        {
            var clock = new FakeClock();
            var polls = 0;
            var poller = new JobPoller(new[] { NewJob("a") }, (job, _) =>
            {
                polls++;
                return Task.FromResult(polls == 1
                    ? new StatusAnswer(JobState.Processing, 202, null, TimeSpan.FromSeconds(9), clock.UtcNow)
                    : new StatusAnswer(JobState.Succeeded, 200, null, null, clock.UtcNow));
            }, clock, null);
            while (!poller.IsDone) await poller.NextRoundAsync(default);
            Assert.Equal(new double[] { 1, 9 }, clock.Delays.Select(d => d.TotalSeconds));
        }

        [Fact]
        public async Task Stops_at_the_timeout_with_the_job_pending()
        {
            var clock = new FakeClock();
            var poller = new JobPoller(new[] { NewJob("a") }, (job, _) =>
                Task.FromResult(new StatusAnswer(JobState.Processing, 202, null, null, clock.UtcNow)), clock, TimeSpan.FromSeconds(5));
            var rounds = 0;
            while (!poller.IsDone && !poller.TimedOut && rounds++ < 100) await poller.NextRoundAsync(default);
            Assert.True(poller.TimedOut);
            Assert.Equal("a", Assert.Single(poller.Pending).JobId);
            Assert.Equal(TimeSpan.FromSeconds(5), clock.UtcNow - new FakeClock().UtcNow);
        }

        [Fact]
        public async Task A_status_read_that_hangs_holds_up_no_other_job()
        {
            var clock = new FakeClock();
            var stuck = new TaskCompletionSource<StatusAnswer>();
            var fastPolls = 0;
            var poller = new JobPoller(new[] { NewJob("stuck"), NewJob("fast") }, (job, _) =>
            {
                if (job.JobId == "stuck") return stuck.Task; // a read waiting out its timeout and retries
                return Task.FromResult(++fastPolls < 3
                    ? new StatusAnswer(JobState.Processing, 202, null, null, clock.UtcNow)
                    : new StatusAnswer(JobState.Succeeded, 200, null, null, clock.UtcNow));
            }, clock, null);
            var finished = new List<string>();
            var rounds = Task.Run(async () =>
            {
                for (var round = 0; round < 20 && !finished.Contains("fast"); round++) finished.AddRange((await poller.NextRoundAsync(default)).Finished.Select(j => j.JobId));
            });
            // A poller that waits for the stuck read never ends these rounds: the guard turns that hang into a failure.
            Assert.Same(rounds, await Task.WhenAny(rounds, Task.Delay(TimeSpan.FromSeconds(30)))); // a bound on the wait for the event, not a wait
            Assert.Equal(new[] { "fast" }, finished);
            Assert.Equal(3, fastPolls);
            stuck.SetResult(new StatusAnswer(JobState.Succeeded, 200, null, null, clock.UtcNow));
            Assert.Equal("stuck", Assert.Single((await poller.NextRoundAsync(default)).Finished).JobId);
        }

        [Fact]
        public async Task At_most_eight_status_reads_are_in_flight_and_the_rest_wait_without_spinning()
        {
            var clock = new FakeClock();
            var reads = new Dictionary<string, TaskCompletionSource<StatusAnswer>>();
            var poller = new JobPoller(Enumerable.Range(1, 12).Select(i => NewJob("j" + i)).ToArray(), (job, _) =>
            {
                var read = new TaskCompletionSource<StatusAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);
                lock (reads) reads[job.JobId] = read;
                return read.Task;
            }, clock, null);
            Assert.Empty((await poller.NextRoundAsync(default)).Finished); // the first second waited out: 12 jobs due
            lock (reads) Assert.Equal(JobPoller.MaxInFlight, reads.Count); // 8 reads started
            var round = poller.NextRoundAsync(default);
            Assert.False(round.IsCompleted, "with 8 reads in flight the round waits for one of them, not for the 4 jobs that cannot start (a busy loop)");
            reads["j1"].SetResult(new StatusAnswer(JobState.Succeeded, 200, null, null, clock.UtcNow));
            Assert.Same(round, await Task.WhenAny(round, Task.Delay(TimeSpan.FromSeconds(30)))); // a bound on the wait for the event, not a wait
            Assert.Equal("j1", Assert.Single((await round).Finished).JobId);

            var next = poller.NextRoundAsync(default);
            lock (reads) Assert.Equal(new[] { "j9" }, reads.Keys.Except(Enumerable.Range(1, 8).Select(i => "j" + i))); // one read ended, one more started
            reads["j2"].SetResult(new StatusAnswer(JobState.Succeeded, 200, null, null, clock.UtcNow));
            Assert.Same(next, await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(30))));
            Assert.Equal("j2", Assert.Single((await next).Finished).JobId);
        }

        [Fact]
        public async Task Follows_many_jobs_each_on_its_own_schedule()
        {
            var clock = new FakeClock();
            var polls = new Dictionary<string, int> { ["a"] = 0, ["b"] = 0 };
            var poller = new JobPoller(new[] { NewJob("a"), NewJob("b") }, (job, _) =>
            {
                var n = ++polls[job.JobId];
                var done = job.JobId == "a" ? n >= 1 : n >= 3;
                return Task.FromResult(new StatusAnswer(done ? JobState.Succeeded : JobState.Processing, done ? 200 : 202, null, null, clock.UtcNow));
            }, clock, null);
            var order = new List<string>();
            while (!poller.IsDone) order.AddRange((await poller.NextRoundAsync(default)).Finished.Select(j => j.JobId));
            Assert.Equal(new[] { "a", "b" }, order);
            Assert.Equal(3, polls["b"]);
        }

        [Fact]
        public async Task An_unknown_job_is_reported_and_dropped_and_a_passing_fault_keeps_the_job()
        {
            var clock = new FakeClock();
            var first = true;
            var poller = new JobPoller(new[] { NewJob("gone"), NewJob("flaky") }, (job, _) =>
            {
                if (job.JobId == "gone") throw new AchieveItException(ErrorIds.JobNotFound, "no");
                if (first)
                {
                    first = false;
                    throw new AchieveItException(ErrorIds.StatusUnavailable, "busy");
                }

                return Task.FromResult(new StatusAnswer(JobState.Succeeded, 200, null, null, clock.UtcNow));
            }, clock, null);
            var round = await poller.NextRoundAsync(default);
            Assert.Equal(new[] { ErrorIds.JobNotFound, ErrorIds.StatusUnavailable }, round.Errors.Select(e => e.Error.ErrorId));
            Assert.Equal("flaky", Assert.Single(poller.Pending).JobId);
            while (!poller.IsDone) await poller.NextRoundAsync(default);
        }
    }
}
