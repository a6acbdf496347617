using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using AchieveIt.Files;

namespace AchieveIt.Http
{
    /// <summary>
    /// The two endpoints of the update API and what their answers mean: the upload (which answers may be retried,
    /// which leave the outcome unknown) and the job status. Requests go through one <see cref="ApiConnection"/>,
    /// which guards the origin and the key. It never writes to a host, holds no state about one call, and reports
    /// by returning or throwing (docs/ARCHITECTURE.md, "One submission").
    /// </summary>
    public sealed class AchieveItClient
    {
        public static readonly TimeSpan DefaultUploadStallTimeout = TimeSpan.FromSeconds(120);

        public AchieveItClient(ConnectionSettings settings, Action<string> log = null, IClock clock = null, RetryPolicy retry = null, HttpMessageHandler handler = null, TimeSpan? uploadStallTimeout = null)
            : this(new ApiConnection(settings, log, clock, retry, handler), uploadStallTimeout)
        {
        }

        /// <param name="connection">The one safe request this client sends every call through.</param>
        /// <param name="uploadStallTimeout">-StallTimeout: fixed for the client's life, so a client shared between calls never changes under one of them.</param>
        public AchieveItClient(ApiConnection connection, TimeSpan? uploadStallTimeout = null)
        {
            Connection = connection ?? throw new ArgumentNullException(nameof(connection));
            UploadStallTimeout = uploadStallTimeout ?? DefaultUploadStallTimeout;
        }

        /// <summary>The connection every request of this client goes through.</summary>
        public ApiConnection Connection { get; }

        /// <summary>
        /// How long an upload may go without progress: no byte of the file accepted by the connection, or, once
        /// the whole file is sent, no answer. A large file on a slow line is fine as long as it moves.
        /// </summary>
        public TimeSpan UploadStallTimeout { get; }

        /// <summary>
        /// Sends uploads with "Expect: 100-continue" (default on every runtime). The file waits for the server's "100
        /// Continue": a server that refuses the request on its head (a refused key, a file too large, a failure) answers
        /// before a byte of the file leaves, and the file is never read further. On .NET Framework (Windows PowerShell
        /// 5.1) it also keeps HttpWebRequest from resending a request by itself on a stale kept-alive connection: such a
        /// connection fails before any byte of the file is sent, so the file is never silently sent twice. The cost is
        /// one round trip per upload. An answer that comes in the middle of the body is not seen by HttpClient until
        /// the body is sent (measured: docs/MAINTAINERS.md), so this is where an early refusal can stop the upload.
        /// </summary>
        public bool UploadExpectsContinue { get; set; } = true;

        /// <summary>How long one status request may take.</summary>
        public TimeSpan StatusTimeout { get; } = TimeSpan.FromSeconds(30);

        private ConnectionSettings Settings => Connection.Settings;

