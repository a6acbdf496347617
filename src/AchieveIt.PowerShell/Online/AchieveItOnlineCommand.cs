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

namespace AchieveIt.PowerShell.Online
{
    /// <summary>
    /// What the online cmdlets share: the connection parameters, resolving them in the order of DESIGN.md §6,
    /// running the core's async calls on the pipeline thread (draining its log into Verbose), Ctrl+C, and waiting.
    /// </summary>
    public abstract class AchieveItOnlineCommand : PSCmdlet, IDisposable
    {
        private const int ProgressActivityId = 0x4149; // one id for every wait, so bars never pile up
        private readonly CancellationTokenSource stopping = new CancellationTokenSource();
        private readonly ConcurrentQueue<string> log = new ConcurrentQueue<string>();

        /// <summary>The API key. Overrides Connect-AchieveIt and the ACHIEVEIT_API_KEY environment variable.</summary>
        [Parameter]
        public SecureString ApiKey { get; set; }

        /// <summary>Commercial (default) or Government.</summary>
        [Parameter]
        [ValidateSet("Commercial", "Government", IgnoreCase = true)]
        public string Environment { get; set; }

        /// <summary>Any other API address, such as the sandbox's http://127.0.0.1:PORT. Plain http only to loopback.</summary>
        [Parameter]
        public Uri BaseUri { get; set; }

        /// <summary>A proxy to use instead of the system proxy.</summary>
        [Parameter]
        public Uri Proxy { get; set; }

        /// <summary>Credentials for -Proxy.</summary>
        [Parameter]
        [Credential]
        public PSCredential ProxyCredential { get; set; }

        public void Dispose()
        {
            stopping.Dispose();
            DisposeCommand();
        }

        protected virtual void DisposeCommand()
        {
        }

        protected override void StopProcessing() => stopping.Cancel();

        /// <summary>The settings for this call, or a terminating error (ApiKeyMissing, InsecureUri) that says the fix.</summary>
        protected ConnectionSettings ResolveSettings()
        {
            try
            {
                var parameters = new SettingsSource { ApiKey = ApiKey, Environment = Environment, BaseUri = BaseUri };
                var variables = System.Environment.GetEnvironmentVariables();
                var session = RunspaceState.For(this).Connection;
                var environment = SettingsResolver.ResolveEnvironment(parameters, session, variables);
                var key = SettingsResolver.ResolveKey(parameters, session, variables);
                var settings = new ConnectionSettings(environment, key, Proxy, ProxyCredential?.GetNetworkCredential());
                WriteVerbose($"AchieveIt at {environment.BaseUri} ({environment.Name}), {key.Hint}.");
                return settings;
            }
            catch (AchieveItException e)
            {
                ThrowTerminatingError(OnlineErrors.From(e, BaseUri ?? (object)Environment));
                return null;
            }
        }

        protected AchieveItClient CreateClient(ConnectionSettings settings) => new AchieveItClient(settings, log.Enqueue);

        /// <summary>Runs a core call to completion on the pipeline thread, writing its log as it goes; Ctrl+C cancels it.</summary>
        protected T Run<T>(Func<CancellationToken, Task<T>> call)
        {
            var task = Task.Run(() => call(stopping.Token));
            // Waiting on the handle, not task.Wait: that would throw the fault wrapped in an AggregateException.
            while (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(100)) DrainLog();
            DrainLog();
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>
        /// Waits for jobs as Wait-AchieveItJob does: a progress bar, each job written when it finishes, JobFailed for a
        /// failed one, WaitTimeout (and the job in its last state) for one still running at the timeout.
        /// </summary>
        protected void WaitForJobs(IReadOnlyList<(Job Job, AchieveItClient Client)> jobs, int? timeoutSeconds)
        {
            if (jobs.Count == 0) return;
            var clients = jobs.ToDictionary(j => j.Job, j => j.Client);
            var poller = new JobPoller(jobs.Select(j => j.Job), (job, token) => clients[job].GetStatusAsync(job, token), SystemClock.Instance,
                timeoutSeconds.HasValue ? TimeSpan.FromSeconds(timeoutSeconds.Value) : (TimeSpan?)null);
            var progress = new ProgressRecord(ProgressActivityId, "Waiting for AchieveIt", "Starting");
            try
            {
                while (!poller.IsDone && !poller.TimedOut)
                {
                    var done = poller.Total - poller.Pending.Count;
                    progress.StatusDescription = $"{done} of {poller.Total} jobs finished";
                    progress.PercentComplete = poller.Total == 0 ? 100 : done * 100 / poller.Total;
                    progress.CurrentOperation = string.Join(", ", poller.Pending.Take(3).Select(j => j.JobId + " " + j.State));
                    WriteProgress(progress);
                    var round = Run(token => poller.NextRoundAsync(token));
                    foreach (var (job, error) in round.Errors)
                    {
                        if (error.ErrorId == ErrorIds.StatusUnavailable) WriteWarning(error.Message + " Still waiting.");
                        else WriteError(OnlineErrors.From(error, job));
                    }

                    foreach (var job in round.Finished) WriteFinished(job);
                }

                foreach (var job in poller.Pending)
                {
                    WriteError(OnlineErrors.Make(ErrorIds.WaitTimeout,
                        $"Job {job.JobId} ({job.FileName}) was still processing after {timeoutSeconds} s. It may still finish: Wait-AchieveItJob -JobId {job.JobId}", job));
                    WriteObject(job);
                }
            }
            finally
            {
                progress.RecordType = ProgressRecordType.Completed;
                progress.StatusDescription = "Done";
                WriteProgress(progress);
            }
        }

        /// <summary>A job that reached its end: written as output, and as JobFailed when it failed.</summary>
        protected void WriteFinished(Job job)
        {
            WriteVerbose($"Job {job.JobId} {job.State} ({job.StatusCode}): {job.Message}");
            if (job.State == JobState.Failed)
            {
                WriteError(OnlineErrors.Make(ErrorIds.JobFailed, $"Job {job.JobId} ({job.FileName}) failed: {job.Message}", job));
            }

            WriteObject(job);
        }

        protected void DrainLog()
        {
            while (log.TryDequeue(out var message)) WriteVerbose(message);
        }
    }
}
