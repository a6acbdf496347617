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
    /// <item>The pipeline thread reads each object's values (only it may read properties) and posts them; the rows
    /// are checked and spooled in order, a batch at a time. The pipeline thread waits only when the worker is far behind.</item>
    /// <item>The worker never writes to the pipeline: the issues it finds are queued, and the pipeline thread reports them.</item>
    /// </list>
    /// </summary>
    internal sealed class OffThreadRows : IDisposable
    {
        private const int BatchRows = 256;
        private const int BatchesAhead = 64; // at most 16,384 rows wait for the worker

        private readonly BlockingCollection<Row[]> batches = new BlockingCollection<Row[]>(BatchesAhead);
        private readonly ConcurrentQueue<(CsvIssue Issue, PSObject Input)> found = new ConcurrentQueue<(CsvIssue, PSObject)>();
        private readonly Action<long, RowValues, List<CsvIssue>> check;
        private readonly Thread thread;
        private readonly object gate = new object(); // guards checkedRows, for Drain
        private Row[] filling = new Row[BatchRows];
        private int count;
        private volatile bool stopped; // a failure, or Dispose: the rows still queued are dropped
        private Exception failure;
        private bool finished;
        private long postedRows; // the pipeline thread's count
        private long checkedRows; // the worker's count, under gate

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
            filling[count++] = new Row(row, input, values);
            if (count == BatchRows) PostFilling();
        }

        /// <summary>
        /// Waits until every row posted is checked (their issues are queued by then), and keeps the worker for the
        /// rows to come: the pipeline thread may then check a row itself. A failure of the worker is thrown here.
        /// </summary>
        public void Drain()
        {
            if (count > 0) PostFilling();
            lock (gate)
            {
                while (checkedRows < postedRows && !stopped) Monitor.Wait(gate);
            }

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
                if (count > 0) PostFilling();
                batches.CompleteAdding();
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
                batches.CompleteAdding();
                thread.Join();
            }

            batches.Dispose();
        }

        private void ThrowFailure()
        {
            if (failure != null) ExceptionDispatchInfo.Capture(failure).Throw();
        }

        private void PostFilling()
        {
            var batch = filling;
            if (count < BatchRows) Array.Resize(ref batch, count);
            filling = new Row[BatchRows];
            count = 0;
            postedRows += batch.Length;
            batches.Add(batch);
        }

        private void Run()
        {
            var issues = new List<CsvIssue>();
            foreach (var batch in batches.GetConsumingEnumerable())
            {
                if (stopped)
                {
                    // Drained unchecked, so the pipeline thread is never left waiting to add, nor to drain.
                    lock (gate)
                    {
                        checkedRows += batch.Length;
                        Monitor.PulseAll(gate);
                    }

                    continue;
                }

                try
                {
                    foreach (var row in batch)
                    {
                        issues.Clear();
                        check(row.Number, row.Values, issues);
                        foreach (var issue in issues) found.Enqueue((issue, row.Input));
                    }
                }
                catch (Exception e)
                {
                    failure = e;
                    stopped = true;
                }

                lock (gate)
                {
                    checkedRows += batch.Length;
                    Monitor.PulseAll(gate);
                }
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
