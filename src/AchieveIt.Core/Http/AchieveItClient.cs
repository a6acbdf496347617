using System;
using System.Diagnostics;
using System.Text;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

using AchieveIt.Files;

namespace AchieveIt.Http
{
    /// <summary>
    /// Submits files and reads job status under the wire rules of DESIGN.md §5. It never writes to a host:
    /// it reports through <c>log</c> (messages already free of the key) and by returning or throwing.
    /// </summary>
    public sealed class AchieveItClient
    {
        private readonly ConnectionSettings settings;
        private readonly HttpClient http;
        private readonly IClock clock;
        private readonly RetryPolicy retry;
        private readonly Action<string> log;

        public AchieveItClient(ConnectionSettings settings, Action<string> log = null, IClock clock = null, RetryPolicy retry = null, HttpMessageHandler handler = null)
        {
            this.settings = settings ?? throw new ArgumentNullException(nameof(settings));
            this.log = log ?? (_ => { });
            this.clock = clock ?? SystemClock.Instance;
            this.retry = retry ?? RetryPolicy.Default;
            http = handler == null ? HttpClients.For(settings.Proxy, settings.ProxyCredential) : new HttpClient(handler, false) { Timeout = Timeout.InfiniteTimeSpan };
        }

        /// <summary>
        /// How long an upload may go without progress: no byte of the file accepted by the connection, or, once
        /// the whole file is sent, no answer. A large file on a slow line is fine as long as it moves.
        /// </summary>
        public TimeSpan UploadStallTimeout { get; set; } = DefaultUploadStallTimeout;

        public static readonly TimeSpan DefaultUploadStallTimeout = TimeSpan.FromSeconds(120);

        /// <summary>
        /// Sends uploads with "Expect: 100-continue" (default: on .NET Framework, that is Windows PowerShell 5.1).
        /// .NET Framework's HttpWebRequest may resend a request by itself when a kept-alive connection turns out to
        /// be stale; with 100-continue the body waits for the server's "100 Continue" on the connection in use, so a
        /// stale connection fails before any byte of the file is sent, and the file is never silently sent twice.
        /// .NET (PowerShell 7) never resends a request once its body started, so there it costs a round trip for nothing.
        /// </summary>
        public bool UploadExpectsContinue { get; set; } = RunsOnNetFramework;

        /// <summary>
        /// After SubmitAsync was cancelled: true when it was stopped with the file (partly) sent, so AchieveIt may
        /// have queued it; false when it was stopped between attempts or before a byte left (nothing was queued).
        /// </summary>
        public bool UploadMayBeQueued { get; private set; }

