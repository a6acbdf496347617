using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AchieveIt.Sandbox.Faults;
using AchieveIt.Sandbox.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AchieveIt.Sandbox.Processing
{
    /// <summary>
    /// Processes queued jobs one at a time in the background. At start-up it picks up every job left queued or
    /// half-processed by a crash; the store's transaction makes sure none is applied twice.
    /// </summary>
    public sealed class JobProcessor : BackgroundService
    {
        private readonly Channel<string> queue = Channel.CreateUnbounded<string>();
        private readonly SandboxStore store;
        private readonly FileProcessor files;
        private readonly FaultBook faults;
        private readonly SandboxOptions options;
        private readonly ILogger<JobProcessor> logger;
        private readonly AchieveIt.Sandbox.Plans.PlanCatalog catalog;

        public JobProcessor(SandboxStore store, FileProcessor files, FaultBook faults, SandboxOptions options, ILogger<JobProcessor> logger, AchieveIt.Sandbox.Plans.PlanCatalog catalog)
        {
            this.catalog = catalog;
            this.store = store;
            this.files = files;
            this.faults = faults;
            this.options = options;
            this.logger = logger;
        }

        public void Enqueue(string jobId) => queue.Writer.TryWrite(jobId);

        /// <summary>Forgets every queued job (DELETE /sandbox/data), so no deleted job delays the next ones.</summary>
        public void ClearQueue()
        {
            while (queue.Reader.TryRead(out _))
            {
            }
        }

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            foreach (var job in store.PendingJobs()) Enqueue(job.JobId);
            await foreach (var jobId in queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    if (store.GetJob(jobId) == null) continue; // deleted while queued
                    store.MarkProcessing(jobId);
                    if (options.ProcessingDelayMs > 0) await Task.Delay(options.ProcessingDelayMs, stoppingToken);
                    Process(jobId);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    // A job that breaks the processor fails alone; the sandbox keeps serving.
                    logger.LogError(e, "Job {JobId} could not be processed.", jobId);
                    store.Fail(jobId, JsonSerializer.Serialize(new[] { new JobError(0, string.Empty, "ProcessingError", e.Message) }));
                }
            }
        }

        private void Process(string jobId)
        {
            var job = store.GetJob(jobId);
            if (job == null || job.State == JobStates.Processed || job.State == JobStates.Failed) return;
            if (faults.TakeJobFailure() != null)
            {
                store.Fail(jobId, JsonSerializer.Serialize(new[] { new JobError(0, string.Empty, "InjectedFailure", "The sandbox was told to fail this job.") },
                    new JsonSerializerOptions(JsonSerializerDefaults.Web)));
                return;
            }

            var content = store.GetContent(jobId);
            if (content == null)
            {
                store.Fail(jobId, JsonSerializer.Serialize(new[] { new JobError(0, string.Empty, "BodyMissing", "The sandbox no longer has this job's file (its uploads folder was emptied).") },
                    new JsonSerializerOptions(JsonSerializerDefaults.Web)));
                return;
            }

            // The plan's items change as AchieveIt's do, once the job's updates are committed (a failed job changes nothing).
            var applied = catalog.PlanIds.Any() ? new System.Collections.Generic.List<AppliedUpdate>() : null;
            if (store.Apply(jobId, apply => files.Process(jobId, job.Kind, content, update =>
                {
                    apply(update);
                    applied?.Add(update);
                })) && applied != null)
            {
                catalog.Apply(applied);
            }
        }
    }
}
