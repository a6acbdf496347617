using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using AchieveIt.Http;
using AchieveIt.Jobs;
using AchieveIt.Journal;

namespace AchieveIt.PowerShell.Online
{
    /// <summary>Waiting for jobs: the poller driven round by round on the pipeline thread, with progress, until done, the time limit or Ctrl+C.</summary>
    public abstract partial class AchieveItOnlineCommand
    {
        /// <summary>
        /// Waits for jobs as Wait-AchieveItJob does: a progress bar, each job written when it finishes, JobFailed for a
        /// failed one, WaitTimeout (and the job in its last state) for one still running at the timeout. The timeout is
        /// a hard limit: a request in flight is cut off at it. When the wait cannot go on (the key refused, a refused
        /// redirect), every job not yet written is written in its last state before the error, so nothing sent is lost.
        /// </summary>
        protected void WaitForJobs(IReadOnlyList<(Job Job, AchieveItClient Client)> jobs, int? timeoutSeconds, TimeSpan? alreadyUsed = null)
        {
            if (jobs.Count == 0)
            {
                WriteDeferredErrors();
                return;
            }

            var clients = jobs.ToDictionary(j => j.Job, j => j.Client);
            var limit = timeoutSeconds.HasValue ? TimeSpan.FromSeconds(timeoutSeconds.Value) - (alreadyUsed ?? TimeSpan.Zero) : (TimeSpan?)null;
            if (limit.HasValue && limit.Value < TimeSpan.Zero) limit = TimeSpan.Zero;
            using (var poller = new JobPoller(jobs.Select(j => j.Job), (job, token) => clients[job].GetStatusAsync(job, token), SystemClock.Instance, limit))
            {
                WaitWith(poller, limit, timeoutSeconds);
            }
        }

        private void WaitWith(JobPoller poller, TimeSpan? limit, int? timeoutSeconds)
        {
            var progress = new ProgressRecord(ProgressActivityId, "Waiting for AchieveIt", "Starting");
            var deadline = new CancellationTokenSource();
            if (limit.HasValue) deadline.CancelAfter(limit.Value);
            try
            {
                while (!poller.IsDone && !poller.TimedOut && !deadline.IsCancellationRequested)
                {
                    var done = poller.Total - poller.Pending.Count;
                    progress.StatusDescription = $"{done} of {poller.Total} jobs finished";
                    progress.PercentComplete = poller.Total == 0 ? 100 : done * 100 / poller.Total;
                    progress.CurrentOperation = string.Join(", ", poller.Pending.Take(3).Select(j => j.JobId + " " + j.State));
                    WriteProgress(progress);
                    PollRound round;
                    try
                    {
                        round = Run(token => poller.NextRoundAsync(token), deadline.Token);
                    }
                    catch (OperationCanceledException) when (deadline.IsCancellationRequested)
                    {
                        break; // the time limit, even in the middle of a request or a retry's wait
                    }
                    catch (AchieveItException e)
                    {
                        // Every job is written before any error, so that under -ErrorAction Stop no job ID is lost.
                        foreach (var job in poller.Pending) WriteObject(job);
                        WriteDeferredErrors();
                        ThrowTerminatingError(OnlineErrors.From(e, poller.Pending.Count == 1 ? poller.Pending[0] : (object)poller.Pending.ToArray()));
                        return;
                    }

                    foreach (var (job, error) in round.Errors)
                    {
                        if (error.ErrorId == ErrorIds.StatusUnavailable)
                        {
                            this.Warn(error.Message + " Still waiting.");
                            continue;
                        }

                        WriteObject(job);
                        deferred.Add(OnlineErrors.From(error, job));
                    }

                    foreach (var job in round.Finished) WriteFinished(job);
                }

                foreach (var job in poller.Pending)
                {
                    var what = job.State == JobState.Unknown
                        ? $"The state of job {job.Describe()} could not be read within {timeoutSeconds} s, so it is Unknown."
                        : job.LastCheckedAt == null
                            ? $"Job {job.Describe()} was queued, but its status could not be read within {timeoutSeconds} s."
                            : $"Job {job.Describe()} was still processing after {timeoutSeconds} s.";
                    WriteObject(job);
                    deferred.Add(OnlineErrors.Make(ErrorIds.WaitTimeout, $"{what} It may still finish: Wait-AchieveItJob -JobId {job.JobId}", job));
                }

                WriteDeferredErrors();
            }
            finally
            {
                deadline.Dispose();
                progress.RecordType = ProgressRecordType.Completed;
                progress.StatusDescription = "Done";
                WriteProgress(progress);
            }
        }
    }
}