        internal static bool RunsOnNetFramework { get; } =
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        /// <summary>How long one status request may take.</summary>
        public TimeSpan StatusTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>
        /// Uploads a CSV file. Retried only when the server says it did not queue the file (500, 503, 429, 408)
        /// or when no byte of the body left; anything else after the body went out is SubmitOutcomeUnknown.
        /// A user's file is given with <c>checkedAs</c>, the file as it was checked (null for a spool of our own):
        /// a file that no longer matches it is not sent (FileChanged).
        /// </summary>
        public async Task<Job> SubmitAsync(string path, string fileName, long? rowCount, CancellationToken cancellation, UpdateType kind = UpdateType.Progress, UpdateFormat format = UpdateFormat.Csv,
            FileFingerprint checkedAs = null)
        {
            var uri = settings.Environment.SubmitUri(fileName, kind);
            RefuseInsecure(uri);
            UploadMayBeQueued = false;
            UploadBody body;
            try
            {
                body = new UploadBody(path, format == UpdateFormat.Json ? "application/json" : "text/csv", checkedAs);
            }
            catch (FileChangedException e)
            {
                throw FileChanged(path, e, false);
            }

            for (var attempt = 0; ; attempt++)
            {
                HttpResponseMessage response;
                Uri answered;
                string text;
                try
                {
                    (response, answered, text) = await SendAsync(HttpMethod.Post, uri, body, UploadStallTimeout, cancellation).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
                {
                    UploadMayBeQueued = body.Started; // stopped in flight: queued or not cannot be known once bytes left
                    throw;
                }
                catch (Exception e) when (Find<FileChangedException>(e) != null)
                {
                    throw FileChanged(path, Find<FileChangedException>(e), body.Started);
                }
                catch (Exception e) when (IsTransport(e, cancellation))
                {
                    if (body.Started)
                    {
                        throw new AchieveItException(ErrorIds.SubmitOutcomeUnknown,
                            $"The upload of '{fileName}' to {Where(uri)} broke off after the file was sent ({Describe(e)}), so AchieveIt may or may not have queued it. " +
                            "It was not sent again. Check the plan items' updates in AchieveIt before you resubmit (the API has no job list).", e);
                    }

                    if (attempt >= retry.MaxRetries)
                    {
                        throw new AchieveItException(ErrorIds.SubmitFailed, $"Could not reach {Where(uri)} ({Describe(e)}). Nothing was sent; check the address, proxy and network, then try again.", e);
                    }

                    await RetryDelay(attempt + 1, null, $"could not connect ({Describe(e)}); nothing was sent", cancellation).ConfigureAwait(false);
                    continue;
                }

                using (response)
                {
                    var status = (int)response.StatusCode;
                    if (status >= 200 && status < 300)
                    {
                        var (jobId, statusUri) = JobIdParser.Parse(text, response.Headers.Location, answered);
                        if (settings.Key.IsIn(jobId) || settings.Key.IsIn(statusUri?.OriginalString))
                        {
                            throw new AchieveItException(ErrorIds.NoJobId,
                                $"The server queued '{fileName}' (200) but echoed the API key where the job ID belongs, so its answer is not used. The job may exist in AchieveIt; do not resubmit before checking there.", null, status);
                        }

                        if (statusUri != null && !UriRules.SameOrigin(statusUri, settings.Environment.BaseUri))
                        {
                            // The key never goes to another origin, so a status address there could not be read: use the template.
                            log($"The answer named a status address on another origin ({statusUri.GetLeftPart(UriPartial.Authority)}); it is ignored.");
                            statusUri = null;
                        }

                        return new Job(jobId, fileName, rowCount, settings.Environment.Name, settings.Environment.BaseUri, statusUri, clock.UtcNow, JobState.Processing);
                    }

                    if (status == 401 || status == 403) throw KeyRefused(status, answered);
                    if (status == 500 || status == 503 || status == 429 || status == 408)
                    {
                        if (attempt >= retry.MaxRetries)
                        {
                            throw new AchieveItException(ErrorIds.SubmitFailed,
                                $"AchieveIt did not queue '{fileName}': it answered {status} {attempt + 1} times. {ServerText.Summarise(text)} Nothing was queued; try again later.".Trim(), null, status);
                        }

                        await RetryDelay(attempt + 1, RetryAfter(response), $"the server answered {status}: not queued", cancellation).ConfigureAwait(false);
                        continue;
                    }

                    if (status == 502 || status == 504)
                    {
                        throw new AchieveItException(ErrorIds.SubmitOutcomeUnknown,
                            $"A gateway answered {status} after '{fileName}' was sent, so AchieveIt may or may not have queued it. It was not sent again. Check the plan items' updates in AchieveIt before you resubmit (the API has no job list).", null, status);
                    }

                    throw new AchieveItException(ErrorIds.SubmitRejected,
                        $"AchieveIt refused '{fileName}' with {status}: {ServerText.Summarise(text)}".TrimEnd(' ', ':') + (status == 404 ? ". Check -BaseUri and the environment." : string.Empty), null, status);
                }
            }
        }

        /// <summary>
        /// Reads a job's state once. Passing faults (connection, timeout, 408, 429, 502, 503, 504) are retried; a 500
        /// is confirmed by one more request before the job is called failed.
        /// </summary>
        public async Task<StatusAnswer> GetStatusAsync(Job job, CancellationToken cancellation)
        {
            // A status address is used only on the configured origin (the key goes nowhere else); otherwise the template.
            var uri = job.StatusUri != null && UriRules.SameOrigin(job.StatusUri, settings.Environment.BaseUri) ? job.StatusUri : settings.Environment.StatusUri(job.JobId);
            RefuseInsecure(uri);
            var confirming500 = false;
            for (var attempt = 0; ; attempt++)
            {
                HttpResponseMessage response;
                Uri answered;
                string text;
                try
                {
                    (response, answered, text) = await SendAsync(HttpMethod.Get, uri, null, StatusTimeout, cancellation).ConfigureAwait(false);
                }
                catch (Exception e) when (IsTransport(e, cancellation))
                {
                    if (attempt >= retry.MaxRetries)
                    {
                        throw new AchieveItException(ErrorIds.StatusUnavailable, $"Could not read the status of job {job.JobId} at {Where(uri)} ({Describe(e)}).", e);
                    }

                    await RetryDelay(attempt + 1, null, Describe(e), cancellation).ConfigureAwait(false);
                    continue;
                }

                using (response)
                {
                    var status = (int)response.StatusCode;
                    switch (status)
                    {
                        case 202:
                            return new StatusAnswer(JobState.Processing, status, ServerText.Summarise(text), RetryAfter(response), clock.UtcNow);
                        case 200:
                            return new StatusAnswer(JobState.Succeeded, status, ServerText.Summarise(text), null, clock.UtcNow);
                        case 400:
                            return new StatusAnswer(JobState.Failed, status, ServerText.Summarise(text), null, clock.UtcNow);
                        case 500 when confirming500:
                            return new StatusAnswer(JobState.Failed, status, ServerText.Summarise(text), null, clock.UtcNow);
                        case 500:
                            confirming500 = true;
                            attempt--; // the confirmation is not one of the retries
                            await RetryDelay(1, RetryAfter(response), "the status answered 500; asking once more before calling the job failed", cancellation).ConfigureAwait(false);
                            continue;
                        case 404:
                        case 410:
                            throw new AchieveItException(ErrorIds.JobNotFound,
                                $"AchieveIt knows no job '{job.JobId}' at {Where(uri)} ({status}{(status == 410 ? ", gone" : string.Empty)}). Check the job ID and the environment (-BaseUri / -Environment).", null, status);
                        case 401:
                        case 403:
                            throw KeyRefused(status, answered);
                        case 408:
                        case 429:
                        case 502:
                        case 503:
                        case 504:
                            if (attempt >= retry.MaxRetries)
                            {
                                throw new AchieveItException(ErrorIds.StatusUnavailable, $"The status of job {job.JobId} could not be read: the server answered {status} {attempt + 1} times.", null, status);
                            }

                            await RetryDelay(attempt + 1, RetryAfter(response), $"the status answered {status}", cancellation).ConfigureAwait(false);
                            continue;
                        default:
                            throw new AchieveItException(ErrorIds.StatusUnavailable, $"The status of job {job.JobId} answered {status}: {ServerText.Summarise(text)}", null, status);
                    }
                }
            }
        }

        /// <summary>
        /// Sends one request and follows redirects within the configured origin. The answer's body is read up to
        /// <see cref="ResponseBodyLimit"/> bytes and the rest dropped, so no server can exhaust memory.
        /// </summary>
        private async Task<(HttpResponseMessage Response, Uri Uri, string Text)> SendAsync(HttpMethod method, Uri uri, UploadBody body, TimeSpan timeout, CancellationToken cancellation)
        {
            var current = uri;
            for (var hops = 0; ; hops++)
            {
                cancellation.ThrowIfCancellationRequested();
                if (!UriRules.SameOrigin(current, settings.Environment.BaseUri))
                {
                    // Never reached through RedirectPolicy; a guard so that no request, key or body leaves the origin.
                    throw new AchieveItException(ErrorIds.RedirectRefused, $"{current.GetLeftPart(UriPartial.Path)} is not at {settings.Environment.BaseUri.GetLeftPart(UriPartial.Authority)}; nothing was sent there.");
                }

                HttpResponseMessage response = null;
                string text;
                var clockStart = Stopwatch.StartNew();
                using (var request = new HttpRequestMessage(method, current))
                using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
                using (StallWatch(body, timeout, attempt))
                {
                    if (body != null)
                    {
                        request.Content = body.CreateContent();
                        if (UploadExpectsContinue) request.Headers.ExpectContinue = true;
                    }

                    request.Headers.TryAddWithoutValidation("Authorization", settings.Key.HeaderValue());
                    if (body == null) attempt.CancelAfter(timeout);
                    try
                    {
                        response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token).ConfigureAwait(false);
                        cancellation.ThrowIfCancellationRequested();
                        text = RedirectPolicy.IsRedirect((int)response.StatusCode) ? string.Empty : settings.Key.RedactFrom(await ReadBoundedAsync(response, attempt.Token).ConfigureAwait(false));
                    }
                    catch (OperationCanceledException e) when (!cancellation.IsCancellationRequested)
                    {
                        response?.Dispose();
                        throw new TimeoutException(body == null ? $"no answer within {timeout.TotalSeconds:0} s" : $"no progress for {timeout.TotalSeconds:0} s", e);
                    }
                    catch
                    {
                        response?.Dispose();
                        throw;
                    }
                }

                var status = (int)response.StatusCode;
                log($"{method} {Where(current)} ({settings.Key.Hint}) -> {status} in {clockStart.ElapsedMilliseconds} ms");
                if (!RedirectPolicy.IsRedirect(status)) return (response, current, text);
                try
                {
                    current = RedirectPolicy.Next(current, status, response.Headers.Location, body != null, hops, settings.Environment.BaseUri);
                    log(settings.Key.RedactFrom($"Following {status} to {Where(current)}"));
                }
                catch (AchieveItException e) when (settings.Key.IsIn(e.Message))
                {
                    throw new AchieveItException(e.ErrorId, settings.Key.RedactFrom(e.Message), null, e.StatusCode);
                }
                finally
                {
                    response.Dispose();
                }
            }
        }

