using System;

namespace AchieveIt.Jobs
{
    /// <summary>
    /// When to ask again: fast at first, then backing off (1, 1, 1, 2, 4, 8, 10, 15, 20, 30 s, then every 30 s).
    /// A server's Retry-After wins, from <see cref="MinimumWait"/> up to <see cref="MaxRetryAfter"/>: a day-long
    /// Retry-After must not end the polling, and Retry-After: 0 must not turn it into a flood.
    /// </summary>
    public static class PollSchedule
    {
        /// <summary>The longest a status answer's Retry-After can put off the next poll.</summary>
        public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

        /// <summary>The shortest wait between two polls, whatever a Retry-After says (0, a past date, a clock behind): no flood.</summary>
        public static readonly TimeSpan MinimumWait = TimeSpan.FromSeconds(1);

        private static readonly int[] Seconds = { 1, 1, 1, 2, 4, 8, 10, 15, 20, 30 };

        /// <summary>The wait after poll number <paramref name="polls"/> (0 before the first).</summary>
        public static TimeSpan After(int polls, TimeSpan? retryAfter)
        {
            if (retryAfter.HasValue) return retryAfter.Value < MinimumWait ? MinimumWait : retryAfter.Value > MaxRetryAfter ? MaxRetryAfter : retryAfter.Value;
            return TimeSpan.FromSeconds(Seconds[Math.Min(polls, Seconds.Length - 1)]);
        }
    }
}
