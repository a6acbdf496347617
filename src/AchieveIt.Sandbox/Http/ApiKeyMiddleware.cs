using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace AchieveIt.Sandbox.Http
{
    /// <summary>
    /// Logs every request and lets through only "Authorization: API-KEY &lt;key&gt;" with a configured key:
    /// no header or another form is 401, an unknown key 403. Keys are compared in constant time.
    /// </summary>
    public sealed class ApiKeyMiddleware
    {
        private const string Scheme = "API-KEY ";
        private readonly RequestDelegate next;
        private readonly RequestLog log;
        private readonly byte[][] keys;

        public ApiKeyMiddleware(RequestDelegate next, RequestLog log, SandboxOptions options)
        {
            this.next = next;
            this.log = log;
            keys = options.ApiKeys.Select(k => Encoding.UTF8.GetBytes(k)).ToArray();
        }

        public async Task InvokeAsync(HttpContext context)
        {
            var header = context.Request.Headers.Authorization.ToString();
            var hadAuthorization = header.Length > 0;
            int? keyNumber = null;
            try
            {
                if (!header.StartsWith(Scheme, StringComparison.Ordinal) || header.Length == Scheme.Length)
                {
                    await Refuse(context, StatusCodes.Status401Unauthorized, "Send the header 'Authorization: API-KEY <key>'.");
                    return;
                }

                keyNumber = KeyNumber(header.Substring(Scheme.Length));
                if (keyNumber == null)
                {
                    await Refuse(context, StatusCodes.Status403Forbidden, "The API key was refused.");
                    return;
                }

                await next(context);
            }
            finally
            {
                log.Add(new RequestEntry(context.Request.Method, context.Request.Path.Value, DateTime.UtcNow, context.Response.StatusCode, hadAuthorization, context.Request.ContentLength,
                    context.Items.TryGetValue(BodyHash.Item, out var hash) ? hash as string : null, keyNumber, context.Items.ContainsKey(RequestLog.AbortedItem)));
            }
        }

        /// <summary>Which configured key this is (1-based), or null; every key is compared, in constant time.</summary>
        private int? KeyNumber(string key)
        {
            var given = Encoding.UTF8.GetBytes(key);
            int? number = null;
            for (var i = 0; i < keys.Length; i++)
            {
                if (CryptographicOperations.FixedTimeEquals(keys[i], given)) number = i + 1;
            }

            return number;
        }

        private static async Task Refuse(HttpContext context, int status, string message)
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsJsonAsync(new { message });
        }
    }
}