        /// <summary>For an upload: cancels the attempt once the body has made no progress for <paramref name="stall"/>.</summary>
        private static IDisposable StallWatch(UploadBody body, TimeSpan stall, CancellationTokenSource attempt)
        {
            if (body == null) return null;
            body.RestartProgress();
            var period = TimeSpan.FromMilliseconds(Math.Min(1000, Math.Max(50, stall.TotalMilliseconds / 4)));
            return new Timer(_ =>
            {
                if (body.IdleFor > stall)
                {
                    try
                    {
                        attempt.Cancel();
                    }
                    catch (ObjectDisposedException)
                    {
                    }
                }
            }, null, period, period);
        }

        private async Task RetryDelay(int retryNumber, TimeSpan? retryAfter, string why, CancellationToken cancellation)
        {
            var wait = retry.Delay(retryNumber, retryAfter);
            log($"Retry {retryNumber} of {retry.MaxRetries} in {wait.TotalSeconds:0.#} s: {why}.");
            await clock.Delay(wait, cancellation).ConfigureAwait(false);
        }

        // One reader of Retry-After for the whole module: seconds or an HTTP-date, against the injected clock.
        private TimeSpan? RetryAfter(HttpResponseMessage response) =>
            response.Headers.TryGetValues("Retry-After", out var values)
                ? RetryPolicy.ParseRetryAfter(string.Join(",", values), clock.UtcNow)
                : null;

