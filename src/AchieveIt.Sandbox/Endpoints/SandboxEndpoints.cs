using System.Linq;
using AchieveIt.Sandbox.Processing;
using System.Text.Json;
using AchieveIt.Sandbox.Faults;
using AchieveIt.Sandbox.Http;
using AchieveIt.Sandbox.Plans;
using AchieveIt.Sandbox.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AchieveIt.Sandbox.Endpoints
{
    /// <summary>Sandbox-only endpoints under /sandbox: what is stored, what arrived, and faults to play.</summary>
    public static class SandboxEndpoints
    {
        public static void MapSandbox(this IEndpointRouteBuilder app)
        {
            app.MapGet("/sandbox/jobs", (SandboxStore store) => Results.Ok(store.ListJobs().Select(Describe)));
            app.MapGet("/sandbox/jobs/{jobId}", (string jobId, SandboxStore store) =>
            {
                var id = ApiEndpoints.NormaliseJobId(jobId);
                var job = id == null ? null : store.GetJob(id);
                return job == null ? Results.NotFound(new { message = "No such job." }) : Results.Ok(Describe(job));
            });
            app.MapGet("/sandbox/updates", (string externalId, int? limit, SandboxStore store) =>
                Results.Ok(store.Updates(externalId, limit is > 0 ? limit.Value : 10000)));
            app.MapGet("/sandbox/requests", (RequestLog log) => Results.Ok(log.Snapshot()));
            app.MapGet("/sandbox/uploads", (UploadGate gate) => Results.Ok(new { receiving = gate.Receiving, waiting = gate.Waiting, capacity = gate.Capacity }));
            app.MapPost("/sandbox/faults", (FaultRule rule, FaultBook faults) =>
            {
                var problem = faults.Add(rule);
                return problem == null ? Results.Ok(rule) : Results.BadRequest(new { message = problem });
            });
            app.MapGet("/sandbox/faults", (FaultBook faults) => Results.Ok(new { delaying = faults.Delaying }));
            app.MapDelete("/sandbox/faults", (FaultBook faults) =>
            {
                faults.Clear();
                return Results.NoContent();
            });
            app.MapDelete("/sandbox/data", (SandboxStore store, RequestLog log, FaultBook faults, JobProcessor processor, PlanCatalog catalog) =>
            {
                processor.ClearQueue();
                store.Clear();
                catalog.Reset();
                log.Clear();
                faults.Clear();
                return Results.NoContent();
            });
        }

        private static object Describe(JobRecord job) => new
        {
            jobId = job.JobId,
            kind = job.Kind,
            fileName = job.FileName,
            size = job.Size,
            state = job.State,
            submittedAt = job.SubmittedAt,
            completedAt = job.CompletedAt,
            rowsApplied = job.RowsApplied,
            errors = job.ErrorsJson == null ? (JsonElement?)null : JsonDocument.Parse(job.ErrorsJson).RootElement,
        };
    }
}
