using System;

namespace AchieveIt.Jobs
{
    /// <summary>
    /// When to ask again: fast at first, then backing off (1, 1, 1, 2, 4, 8, 10, 15, 20, 30 s, then every 30 s).
    /// A server's Retry-After wins.
    /// </summary>
    public static class PollSchedule
    {
        private static readonly int[] Seconds = { 1, 1, 1, 2, 4, 8, 10, 15, 20, 30 };

        /// <summary>The wait after poll number <paramref name="polls"/> (0 before the first).</summary>
        public static TimeSpan After(int polls, TimeSpan? retryAfter)
        {
            if (retryAfter.HasValue) return retryAfter.Value < TimeSpan.Zero ? TimeSpan.Zero : retryAfter.Value;
            return TimeSpan.FromSeconds(Seconds[Math.Min(polls, Seconds.Length - 1)]);
        }
    }
}
