using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AchieveIt.Http;

namespace AchieveIt.Jobs
{
    /// <summary>What one round of polling found: jobs that finished, and jobs that could not be polled.</summary>
    public sealed class PollRound
    {
        public List<Job> Finished { get; } = new List<Job>();

        public List<(Job Job, AchieveItException Error)> Errors { get; } = new List<(Job, AchieveItException)>();
    }

    /// <summary>
    /// Follows many jobs at once, each on its own backing-off schedule. The caller drives it one round at a time
    /// (<see cref="NextRoundAsync"/>), so that the pipeline thread can write progress between rounds.
    /// </summary>
    public sealed class JobPoller
    {
        private readonly Func<Job, CancellationToken, Task<StatusAnswer>> poll;
        private readonly IClock clock;
        private readonly DateTimeOffset? deadline;
        private readonly List<Tracked> pending;

        public JobPoller(IEnumerable<Job> jobs, Func<Job, CancellationToken, Task<StatusAnswer>> poll, IClock clock, TimeSpan? timeout)
        {
            this.poll = poll;
            this.clock = clock;
            var now = clock.UtcNow;
            deadline = timeout.HasValue ? now + timeout.Value : (DateTimeOffset?)null;
            pending = jobs.Select(j => new Tracked(j, now + PollSchedule.After(0, null))).ToList();
            Total = pending.Count;
        }

        public int Total { get; }

        /// <summary>Jobs not finished yet.</summary>
        public IReadOnlyList<Job> Pending => pending.Select(t => t.Job).ToList();

        public bool IsDone => pending.Count == 0;

        /// <summary>True when the timeout passed with jobs still pending.</summary>
        public bool TimedOut => pending.Count > 0 && deadline.HasValue && clock.UtcNow >= deadline.Value;

        /// <summary>Waits until the next job is due (or the deadline), polls every due job, and reports the round.</summary>
        public async Task<PollRound> NextRoundAsync(CancellationToken cancellation)
        {
            var round = new PollRound();
            if (IsDone || TimedOut) return round;
            var due = pending.Min(t => t.Due);
            if (deadline.HasValue && deadline.Value < due) due = deadline.Value;
            var wait = due - clock.UtcNow;
            if (wait > TimeSpan.Zero) await clock.Delay(wait, cancellation).ConfigureAwait(false);
            var now = clock.UtcNow;
            foreach (var tracked in pending.Where(t => t.Due <= now).ToList())
            {
                try
                {
                    var answer = await poll(tracked.Job, cancellation).ConfigureAwait(false);
                    tracked.Job.Observe(answer.State, answer.StatusCode, answer.Message, answer.At);
                    tracked.Polls++;
                    tracked.Due = clock.UtcNow + PollSchedule.After(tracked.Polls, answer.RetryAfter);
                    if (tracked.Job.IsFinished)
                    {
                        pending.Remove(tracked);
                        round.Finished.Add(tracked.Job);
                    }
                }
                catch (AchieveItException e) when (e.ErrorId == ErrorIds.StatusUnavailable)
                {
                    // The server is having a bad moment: keep following the job, a little later.
                    tracked.Polls++;
                    tracked.Due = clock.UtcNow + PollSchedule.After(tracked.Polls, null);
                    round.Errors.Add((tracked.Job, e));
                }
                catch (AchieveItException e) when (e.ErrorId == ErrorIds.JobNotFound)
                {
                    pending.Remove(tracked);
                    round.Errors.Add((tracked.Job, e));
                }
            }

            return round;
        }

        private sealed class Tracked
        {
            public Tracked(Job job, DateTimeOffset due)
            {
                Job = job;
                Due = due;
            }

            public Job Job { get; }

            public DateTimeOffset Due { get; set; }

            public int Polls { get; set; }
        }
    }
}
