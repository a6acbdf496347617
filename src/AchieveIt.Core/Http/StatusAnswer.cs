using System;

namespace AchieveIt.Http
{
    /// <summary>One answer of the status endpoint, read.</summary>
    public sealed class StatusAnswer
    {
        public StatusAnswer(JobState state, int statusCode, string message, TimeSpan? retryAfter, DateTimeOffset at)
        {
            State = state;
            StatusCode = statusCode;
            Message = message;
            RetryAfter = retryAfter;
            At = at;
        }

        public JobState State { get; }

        public int StatusCode { get; }

        public string Message { get; }

        /// <summary>The server's Retry-After on a 202, if any: it decides the next poll.</summary>
        public TimeSpan? RetryAfter { get; }

        public DateTimeOffset At { get; }
    }
}
