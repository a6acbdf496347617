using System;
using System.IO;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AchieveIt.Sandbox.Http;
using AchieveIt.Sandbox.Processing;
using AchieveIt.Sandbox.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AchieveIt.Sandbox.Endpoints
{
    /// <summary>The vendor's API (docs/CONTRACT.md §2): submit a file, read a job's status.</summary>
    public static class ApiEndpoints
    {
        // A file name only: it is stored as text and never used as a path.
        private static readonly Regex FileName = new Regex(@"^[A-Za-z0-9][A-Za-z0-9._() -]{0,199}$", RegexOptions.Compiled);

        public static void MapApi(this IEndpointRouteBuilder app)
        {
            app.MapPost("/api/progressupdates/{fileName}", (HttpContext context, string fileName, SandboxStore store, JobProcessor processor, SandboxOptions options) =>
                Submit(context, JobKinds.Progress, fileName, store, processor, options));
            app.MapPost("/api/metricupdates/{fileName}", (HttpContext context, string fileName, SandboxStore store, JobProcessor processor, SandboxOptions options) =>
                Submit(context, JobKinds.Metric, fileName, store, processor, options));
            app.MapGet("/api/jobs/{jobId}", (string jobId, SandboxStore store) => Status(jobId, store));
        }

        /// <summary>The job ID in its canonical form, or null when it is not a GUID.</summary>
        public static string NormaliseJobId(string jobId) => Guid.TryParse(jobId, out var guid) ? guid.ToString("D") : null;

        private static async Task<IResult> Submit(HttpContext context, string kind, string fileName, SandboxStore store, JobProcessor processor, SandboxOptions options)
        {
            if (!FileName.IsMatch(fileName) || fileName.Contains(".."))
            {
                return Results.BadRequest(new { message = "The file name may hold letters, digits, spaces and . _ - ( ) only, and no '..'." });
            }

            long limit = options.MaxUploadMb * 1024L * 1024L;
            // Kestrel's own limit, set to ours: a body past it is rejected by the server itself, which then answers and
            // closes the connection without reading the rest (an application cannot stop Kestrel's draining otherwise).
            var sizeFeature = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>();
            if (sizeFeature != null && !sizeFeature.IsReadOnly) sizeFeature.MaxRequestBodySize = limit;
            if (context.Request.ContentLength > limit) return await TooLarge(context, options);
            // The benchmark's fast receiver: the body read to its end and thrown away, so what is measured is the client.
            if (options.DiscardUploads) return await UploadReceiver.DrainAsync(context, hashIt: false) ? Results.Ok(new { jobId = Guid.NewGuid().ToString("D") }) : Aborted(context);

            var gate = context.RequestServices.GetRequiredService<UploadGate>();
            IDisposable slot;
            try
            {
                slot = await gate.EnterAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return Aborted(context);
            }

            using (slot)
            using (var body = store.Bodies.CreateArriving())
            {
                var (arrival, length, json) = await UploadReceiver.ReceiveAsync(context, body.Stream, limit);
                if (arrival == BodyArrival.TooLarge) return await TooLarge(context, options);
                if (arrival == BodyArrival.CutShort) return Aborted(context);
                if (length == 0) return Results.BadRequest(new { message = "The body is empty: send the CSV file's bytes." });
                var declaredJson = (context.Request.ContentType ?? string.Empty).StartsWith("application/json", StringComparison.OrdinalIgnoreCase);
                if (declaredJson || json)
                {
                    if (kind == JobKinds.Metric) return Results.BadRequest(new { message = "Metric updates are CSV only; JSON bodies are for progress updates." });
                    var problem = FileProcessor.JsonProblem(ReadAll(body.Stream, length)); // one of the few bodies received at once
                    if (problem != null) return Results.BadRequest(new { message = problem });
                }

                var jobId = Guid.NewGuid().ToString("D");
                body.Keep(jobId);
                store.CreateJob(jobId, kind, fileName, length);
                processor.Enqueue(jobId);
                return Results.Ok(new { jobId });
            }
        }

        private static byte[] ReadAll(Stream stream, long length)
        {
            var bytes = new byte[length];
            stream.Position = 0;
            stream.ReadExactly(bytes);
            return bytes;
        }

        // The client stopped before the end of its body: no job, and the log says so (never a 200).
        private static IResult Aborted(HttpContext context)
        {
            context.Items[AchieveIt.Sandbox.Http.RequestLog.AbortedItem] = true;
            return Results.StatusCode(AbortedStatus);
        }

        private static async Task<IResult> TooLarge(HttpContext context, SandboxOptions options)
        {
            await UploadReceiver.RefuseTooLargeAsync(context, options.MaxUploadMb);
            return Results.Empty;
        }

        /// <summary>The status logged for an upload whose client stopped before the end of its body (no answer reaches it).</summary>
        public const int AbortedStatus = 499;

        private static IResult Status(string jobId, SandboxStore store)
        {
            var id = NormaliseJobId(jobId);
            var job = id == null ? null : store.GetJob(id);
            if (job == null) return Results.NotFound(new { message = $"No job has the ID '{Shorten(jobId)}'." });
            switch (job.State)
            {
                case JobStates.Processed:
                    return Results.Ok(new { jobId = job.JobId, state = job.State, rowsApplied = job.RowsApplied });
                case JobStates.Failed:
                    return Results.Json(new { jobId = job.JobId, state = job.State, errors = JsonDocument.Parse(job.ErrorsJson ?? "[]").RootElement },
                        statusCode: StatusCodes.Status400BadRequest);
                default:
                    return Results.Json(new { jobId = job.JobId, state = job.State }, statusCode: StatusCodes.Status202Accepted);
            }
        }

        private static string Shorten(string text) => text.Length <= 60 ? text : text.Substring(0, 57) + "...";
    }
}
