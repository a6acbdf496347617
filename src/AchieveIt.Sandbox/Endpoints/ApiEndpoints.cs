using System;
using System.IO;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AchieveIt.Sandbox.Processing;
using AchieveIt.Sandbox.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

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
            if (context.Request.ContentLength > limit) return TooLarge(options);
            var sizeFeature = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>();
            if (sizeFeature != null && !sizeFeature.IsReadOnly) sizeFeature.MaxRequestBodySize = null;
            if (options.DiscardUploads) return await Discard(context);
            // Sized from Content-Length when given, so a large body is read without regrowing and copied once at most.
            var body = new MemoryStream(context.Request.ContentLength is long declared && declared > 0 ? (int)Math.Min(declared, limit) : 0);
            var buffer = new byte[81920];
            int read;
            try
            {
                while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
                {
                    body.Write(buffer, 0, read);
                    if (body.Length > limit) return TooLarge(options);
                }
            }
            catch (Exception e) when (e is IOException || e is OperationCanceledException || e is Microsoft.AspNetCore.Http.BadHttpRequestException)
            {
                // The client stopped before the end of its body: no job, and the log says so (never a 200).
                context.Items[AchieveIt.Sandbox.Http.RequestLog.AbortedItem] = true;
                return Results.StatusCode(AbortedStatus);
            }

            AchieveIt.Sandbox.Http.BodyHash.Record(context, body.GetBuffer(), (int)body.Length);
            if (body.Length == 0) return Results.BadRequest(new { message = "The body is empty: send the CSV file's bytes." });
            var content = body.Length == body.Capacity ? body.GetBuffer() : body.ToArray();
            var declaredJson = (context.Request.ContentType ?? string.Empty).StartsWith("application/json", StringComparison.OrdinalIgnoreCase);
            if (declaredJson || FileProcessor.IsJson(content))
            {
                if (kind == JobKinds.Metric) return Results.BadRequest(new { message = "Metric updates are CSV only; JSON bodies are for progress updates." });
                var problem = FileProcessor.JsonProblem(content);
                if (problem != null) return Results.BadRequest(new { message = problem });
            }

            var jobId = store.CreateJob(kind, fileName, content);
            processor.Enqueue(jobId);
            return Results.Ok(new { jobId });
        }

        // The benchmark's fast receiver: the body read to its end into one reused buffer and thrown away, so what is
        // measured is the client. A body cut short is aborted, as always.
        private static async Task<IResult> Discard(HttpContext context)
        {
            var buffer = new byte[256 * 1024];
            try
            {
                while (await context.Request.Body.ReadAsync(buffer, context.RequestAborted) > 0)
                {
                }
            }
            catch (Exception e) when (e is IOException || e is OperationCanceledException || e is Microsoft.AspNetCore.Http.BadHttpRequestException)
            {
                context.Items[AchieveIt.Sandbox.Http.RequestLog.AbortedItem] = true;
                return Results.StatusCode(AbortedStatus);
            }

            return Results.Ok(new { jobId = Guid.NewGuid().ToString("D") });
        }

        /// <summary>The status logged for an upload whose client stopped before the end of its body (no answer reaches it).</summary>
        public const int AbortedStatus = 499;

        private static IResult TooLarge(SandboxOptions options) =>
            Results.Json(new { message = $"The file is larger than {options.MaxUploadMb} MB. Split it into batches." }, statusCode: StatusCodes.Status413PayloadTooLarge);

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
