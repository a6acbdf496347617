using System;
using System.Globalization;

namespace AchieveIt.Http
{
    /// <summary>
    /// How long to wait before a retry: exponential from one second with up to 40% more as jitter (never less, so no
    /// wait is under a second), capped; a server's Retry-After (seconds or an HTTP-date) wins, from one second and
    /// capped too, so a bad header can neither flood the server nor stall a runbook for a day.
    /// </summary>
    public sealed class RetryPolicy
    {
        public static readonly RetryPolicy Default = new RetryPolicy(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));

        private readonly Random random;

        public RetryPolicy(int maxRetries, TimeSpan firstDelay, TimeSpan maxDelay, TimeSpan maxRetryAfter, Random random = null)
        {
            MaxRetries = maxRetries;
            FirstDelay = firstDelay;
            MaxDelay = maxDelay;
            MaxRetryAfter = maxRetryAfter;
            this.random = random ?? new Random();
        }

        public int MaxRetries { get; }

        public TimeSpan FirstDelay { get; }

        public TimeSpan MaxDelay { get; }

        public TimeSpan MaxRetryAfter { get; }

        /// <summary>The wait before retry number <paramref name="retry"/> (1-based).</summary>
        public TimeSpan Delay(int retry, TimeSpan? retryAfter)
        {
            // At least a second whatever the server says (0, a past HTTP date, a clock behind ours): a retry never floods.
            if (retryAfter.HasValue) return retryAfter.Value < Jobs.PollSchedule.MinimumWait ? Jobs.PollSchedule.MinimumWait : Min(retryAfter.Value, MaxRetryAfter);
            var exponential = FirstDelay.TotalMilliseconds * Math.Pow(2, retry - 1);
            double jitter;
            lock (random) jitter = 1 + random.NextDouble() * 0.4; // never below the delay: the first retry waits at least a second
            return Min(TimeSpan.FromMilliseconds(exponential * jitter), MaxDelay);
        }

        /// <summary>A Retry-After header value as a wait from <paramref name="now"/>, or null when absent or unreadable.</summary>
        public static TimeSpan? ParseRetryAfter(string value, DateTimeOffset now)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            value = value.Trim();
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return TimeSpan.FromSeconds(seconds);
            if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ||
                DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date))
            {
                var wait = date - now;
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }

            return null;
        }

        private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
    }
}
