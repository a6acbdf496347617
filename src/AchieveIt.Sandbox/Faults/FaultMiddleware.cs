using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace AchieveIt.Sandbox.Faults
{
    /// <summary>Plays the next matching fault on an /api request, after the key was checked.</summary>
    public sealed class FaultMiddleware
    {
        private readonly RequestDelegate next;
        private readonly FaultBook faults;

        public FaultMiddleware(RequestDelegate next, FaultBook faults)
        {
            this.next = next;
            this.faults = faults;
        }

        public async Task InvokeAsync(HttpContext context)
        {
            var path = context.Request.Path.Value ?? string.Empty;
            var target = HttpMethods.IsPost(context.Request.Method) && path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) ? FaultTargets.Submit
                : HttpMethods.IsGet(context.Request.Method) && path.StartsWith("/api/jobs/", StringComparison.OrdinalIgnoreCase) ? FaultTargets.Status
                : HttpMethods.IsGet(context.Request.Method) && (path.StartsWith("/plans/", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/exports/plans/", StringComparison.OrdinalIgnoreCase)) ? FaultTargets.Plan
                : null;
            var rule = target == null ? null : faults.TakeForRequest(target);
            if (rule == null)
            {
                await next(context);
                return;
            }

            switch (rule.Action)
            {
                case FaultActions.Delay:
                    try
                    {
                        using (faults.Hold()) await Task.Delay(rule.DelayMs, context.RequestAborted);
                    }
                    catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
                    {
                        // The client went away during the delay, before its body was read: an upload cut short, logged so.
                        context.Items[AchieveIt.Sandbox.Http.RequestLog.AbortedItem] = true;
                        context.Response.StatusCode = 499;
                        return;
                    }

                    await next(context);
                    return;
                case FaultActions.Drop:
                    await ReadBodyAsync(context);
                    context.Abort();
                    return;
                case FaultActions.Redirect:
                    await ReadBodyAsync(context);
                    context.Response.StatusCode = rule.Status;
                    context.Response.Headers.Location = rule.Location;
                    return;
                default:
                    await ReadBodyAsync(context);
                    context.Response.StatusCode = rule.Status;
                    if (!string.IsNullOrEmpty(rule.RetryAfter)) context.Response.Headers.RetryAfter = rule.RetryAfter;
                    var message = $"Injected fault: {rule.Status}" + (target == FaultTargets.Submit ? "; the file was not queued." : ".") +
                        (rule.EchoAuthorization ? $" You sent Authorization: {context.Request.Headers.Authorization}" : string.Empty);
                    if (rule.BodyBytes <= 0)
                    {
                        await context.Response.WriteAsJsonAsync(new { message });
                        return;
                    }

                    await WriteHugeBodyAsync(context, message, rule.BodyBytes);
                    return;
            }
        }

        private static async Task WriteHugeBodyAsync(HttpContext context, string message, long fillerBytes)
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync(message + "\n", context.RequestAborted);
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)'x');
            try
            {
                for (var left = fillerBytes; left > 0; left -= chunk.Length)
                {
                    await context.Response.Body.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, left)), context.RequestAborted);
                }
            }
            catch (Exception e) when (e is OperationCanceledException || e is IOException)
            {
                // The client stopped reading: that is what a bounded reader does.
            }
        }

        private static Task ReadBodyAsync(HttpContext context) => AchieveIt.Sandbox.Http.UploadReceiver.DrainAsync(context, hashIt: true);
    }
}
