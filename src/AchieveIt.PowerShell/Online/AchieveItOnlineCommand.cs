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
    /// <summary>
    /// What the online cmdlets share: the connection parameters, resolving them in the order of docs/CONTRACT.md §6,
    /// running the core's async calls on the pipeline thread (draining its log into Verbose, each exchange into Debug), Ctrl+C, and waiting.
    /// </summary>
    public abstract partial class AchieveItOnlineCommand : PSCmdlet, IDisposable
    {
        private const int ProgressActivityId = 0x4149; // one id for every wait, so bars never pile up
        private readonly CancellationTokenSource stopping = new CancellationTokenSource();

        /// <summary>Started with the command: -Timeout is one deadline from here, for every step (plan read, upload, wait).</summary>
        protected System.Diagnostics.Stopwatch CommandClock { get; } = System.Diagnostics.Stopwatch.StartNew();

        /// <summary>What is left of a -Timeout of <paramref name="timeoutSeconds"/>, the one deadline from the command's start; null without one.</summary>
        protected TimeSpan? Remaining(int? timeoutSeconds) =>
            timeoutSeconds.HasValue ? TimeSpan.FromTicks(Math.Max(0, TimeSpan.FromSeconds(timeoutSeconds.Value).Ticks - CommandClock.Elapsed.Ticks)) : (TimeSpan?)null;
        private readonly ConcurrentQueue<string> log = new ConcurrentQueue<string>();
        private readonly ConcurrentQueue<string> warnings = new ConcurrentQueue<string>();
        private readonly ConcurrentQueue<string> trace = new ConcurrentQueue<string>();
        private readonly List<ErrorRecord> deferred = new List<ErrorRecord>();
        private JournalAccess journal;

        /// <summary>
        /// The command's one submission journal (opened on first use; never the reason a command fails). Its warnings
        /// are queued, so the core may use it from the worker thread; <see cref="DrainLog"/> writes them.
        /// </summary>
        protected JournalAccess Journal => journal ?? (journal = new JournalAccess(JournalVariables(), warnings.Enqueue, note: log.Enqueue));

        // The environment, with a relative ACHIEVEIT_JOURNAL_PATH taken from PowerShell's location (not the process's).
        private System.Collections.IDictionary JournalVariables()
        {
            var variables = System.Environment.GetEnvironmentVariables();
            var configured = variables[JournalLocation.Variable] as string;
            if (!string.IsNullOrWhiteSpace(configured) && !string.Equals(configured.Trim(), "off", StringComparison.OrdinalIgnoreCase) && !System.IO.Path.IsPathRooted(configured.Trim()))
            {
                variables[JournalLocation.Variable] = SessionState.Path.GetUnresolvedProviderPathFromPSPath(configured.Trim());
            }

            return variables;
        }

        /// <summary>The API key, as a SecureString or a PSCredential whose password is the key. Overrides Connect-AchieveIt and the ACHIEVEIT_API_KEY environment variable.</summary>
        [Parameter]
        [ApiKeyArgument]
        public SecureString ApiKey { get; set; }

        /// <summary>Commercial (default) or Government.</summary>
        [Parameter]
        [ValidateSet("Commercial", "Government", IgnoreCase = true)]
        public string Environment { get; set; }

        /// <summary>Any other API address, such as the sandbox's http://127.0.0.1:PORT. Plain http only to loopback.</summary>
        [Parameter]
        public Uri BaseUri { get; set; }

        /// <summary>A proxy to use instead of the system proxy (and instead of one kept by Connect-AchieveIt -Proxy).</summary>
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

        /// <summary>Cancelled by Ctrl+C (StopProcessing), for work done on the pipeline thread.</summary>
        protected CancellationToken StopToken => stopping.Token;

        /// <summary>The settings for this call, or a terminating error (ApiKeyMissing, ApiKeyInvalid, InsecureUri) that says the fix.</summary>
        protected ConnectionSettings ResolveSettings()
        {
            var settings = TryResolveSettings(out var error);
            if (error != null) ThrowTerminatingError(error);
            return settings;
        }

        /// <summary>The settings for this call, or null and the error that says why there are none.</summary>
        protected ConnectionSettings TryResolveSettings(out ErrorRecord error)
        {
            error = null;
            try
            {
                var parameters = new SettingsSource { ApiKey = ApiKey, Environment = Environment, BaseUri = BaseUri };
                var variables = System.Environment.GetEnvironmentVariables();
                var session = RunspaceState.For(this).Connection;
                var environment = SettingsResolver.ResolveEnvironment(parameters, session, variables);
                var key = SettingsResolver.ResolveKey(parameters, session, variables);
                var settings = Proxy != null || session?.Proxy == null
                    ? new ConnectionSettings(environment, key, Proxy, ProxyCredential?.GetNetworkCredential())
                    : new ConnectionSettings(environment, key, session.Proxy, session.ProxyCredential); // Connect-AchieveIt -Proxy
                this.Note($"AchieveIt at {environment.BaseUri} ({environment.Name}), {key.Hint}.");
                return settings;
            }
            catch (AchieveItException e)
            {
                error = OnlineErrors.From(e, BaseUri ?? (object)Environment);
                return null;
            }
        }

        /// <summary>True when -ApiKey, -BaseUri or -Environment was given to this command.</summary>
        protected bool HasExplicitConnection => ApiKey != null || BaseUri != null || !string.IsNullOrEmpty(Environment);

        /// <summary>
        /// The settings <paramref name="known"/> (what a job of this runspace was submitted with), with any
        /// -ApiKey, -BaseUri, -Environment or -Proxy given to this command in their place.
        /// </summary>
        protected ConnectionSettings Overlay(ConnectionSettings known)
        {
            var environment = BaseUri != null || !string.IsNullOrEmpty(Environment)
                ? SettingsResolver.ResolveEnvironment(new SettingsSource { Environment = Environment, BaseUri = BaseUri }, null, System.Environment.GetEnvironmentVariables())
                : known.Environment;
            var key = ApiKey != null ? new ApiKey(ApiKey) : known.Key;
            return Proxy != null
                ? new ConnectionSettings(environment, key, Proxy, ProxyCredential?.GetNetworkCredential())
                : new ConnectionSettings(environment, key, known.Proxy, known.ProxyCredential);
        }

        protected AchieveItClient CreateClient(ConnectionSettings settings, TimeSpan? uploadStallTimeout = null)
        {
            var client = new AchieveItClient(settings, log.Enqueue, uploadStallTimeout: uploadStallTimeout);
            if (DebugWanted()) client.Connection.Trace = trace.Enqueue; // every exchange in full, for -Debug
            return client;
        }

        // -Debug given, or $DebugPreference asks for debug lines.
        private bool DebugWanted()
        {
            if (DebugSafe.Asked(this)) return true;
            var preference = SessionState.PSVariable.GetValue("DebugPreference");
            if (preference is PSObject wrapped) preference = wrapped.BaseObject;
            return preference is ActionPreference action && action != ActionPreference.SilentlyContinue && action != ActionPreference.Ignore;
        }

        /// <summary>
        /// Runs a core call to completion on the pipeline thread, writing its log as it goes; Ctrl+C cancels it,
        /// and so does <paramref name="limit"/> (a time limit: then the call's OperationCanceledException comes out).
        /// </summary>
        protected T Run<T>(Func<CancellationToken, Task<T>> call, CancellationToken limit = default)
        {
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token, limit))
            {
                var task = Task.Run(() => call(linked.Token));
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
        }

        /// <summary>
        /// Writes the errors kept back until every job was written (JobFailed, JobNotFound, WaitTimeout): under
        /// -ErrorAction Stop the first of them stops the command, and by then no job is left unwritten.
        /// </summary>
        protected void WriteDeferredErrors()
        {
            var errors = deferred.ToArray();
            deferred.Clear();
            foreach (var error in errors) WriteError(error);
        }

        /// <summary>A job that reached its end: written as output now, and as JobFailed (after every job) when it failed.</summary>
        protected void WriteFinished(Job job)
        {
            this.Note($"Job {job.JobId} {job.State} ({job.StatusCode}){(string.IsNullOrEmpty(job.Message) ? string.Empty : ": " + job.Message)}");
            WriteObject(job);
            Journal.Finished(job);
            DrainLog();
            if (job.State == JobState.Failed)
            {
                var reason = string.IsNullOrWhiteSpace(job.Message) ? $"AchieveIt answered {job.StatusCode} without a reason." : job.Message;
                deferred.Add(OnlineErrors.Make(ErrorIds.JobFailed, $"Job {job.Describe()} failed: {reason}", job));
            }
        }

        /// <summary>A warning from any thread, written by the pipeline thread at the next <see cref="DrainLog"/>.</summary>
        protected void QueueWarning(string warning) => warnings.Enqueue(warning);

        /// <summary>Writes what the core queued from any thread: its log as Verbose, the journal's warnings as warnings.</summary>
        protected void DrainLog()
        {
            while (log.TryDequeue(out var message)) this.Note(message);
            while (trace.TryDequeue(out var exchange)) this.Debug(exchange);
            while (warnings.TryDequeue(out var warning)) this.Warn(warning);
        }
    }
}