        /// <summary>
        /// Uploads a CSV file. Retried only when the server says it did not queue the file (500, 503, 429, 408)
        /// or when the body was cut short of its last byte (no server processes that); anything else after the whole body
        /// went out is SubmitOutcomeUnknown.
        /// A user's file is given with <c>checkedAs</c>, the file as it was checked (null for a spool of our own):
        /// a file that no longer matches it is not sent (FileChanged). Cancelled, it throws
        /// <see cref="UploadStoppedException"/>, which says whether any byte of the file had left.
        /// </summary>
        public async Task<Job> SubmitAsync(string path, string fileName, long? rowCount, CancellationToken cancellation, UpdateType kind = UpdateType.Progress, UpdateFormat format = UpdateFormat.Csv,
            FileFingerprint checkedAs = null)
        {
            var uri = Settings.Environment.SubmitUri(fileName, kind);
            ApiConnection.RefuseInsecure(uri);
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
                try
                {
                    body.EnsureUnchanged(); // a changed file sends no request at all
                }
                catch (FileChangedException e)
                {
                    throw FileChanged(path, e, false);
                }

                ApiAnswer answer;
                try
                {
                    answer = await Connection.SendAsync(HttpMethod.Post, uri, body, UploadStallTimeout, cancellation, UploadExpectsContinue).ConfigureAwait(false);
                }
                catch (OperationCanceledException e) when (cancellation.IsCancellationRequested)
                {
                    throw new UploadStoppedException(body.Complete, e); // stopped in flight: queued or not cannot be known once the whole body left
                }
                catch (Exception e) when (ExceptionChain.Find<FileChangedException>(e) != null)
                {
                    throw FileChanged(path, ExceptionChain.Find<FileChangedException>(e), body.Started);
                }
                catch (Exception e) when (ApiConnection.IsTransport(e, cancellation))
                {
                    if (body.Complete)
                    {
                        throw new AchieveItException(ErrorIds.SubmitOutcomeUnknown,
                            $"The upload of '{fileName}' to {ApiConnection.Where(uri)} broke off after the file was sent ({ApiConnection.Describe(e)}), so AchieveIt may or may not have queued it. " +
                            "It was not sent again. Check the plan items' updates in AchieveIt before you resubmit (the API has no job list).", e);
                    }

                    if (attempt >= Connection.Retry.MaxRetries)
                    {
                        throw new AchieveItException(ErrorIds.SubmitFailed, $"Could not reach {ApiConnection.Where(uri)} ({ApiConnection.Describe(e)}). Nothing was queued; check the address, proxy and network, then try again.", e);
                    }

                    // Cut short before its last byte, a request is never processed: as good as not sent.
                    await Retry(attempt, null, $"{(body.Started ? "the connection broke before the whole file was sent" : "could not connect")} ({ApiConnection.Describe(e)}); nothing was queued", cancellation).ConfigureAwait(false);
                    continue;
                }

                var status = answer.Status;
                if (status >= 200 && status < 300) return Queued(answer, fileName, rowCount);
                if (status == 401 || status == 403) throw Connection.KeyRefused(status, answer.Uri);
                if (status == 500 || status == 503 || status == 429 || status == 408)
                {
                    if (attempt >= Connection.Retry.MaxRetries)
                    {
                        throw new AchieveItException(ErrorIds.SubmitFailed,
                            $"AchieveIt did not queue '{fileName}': it answered {status} {attempt + 1} times. {ServerText.Summarise(answer.Text)} Nothing was queued; try again later.".Trim(), null, status);
                    }

                    await Retry(attempt, answer.RetryAfter, $"the server answered {status}: not queued", cancellation).ConfigureAwait(false);
                    continue;
                }

                if (status == 502 || status == 504)
                {
                    throw new AchieveItException(ErrorIds.SubmitOutcomeUnknown,
                        $"A gateway answered {status} after '{fileName}' was sent, so AchieveIt may or may not have queued it. It was not sent again. Check the plan items' updates in AchieveIt before you resubmit (the API has no job list).", null, status);
                }

                throw new AchieveItException(ErrorIds.SubmitRejected,
                    $"AchieveIt refused '{fileName}' with {status}: {ServerText.Summarise(answer.Text)}".TrimEnd(' ', ':') +
                    (status == 404 ? $". The address called was {ApiConnection.Where(answer.Uri)}. Check -BaseUri and the environment." + (UriRules.PathHint(Connection.BaseUri) is string hint ? " " + hint : string.Empty) : string.Empty), null, status);
            }
        }

