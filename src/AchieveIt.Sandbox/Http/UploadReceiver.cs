using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace AchieveIt.Sandbox.Http
{
    /// <summary>How an upload's body arrived.</summary>
    public enum BodyArrival
    {
        Whole,
        TooLarge,
        CutShort,
    }

    /// <summary>
    /// Receives an upload's body into a file, 80 KB at a time, hashing it as it goes (for the request log): memory per
    /// upload stays the buffer whatever the body's size. A body past the limit is not read any further.
    /// </summary>
    public static class UploadReceiver
    {
        private const int BufferSize = 81920;

        public static async Task<(BodyArrival Arrival, long Length, bool StartsAsJson)> ReceiveAsync(HttpContext context, Stream target, long limit)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[BufferSize];
            long length = 0;
            bool? json = null;
            try
            {
                int read;
                while ((read = await context.Request.Body.ReadAsync(buffer.AsMemory(), context.RequestAborted)) > 0)
                {
                    length += read;
                    if (length > limit) return (BodyArrival.TooLarge, length, false);
                    json ??= AchieveIt.Sandbox.Processing.FileProcessor.JsonMark(buffer.AsSpan(0, read));
                    hash.AppendData(buffer, 0, read);
                    await target.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
                }
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return (BodyArrival.TooLarge, length, false); // past the server's limit, which is ours
            }
            catch (Exception e) when (e is IOException || e is OperationCanceledException || e is BadHttpRequestException)
            {
                return (BodyArrival.CutShort, length, false);
            }

            await target.FlushAsync();
            if (length > 0) context.Items[BodyHash.Item] = Convert.ToHexString(hash.GetHashAndReset());
            return (BodyArrival.Whole, length, json == true);
        }

        /// <summary>
        /// Reads a body to its end without keeping it (a fault's answer, the benchmark's receiver), hashing it for the
        /// log when <paramref name="hashIt"/>; false when its client stopped first.
        /// </summary>
        public static async Task<bool> DrainAsync(HttpContext context, bool hashIt)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[4 * BufferSize];
            long length = 0;
            try
            {
                int read;
                while ((read = await context.Request.Body.ReadAsync(buffer.AsMemory(), context.RequestAborted)) > 0)
                {
                    length += read;
                    if (hashIt) hash.AppendData(buffer, 0, read);
                }
            }
            catch (Exception e) when (e is IOException || e is OperationCanceledException || e is BadHttpRequestException)
            {
                return false;
            }

            if (hashIt && length > 0) context.Items[BodyHash.Item] = Convert.ToHexString(hash.GetHashAndReset());
            return true;
        }

        /// <summary>
        /// Answers 413, and the connection closes after the answer without the rest of the body being read: a client
        /// that declares or sends 2 GB is not read to its end. A body declared too large is rejected by the server at
        /// its first read (its limit is ours); the answer is then written whole before the connection closes, which an
        /// abort would not promise.
        /// </summary>
        public static async Task RefuseTooLargeAsync(HttpContext context, int maxUploadMb)
        {
            try
            {
                _ = await context.Request.Body.ReadAsync(new byte[1], context.RequestAborted); // one read: its only purpose is the server's check
            }
            catch (Exception e) when (e is IOException || e is OperationCanceledException || e is BadHttpRequestException)
            {
                // rejected, as asked, or the client already went away
            }

            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            context.Response.Headers.Connection = "close";
            await context.Response.WriteAsJsonAsync(new { message = $"The file is larger than {maxUploadMb} MB. Split it into batches." });
        }
    }
}
