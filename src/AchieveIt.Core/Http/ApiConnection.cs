using System;
using System.Diagnostics;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace AchieveIt.Http
{
    /// <summary>
    /// Sends one request to the API safely: never to another origin (redirects followed by hand within it), the key
    /// only in the header and redacted from every text it returns, an upload given up when it stops moving, answers
    /// read up to <see cref="ResponseBodyLimit"/> bytes, and retry delays that honour Retry-After. It knows nothing
    /// of what an endpoint's answer means (that is <see cref="AchieveItClient"/>'s) and holds no state about one call:
    /// a call's result carries it. Safe to share across calls and threads.
    /// </summary>
    public sealed class ApiConnection
    {
        /// <summary>The most of an answer's body that is read; the rest is dropped with the connection.</summary>
        public const int ResponseBodyLimit = 1024 * 1024;

        private readonly HttpClient http;
        private readonly Action<string> log;

        public ApiConnection(ConnectionSettings settings, Action<string> log = null, IClock clock = null, RetryPolicy retry = null, HttpMessageHandler handler = null)
        {
            Settings = settings ?? throw new ArgumentNullException(nameof(settings));
            this.log = log ?? (_ => { });
            Clock = clock ?? SystemClock.Instance;
            Retry = retry ?? RetryPolicy.Default;
            http = handler == null ? HttpClients.For(settings.Proxy, settings.ProxyCredential) : new HttpClient(handler, false) { Timeout = Timeout.InfiniteTimeSpan };
        }

        public ConnectionSettings Settings { get; }

        public IClock Clock { get; }

        public RetryPolicy Retry { get; }

        public Uri BaseUri => Settings.Environment.BaseUri;

        /// <summary>
        /// Where each exchange is told in full for a person debugging (-Debug in the cmdlets): method, address, the
        /// request's headers with the key redacted, status, timing and the answer's headers. Null: not told.
        /// </summary>
        public Action<string> Trace { get; set; }

        /// <summary>Writes a message already free of the key to the caller's log (Verbose in the cmdlets).</summary>
        public void Log(string message) => log(Settings.Key.RedactFrom(message));

        /// <summary>
        /// Sends one request and follows redirects within the configured origin. A GET (no body) is given up after
        /// <paramref name="timeout"/>; an upload after <paramref name="timeout"/> without progress. The answer's body
        /// is read up to <see cref="ResponseBodyLimit"/> bytes (<see cref="ApiAnswer.Truncated"/> says when it was cut).
        /// </summary>
        internal async Task<ApiAnswer> SendAsync(HttpMethod method, Uri uri, UploadBody body, TimeSpan timeout, CancellationToken cancellation, bool expectContinue = false, int bodyLimit = ResponseBodyLimit)
        {
            RefuseInsecure(uri);
            var current = uri;
            for (var hops = 0; ; hops++)
            {
                cancellation.ThrowIfCancellationRequested();
                if (!UriRules.SameOrigin(current, BaseUri))
                {
                    // Never reached through RedirectPolicy; a guard so that no request, key or body leaves the origin.
                    throw new AchieveItException(ErrorIds.RedirectRefused, $"{current.GetLeftPart(UriPartial.Path)} is not at {BaseUri.GetLeftPart(UriPartial.Authority)}; nothing was sent there.");
                }

                var clockStart = Stopwatch.StartNew();
                var answer = await SendOnceAsync(method, current, body, timeout, expectContinue, bodyLimit, cancellation).ConfigureAwait(false);
                if (Trace == null) Log($"{method} {Where(current)} ({Settings.Key.Hint}) -> {answer.Status} in {clockStart.ElapsedMilliseconds} ms"); // traced in full otherwise; redacted: a redirect may have put anything in the path
                if (answer.Truncated) log($"The answer from {Where(current)} was longer than {bodyLimit} bytes; only the first {bodyLimit} were read.");
                if (!RedirectPolicy.IsRedirect(answer.Status)) return answer;
                try
                {
                    current = RedirectPolicy.Next(current, answer.Status, answer.Location, body != null, hops, BaseUri);
                    Log($"Following {answer.Status} to {Where(current)}");
                }
                catch (AchieveItException e) when (Settings.Key.IsIn(e.Message))
                {
                    throw new AchieveItException(e.ErrorId, Settings.Key.RedactFrom(e.Message), null, e.StatusCode);
                }
            }
        }

        private async Task<ApiAnswer> SendOnceAsync(HttpMethod method, Uri uri, UploadBody body, TimeSpan timeout, bool expectContinue, int bodyLimit, CancellationToken cancellation)
        {
            using (var request = new HttpRequestMessage(method, uri))
            using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
            using (StallWatch(body, timeout, attempt))
            {
                if (body != null)
                {
                    request.Content = body.CreateContent();
                    request.Headers.ExpectContinue = expectContinue; // both ways: .NET Framework's default (null) is true
                }

                request.Headers.TryAddWithoutValidation("Authorization", Settings.Key.HeaderValue());
                if (body == null) attempt.CancelAfter(timeout);
                try
                {
                    var started = Stopwatch.StartNew();
                    using (var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token).ConfigureAwait(false))
                    {
                        cancellation.ThrowIfCancellationRequested();
                        var status = (int)response.StatusCode;
                        Trace?.Invoke(ExchangeText.Describe(request, response, started.Elapsed, Settings.Key));
                        var read = RedirectPolicy.IsRedirect(status) ? default : await ReadBoundedAsync(response, bodyLimit, attempt.Token).ConfigureAwait(false);
                        return new ApiAnswer(status, uri, Settings.Key.RedactFrom(read.Text ?? string.Empty), read.Truncated, response.Headers.Location, RetryAfter(response));
                    }
                }
                catch (OperationCanceledException e) when (!cancellation.IsCancellationRequested)
                {
                    throw new TimeoutException(body == null ? $"no answer within {timeout.TotalSeconds:0} s" : $"no progress for {timeout.TotalSeconds:0} s", e);
                }
            }
        }

        /// <summary>
        /// A GET that may be repeated: connection failures, timeouts and 408, 429, 502, 503, 504 are retried (with
        /// Retry-After) up to the policy's count. Returns the first other answer, or the last retryable one when the
        /// retries ran out; a connection that still fails is <paramref name="unreachable"/>'s exception.
        /// </summary>
        public async Task<ApiAnswer> GetWithRetriesAsync(Uri uri, TimeSpan timeout, CancellationToken cancellation, Func<Exception, string, AchieveItException> unreachable, int bodyLimit = ResponseBodyLimit)
        {
            for (var attempt = 0; ; attempt++)
            {
                ApiAnswer answer;
                try
                {
                    answer = await SendAsync(HttpMethod.Get, uri, null, timeout, cancellation, false, bodyLimit).ConfigureAwait(false);
                }
                catch (Exception e) when (IsTransport(e, cancellation))
                {
                    if (attempt >= Retry.MaxRetries) throw unreachable(e, Describe(e));
                    await RetryDelay(attempt + 1, null, Describe(e), cancellation).ConfigureAwait(false);
                    continue;
                }

                if (!IsPassingFault(answer.Status) || attempt >= Retry.MaxRetries) return answer;
                await RetryDelay(attempt + 1, answer.RetryAfter, $"the server answered {answer.Status}", cancellation).ConfigureAwait(false);
            }
        }

        /// <summary>408, 429, 502, 503, 504: a GET that met one may be repeated.</summary>
        public static bool IsPassingFault(int status) => status == 408 || status == 429 || status == 502 || status == 503 || status == 504;

        /// <summary>Waits before retry <paramref name="retryNumber"/> (Retry-After wins), saying why in the log.</summary>
        public async Task RetryDelay(int retryNumber, TimeSpan? retryAfter, string why, CancellationToken cancellation)
        {
            var wait = Retry.Delay(retryNumber, retryAfter);
            log($"Retry {retryNumber} of {Retry.MaxRetries} in {wait.TotalSeconds:0.#} s: {why}.");
            await Clock.Delay(wait, cancellation).ConfigureAwait(false);
        }

        /// <summary>401 or 403: the key was refused. The message shows only the key's hint.</summary>
        public AchieveItException KeyRefused(int status, Uri uri) =>
            new AchieveItException(ErrorIds.ApiKeyRefused,
                $"AchieveIt refused the API key ({Settings.Key.Hint}) with {status} at {Where(uri)}. " +
                (status == 401
                    ? "Check that the key is complete and current."
                    : "The key may be wrong, or its user may lack permission for these plan items: check the key, and the user's rights in AchieveIt.") +
                " Nothing was retried.", null, status);

        /// <summary>True for a failure of the connection itself (not a cancellation the caller asked for).</summary>
        public static bool IsTransport(Exception e, CancellationToken cancellation) =>
            !cancellation.IsCancellationRequested && (e is HttpRequestException || e is TimeoutException || e is System.IO.IOException || e is OperationCanceledException);

        /// <summary>The innermost reason, for messages ("no answer within 30 s", "Connection refused").</summary>
        public static string Describe(Exception e)
        {
            var inner = e;
            while (inner.InnerException != null && !(inner is TimeoutException)) inner = inner.InnerException;
            return inner.Message.TrimEnd('.');
        }

        /// <summary>An address for messages: no query (it may carry anything).</summary>
        public static string Where(Uri uri) => uri.GetLeftPart(UriPartial.Path);

        /// <summary>Plain http only to loopback, and no other scheme: InsecureUri before a connection is opened.</summary>
        public static void RefuseInsecure(Uri uri)
        {
            var refusal = UriRules.Refusal(uri);
            if (refusal != null) throw new AchieveItException(ErrorIds.InsecureUri, refusal);
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

        // One reader of Retry-After for the whole module: seconds or an HTTP-date, against the injected clock.
        private TimeSpan? RetryAfter(HttpResponseMessage response) =>
            response.Headers.TryGetValues("Retry-After", out var values)
                ? RetryPolicy.ParseRetryAfter(string.Join(",", values), Clock.UtcNow)
                : null;

        private static async Task<(string Text, bool Truncated)> ReadBoundedAsync(HttpResponseMessage response, int limit, CancellationToken cancellation)
        {
            if (response.Content == null) return (string.Empty, false);
            try
            {
                using (var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
                {
                    var declared = response.Content.Headers.ContentLength;
                    var buffer = new byte[declared.HasValue ? Math.Max(1, Math.Min(declared.Value, limit)) : Math.Min(limit, 64 * 1024)];
                    var filled = 0;
                    int read;
                    while ((read = await stream.ReadAsync(buffer, filled, buffer.Length - filled, cancellation).ConfigureAwait(false)) > 0)
                    {
                        filled += read;
                        if (filled < buffer.Length) continue;
                        if (filled >= limit) break;
                        Array.Resize(ref buffer, (int)Math.Min(limit, (long)buffer.Length * 2)); // no length given: grows to the limit at most
                    }

                    var truncated = filled >= limit && await stream.ReadAsync(new byte[1], 0, 1, cancellation).ConfigureAwait(false) > 0;
                    return (Encoding.UTF8.GetString(buffer, 0, filled), truncated);
                }
            }
            catch (Exception e) when (e is HttpRequestException || e is System.IO.IOException || e is InvalidOperationException)
            {
                return (string.Empty, false);
            }
        }
    }
}
