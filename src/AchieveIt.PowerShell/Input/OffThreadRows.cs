using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace AchieveIt.PowerShell.Input
{
    /// <summary>
    /// Checks and spools rows on a second thread while the pipeline thread produces the next ones (Import-Csv
    /// parsing its file): on two cores the module then costs little more than the command that feeds it.
    /// <list type="bullet">
    /// <item>The pipeline thread reads each object's values (only it may read properties) and writes them into a ring
    /// of reused slots; the worker checks and spools them in order and clears each slot as it goes, so a row is held
    /// only while it waits: what is in flight is a few rows, not thousands, and rows seldom live through a collection.</item>
    /// <item>Hand-offs cost no system call while rows keep coming: each side spins a little before it sleeps, and wakes
    /// the other only when that one sleeps.</item>
    /// <item>The worker never writes to the pipeline: the issues it finds are queued, and the pipeline thread reports them.</item>
    /// </list>
    /// </summary>
    internal sealed class OffThreadRows : IDisposable
    {
        private const int Capacity = 1024; // rows that may wait for the worker (a power of two)
        private const int Publish = 16; // rows written before the worker is told of them
        private const int Spins = 2000; // about 50-100 µs of polite spinning before a side sleeps (1: every hand-off a wake-up, 1.78x the limit at 1,000,000 rows)

        private readonly Row[] ring = new Row[Capacity];
        private readonly ConcurrentQueue<(CsvIssue Issue, PSObject Input)> found = new ConcurrentQueue<(CsvIssue, PSObject)>();
        private readonly Action<long, RowValues, List<CsvIssue>> check;
        private readonly Thread thread;
        private readonly object gate = new object(); // the sleeps and the wake-ups
        private long written; // rows in the ring: the pipeline thread's count
        private long published; // rows the worker may take (Volatile)
        private long taken; // rows the worker has checked (Volatile)
        private volatile bool workerSleeps;
        private volatile bool producerSleeps;
        private volatile bool completed; // no row comes after those published
        private volatile bool stopped; // a failure, or Dispose: the rows still queued are dropped
        private Exception failure;
        private bool finished;

        /// <param name="check">Checks and spools one row, adding its issues.</param>
        public OffThreadRows(Action<long, RowValues, List<CsvIssue>> check)
        {
            this.check = check;
            thread = new Thread(Run) { IsBackground = true, Name = "AchieveIt row checks" };
            thread.Start();
        }

        /// <summary>Hands a row to the worker (its values made plain: <see cref="RowValues.MakePlain"/>). A failure of the worker (a full disk) is thrown here.</summary>
        public void Post(long row, PSObject input, in RowValues values)
        {
            if (stopped) ThrowFailure();
            if (written - Volatile.Read(ref taken) == Capacity) WaitForRoom();
            ring[written & (Capacity - 1)] = new Row(row, input, values);
            written++;
            if (written - Volatile.Read(ref published) >= Publish) PublishWritten();
        }

        /// <summary>
        /// Waits until every row posted is checked (their issues are queued by then), and keeps the worker for the
        /// rows to come: the pipeline thread may then check a row itself. A failure of the worker is thrown here.
        /// </summary>
        public void Drain()
        {
            PublishWritten();
            WaitUntil(() => Volatile.Read(ref taken) >= written || stopped);
            ThrowFailure();
        }

        /// <summary>Issues found since the last call, with the input they belong to, in row order.</summary>
        public bool TryTakeIssue(out CsvIssue issue, out PSObject input)
        {
            if (found.TryDequeue(out var next))
            {
                issue = next.Issue;
                input = next.Input;
                return true;
            }

            issue = null;
            input = null;
            return false;
        }

        /// <summary>Waits until every row posted is checked (their issues are queued by then). A failure of the worker is thrown here.</summary>
        public void Finish()
        {
            if (!finished)
            {
                finished = true;
                PublishWritten();
                completed = true;
                Wake();
                thread.Join();
            }

            ThrowFailure();
        }

        /// <summary>Stops the worker (Ctrl+C, an error) and waits for it, so nothing writes to the spool after.</summary>
        public void Dispose()
        {
            stopped = true;
            if (!finished)
            {
                finished = true;
                completed = true;
                Wake();
                thread.Join();
            }

            Array.Clear(ring, 0, ring.Length);
        }

        private void ThrowFailure()
        {
            if (failure != null) ExceptionDispatchInfo.Capture(failure).Throw();
        }

        private void PublishWritten()
        {
            Volatile.Write(ref published, written);
            Interlocked.MemoryBarrier(); // the write above before the read below: a worker going to sleep sees it, or is seen
            if (workerSleeps) Wake();
        }

        // The ring is full: the worker is far behind, so the pipeline thread waits for it.
        private void WaitForRoom()
        {
            PublishWritten();
            WaitUntil(() => written - Volatile.Read(ref taken) < Capacity || stopped);
            if (stopped) ThrowFailure();
        }

        // The pipeline thread waits for a condition the worker makes true (room in the ring, every row checked): it spins
        // a little, then sleeps until the worker wakes it (the timeout is a safety net only).
        private void WaitUntil(Func<bool> done)
        {
            var spins = 0;
            while (!done())
            {
                if (++spins < Spins)
                {
                    Thread.SpinWait(20);
                    continue;
                }

                lock (gate)
                {
                    producerSleeps = true;
                    Interlocked.MemoryBarrier();
                    if (!done()) Monitor.Wait(gate, 100);
                    producerSleeps = false;
                }
            }
        }

        private void Wake()
        {
            lock (gate) Monitor.PulseAll(gate);
        }

        private void Run()
        {
            var issues = new List<CsvIssue>();
            var spins = 0;
            while (true)
            {
                var next = Volatile.Read(ref taken);
                var until = Volatile.Read(ref published);
                if (next == until)
                {
                    if (completed && Volatile.Read(ref published) == next) return;
                    if (++spins < Spins)
                    {
                        Thread.SpinWait(20);
                        continue;
                    }

                    spins = 0;
                    lock (gate)
                    {
                        workerSleeps = true;
                        Interlocked.MemoryBarrier();
                        if (Volatile.Read(ref published) == next && !completed) Monitor.Wait(gate, 100);
                        workerSleeps = false;
                    }

                    continue;
                }

                spins = 0;
                for (; next < until; next++) CheckOne(next & (Capacity - 1), issues);
                Volatile.Write(ref taken, until);
                Interlocked.MemoryBarrier();
                if (producerSleeps) Wake();
            }
        }

        // One row, taken out of its slot (the slot let go at once): its own frame, so no local outlives the check.
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private void CheckOne(long slot, List<CsvIssue> issues)
        {
            var row = ring[slot];
            ring[slot] = default;
            if (stopped) return; // drained unchecked, so the pipeline thread is never left waiting
            try
            {
                issues.Clear();
                check(row.Number, row.Values, issues);
                foreach (var issue in issues) found.Enqueue((issue, row.Input));
            }
            catch (Exception e)
            {
                failure = e;
                stopped = true;
            }
        }

        private readonly struct Row
        {
            public Row(long number, PSObject input, RowValues values)
            {
                Number = number;
                Input = input;
                Values = values;
            }

            public long Number { get; }

            public PSObject Input { get; }

            public RowValues Values { get; }
        }
    }
}
