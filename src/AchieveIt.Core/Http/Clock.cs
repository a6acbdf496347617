using System;
using System.Threading;
using System.Threading.Tasks;

namespace AchieveIt.Http
{
    /// <summary>Time and waiting, injected so that retry and polling tests never sleep for real.</summary>
    public interface IClock
    {
        DateTimeOffset UtcNow { get; }

        Task Delay(TimeSpan delay, CancellationToken cancellation);
    }

    /// <summary>The real clock.</summary>
    public sealed class SystemClock : IClock
    {
        public static readonly SystemClock Instance = new SystemClock();

        public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;

        public Task Delay(TimeSpan delay, CancellationToken cancellation) =>
            delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, cancellation);
    }
}