        /// <summary>The most of an answer's body that is read; the rest is dropped with the connection.</summary>
        public const int ResponseBodyLimit = 1024 * 1024;

        private static async Task<string> ReadBoundedAsync(HttpResponseMessage response, CancellationToken cancellation)
        {
            if (response.Content == null) return string.Empty;
            try
            {
                using (var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
                {
                    var declared = response.Content.Headers.ContentLength;
                    var buffer = new byte[declared.HasValue && declared.Value < ResponseBodyLimit ? Math.Max(1, declared.Value) : ResponseBodyLimit];
                    var filled = 0;
                    int read;
                    while (filled < buffer.Length && (read = await stream.ReadAsync(buffer, filled, buffer.Length - filled, cancellation).ConfigureAwait(false)) > 0)
                    {
                        filled += read;
                    }

                    return Encoding.UTF8.GetString(buffer, 0, filled);
                }
            }
            catch (Exception e) when (e is HttpRequestException || e is System.IO.IOException || e is InvalidOperationException)
            {
                return string.Empty;
            }
        }

        private AchieveItException KeyRefused(int status, Uri uri) =>
            new AchieveItException(ErrorIds.ApiKeyRefused,
                $"AchieveIt refused the API key ({settings.Key.Hint}) with {status} at {Where(uri)}. " +
                (status == 401
                    ? "Check that the key is complete and current."
                    : "The key may be wrong, or its user may lack permission for these plan items: check the key, and the user's rights in AchieveIt.") +
                " Nothing was retried.", null, status);

        private static void RefuseInsecure(Uri uri)
        {
            var refusal = UriRules.Refusal(uri);
            if (refusal != null) throw new AchieveItException(ErrorIds.InsecureUri, refusal);
        }

        // Nothing was queued either way: a body cut short of its length is an incomplete request, which no server takes.
        private static AchieveItException FileChanged(string path, FileChangedException e, bool partlySent) =>
            new AchieveItException(ErrorIds.FileChanged,
                $"'{path}' changed after it was checked ({e.Message}), so it was not sent{(partlySent ? " (the upload was stopped before its end, so AchieveIt cannot queue it)" : string.Empty)}. " +
                "Something still writes to the file: wait until the export has finished, then submit it again (it is checked again).", e);

        private static T Find<T>(Exception e)
            where T : Exception
        {
            for (; e != null; e = e.InnerException)
            {
                if (e is T found) return found;
            }

            return null;
        }

        private static bool IsTransport(Exception e, CancellationToken cancellation) =>
            !cancellation.IsCancellationRequested && (e is HttpRequestException || e is TimeoutException || e is System.IO.IOException || e is OperationCanceledException);

        private static string Describe(Exception e)
        {
            var inner = e;
            while (inner.InnerException != null && !(inner is TimeoutException)) inner = inner.InnerException;
            return inner.Message.TrimEnd('.');
        }

        private static string Where(Uri uri) => uri.GetLeftPart(UriPartial.Path);
    }
}
