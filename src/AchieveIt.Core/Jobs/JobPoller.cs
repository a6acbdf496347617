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
    public sealed class JobPoller : IDisposable
    {
        // The reads in flight outlive a round: they are cancelled with any round's cancellation (Ctrl+C, the time
        // limit) and when the poller is disposed, so no read goes on after the command that started it.
        private readonly CancellationTokenSource reads = new CancellationTokenSource();
        private readonly Func<Job, CancellationToken, Task<StatusAnswer>> poll;
        private readonly IClock clock;
        private readonly DateTimeOffset? deadline;
        private readonly List<Tracked> pending;
        private readonly Dictionary<Tracked, Task<StatusAnswer>> inFlight = new Dictionary<Tracked, Task<StatusAnswer>>();

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

        /// <summary>The most status reads in flight at once.</summary>
        public const int MaxInFlight = 8;

        /// <summary>
        /// Starts a read of every job that is due (at most <see cref="MaxInFlight"/> in flight), waits for the first of:
        /// a read that ends, the next job that falls due, the deadline; and reports what ended. Each job is read on its
        /// own: one status read that waits out its timeout and retries holds up no other job.
        /// </summary>
        public async Task<PollRound> NextRoundAsync(CancellationToken cancellation)
        {
            var round = new PollRound();
            if (IsDone || TimedOut) return round;
            using (cancellation.Register(() => reads.Cancel()))
            {
                return await RoundAsync(round, cancellation).ConfigureAwait(false);
            }
        }

        /// <summary>Cancels every read still in flight.</summary>
        public void Dispose()
        {
            reads.Cancel();
            reads.Dispose();
        }

        private async Task<PollRound> RoundAsync(PollRound round, CancellationToken cancellation)
        {
            StartDue(cancellation);
            if (!inFlight.Values.Any(t => t.IsCompleted))
            {
                // The next job that falls due and can start: with every read slot taken, none can until a read ends.
                var idle = inFlight.Count >= MaxInFlight ? null : pending.Where(t => !inFlight.ContainsKey(t)).Select(t => (DateTimeOffset?)t.Due).DefaultIfEmpty(null).Min();
                var until = deadline.HasValue && (!idle.HasValue || deadline.Value < idle.Value) ? deadline : idle;
                using (var pause = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
                {
                    var waits = inFlight.Values.Cast<Task>().ToList();
                    var wait = until.HasValue ? until.Value - clock.UtcNow : (TimeSpan?)null;
                    if (wait.HasValue) waits.Add(wait.Value > TimeSpan.Zero ? clock.Delay(wait.Value, pause.Token) : Task.CompletedTask);
                    waits.Add(Task.Delay(Timeout.Infinite, pause.Token)); // Ctrl+C ends the wait, whatever is in flight
                    if (waits.Count > 0) await Task.WhenAny(waits).ConfigureAwait(false);
                    pause.Cancel(); // the pause is over: a delay still running ends here
                }

                cancellation.ThrowIfCancellationRequested();
                StartDue(cancellation);
            }

            foreach (var done in inFlight.Where(p => p.Value.IsCompleted).ToList())
            {
                inFlight.Remove(done.Key);
                Take(done.Key, done.Value, round, cancellation);
            }

            return round;
        }

        private void StartDue(CancellationToken cancellation)
        {
            var now = clock.UtcNow;
            foreach (var tracked in pending.Where(t => t.Due <= now && !inFlight.ContainsKey(t)).OrderBy(t => t.Due).ToList())
            {
                if (inFlight.Count >= MaxInFlight) break;
                inFlight.Add(tracked, Read(tracked.Job, reads.Token));
            }
        }

        // A read as a task that never throws synchronously: a poll function that throws is a faulted read.
        private Task<StatusAnswer> Read(Job job, CancellationToken cancellation)
        {
            try
            {
                return poll(job, cancellation);
            }
            catch (Exception e)
            {
                var failed = new TaskCompletionSource<StatusAnswer>();
                failed.SetException(e);
                return failed.Task;
            }
        }

        private void Take(Tracked tracked, Task<StatusAnswer> read, PollRound round, CancellationToken cancellation)
        {
            try
            {
                var answer = read.GetAwaiter().GetResult();
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
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested && !reads.IsCancellationRequested)
            {
                tracked.Due = clock.UtcNow + PollSchedule.After(++tracked.Polls, null); // its own time limit: read again later
            }
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