        /// <summary>
        /// Reads a job's state once. Passing faults (connection, timeout, 408, 429, 502, 503, 504) are retried; a 500
        /// is confirmed by one more request before the job is called failed.
        /// </summary>
        public async Task<StatusAnswer> GetStatusAsync(Job job, CancellationToken cancellation)
        {
            // A status address is used only on the configured origin (the key goes nowhere else); otherwise the template.
            var uri = job.StatusUri != null && UriRules.SameOrigin(job.StatusUri, Connection.BaseUri) ? job.StatusUri : Settings.Environment.StatusUri(job.JobId);
            for (var confirming500 = false; ; confirming500 = true)
            {
                var answer = await Connection.GetWithRetriesAsync(uri, StatusTimeout, cancellation,
                    (e, why) => new AchieveItException(ErrorIds.StatusUnavailable, $"Could not read the status of job {job.JobId} at {ApiConnection.Where(uri)} ({why}).", e)).ConfigureAwait(false);
                var status = answer.Status;
                var now = Connection.Clock.UtcNow;
                switch (status)
                {
                    case 202:
                        return new StatusAnswer(JobState.Processing, status, ServerText.Summarise(answer.Text), answer.RetryAfter, now);
                    case 200:
                        return new StatusAnswer(JobState.Succeeded, status, ServerText.Summarise(answer.Text), null, now);
                    case 400:
                        return new StatusAnswer(JobState.Failed, status, ServerText.Summarise(answer.Text), null, now);
                    case 500 when confirming500:
                        return new StatusAnswer(JobState.Failed, status, ServerText.Summarise(answer.Text), null, now);
                    case 500:
                        await Connection.RetryDelay(1, answer.RetryAfter, "the status answered 500; asking once more before calling the job failed", cancellation).ConfigureAwait(false);
                        continue;
                    case 404:
                    case 410:
                        throw new AchieveItException(ErrorIds.JobNotFound,
                            $"AchieveIt knows no job '{job.JobId}' at {ApiConnection.Where(uri)} ({status}{(status == 410 ? ", gone" : string.Empty)}). Check the job ID and the environment (-BaseUri / -Environment).", null, status);
                    case 401:
                    case 403:
                        throw Connection.KeyRefused(status, answer.Uri);
                    default:
                        if (ApiConnection.IsPassingFault(status))
                        {
                            throw new AchieveItException(ErrorIds.StatusUnavailable, $"The status of job {job.JobId} could not be read: the server answered {status} {Connection.Retry.MaxRetries + 1} times.", null, status);
                        }

                        throw new AchieveItException(ErrorIds.StatusUnavailable, $"The status of job {job.JobId} answered {status}: {ServerText.Summarise(answer.Text)}", null, status);
                }
            }
        }

        private Job Queued(ApiAnswer answer, string fileName, long? rowCount)
        {
            var (jobId, statusUri) = JobIdParser.Parse(answer.Text, answer.Location, answer.Uri);
            if (Settings.Key.IsIn(jobId) || Settings.Key.IsIn(statusUri?.OriginalString))
            {
                throw new AchieveItException(ErrorIds.NoJobId,
                    $"The server queued '{fileName}' (200) but echoed the API key where the job ID belongs, so its answer is not used. The job may exist in AchieveIt; do not resubmit before checking there.", null, answer.Status);
            }

            if (statusUri != null && !UriRules.SameOrigin(statusUri, Connection.BaseUri))
            {
                // The key never goes to another origin, so a status address there could not be read: use the template.
                Connection.Log($"The answer named a status address on another origin ({statusUri.GetLeftPart(UriPartial.Authority)}); it is ignored.");
                statusUri = null;
            }

            return new Job(jobId, fileName, rowCount, Settings.Environment.Name, Settings.Environment.BaseUri, statusUri, Connection.Clock.UtcNow, JobState.Processing);
        }

        private Task Retry(int attempt, TimeSpan? retryAfter, string why, CancellationToken cancellation) => Connection.RetryDelay(attempt + 1, retryAfter, why, cancellation);

        // Nothing was queued either way: a body cut short of its length is an incomplete request, which no server takes.
        private static AchieveItException FileChanged(string path, FileChangedException e, bool partlySent) =>
            new AchieveItException(ErrorIds.FileChanged,
                $"'{path}' changed after it was checked ({e.Message}), so it was not sent{(partlySent ? " (the upload was stopped before its end, so AchieveIt cannot queue it)" : string.Empty)}. " +
                "Something still writes to the file: wait until the export has finished, then submit it again (it is checked again).", e);

    }
}
