using System;
using System.Threading;
using System.Threading.Tasks;

namespace AchieveIt.Sandbox.Http
{
    /// <summary>
    /// At most <c>--max-concurrent-uploads</c> bodies are received at once; later uploads wait for a slot (their
    /// client's bytes stay in its socket) or until their client goes away. Counts what it holds, for
    /// <c>GET /sandbox/uploads</c>.
    /// </summary>
    public sealed class UploadGate
    {
        private readonly SemaphoreSlim slots;
        private int waiting;

        public UploadGate(SandboxOptions options)
        {
            Capacity = Math.Max(1, options.MaxConcurrentUploads);
            slots = new SemaphoreSlim(Capacity, Capacity);
        }

        public int Capacity { get; }

        public int Receiving => Capacity - slots.CurrentCount;

        public int Waiting => Volatile.Read(ref waiting);

        /// <summary>Waits for a slot; dispose the answer to give it back.</summary>
        public async Task<IDisposable> EnterAsync(CancellationToken cancellation)
        {
            Interlocked.Increment(ref waiting);
            try
            {
                await slots.WaitAsync(cancellation).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref waiting);
            }

            return new Slot(slots);
        }

        private sealed class Slot : IDisposable
        {
            private SemaphoreSlim slots;

            public Slot(SemaphoreSlim slots) => this.slots = slots;

            public void Dispose() => Interlocked.Exchange(ref slots, null)?.Release();
        }
    }
}
