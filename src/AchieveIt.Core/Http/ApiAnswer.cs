using System;

namespace AchieveIt.Http
{
    /// <summary>One answer from the API, already read and closed: its status, where it came from, and its text (key redacted).</summary>
    public sealed class ApiAnswer
    {
        public ApiAnswer(int status, Uri uri, string text, bool truncated, Uri location, TimeSpan? retryAfter)
        {
            Status = status;
            Uri = uri;
            Text = text;
            Truncated = truncated;
            Location = location;
            RetryAfter = retryAfter;
        }

        public int Status { get; }

        /// <summary>The address that answered (after any redirects).</summary>
        public Uri Uri { get; }

        /// <summary>The body as text, at most <see cref="ApiConnection.ResponseBodyLimit"/> bytes of it, the key redacted.</summary>
        public string Text { get; }

        /// <summary>True when the body was longer than the limit and only its start was read.</summary>
        public bool Truncated { get; }

        /// <summary>The Location header, if any.</summary>
        public Uri Location { get; }

        /// <summary>The Retry-After header as a wait, if any.</summary>
        public TimeSpan? RetryAfter { get; }
    }
}
