using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AchieveIt.Http;

namespace AchieveIt.Sandbox.Tests
{
    /// <summary>A clock whose delays return at once and move time forward, recording each wait.</summary>
    public sealed class FakeClock : IClock
    {
        public FakeClock(DateTimeOffset? start = null) => UtcNow = start ?? new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

        public DateTimeOffset UtcNow { get; private set; }

        public List<TimeSpan> Delays { get; } = new List<TimeSpan>();

        public Task Delay(TimeSpan delay, CancellationToken cancellation)
        {
            cancellation.ThrowIfCancellationRequested();
            Delays.Add(delay);
            if (delay > TimeSpan.Zero) UtcNow += delay;
            return Task.CompletedTask;
        }
    }
}
