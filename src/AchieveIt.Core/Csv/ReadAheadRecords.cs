using System;
using System.Collections.Concurrent;
using System.IO;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace AchieveIt.Csv
{
    /// <summary>
    /// The records of a CSV stream, parsed on a second thread while the caller checks the ones already read, so a
    /// large file is read and checked on two cores. Records come in file order, in batches; a small stream is read
    /// inline (a thread is not worth it). Disposing stops the reading and waits for it before the stream is freed.
    /// </summary>
    public sealed class ReadAheadRecords : IDisposable
    {
        /// <summary>Streams shorter than this are read on the caller's thread.</summary>
        public const long InlineBelowBytes = 256 * 1024;

        private const int BatchSize = 512;
        private const int BatchesAhead = 16; // at most 8,192 records (about 1 MB) wait to be checked

        private readonly CsvRecordReader reader;
        private readonly BlockingCollection<CsvRecord[]> batches;
        private readonly CancellationTokenSource stop = new CancellationTokenSource();
        private readonly Task worker;
        private ExceptionDispatchInfo failure;
        private CsvRecord[] current = Array.Empty<CsvRecord>();
        private int next;

        /// <param name="stream">A seekable stream positioned at the start of the file; it is left open.</param>
        public ReadAheadRecords(Stream stream)
        {
            reader = new CsvRecordReader(stream);
            if (stream.Length - stream.Position < InlineBelowBytes) return;
            batches = new BlockingCollection<CsvRecord[]>(BatchesAhead);
            worker = Task.Factory.StartNew(Read, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        /// <summary>The file starts with a UTF-8 byte order mark (it was skipped).</summary>
        public bool HasByteOrderMark => reader.HasByteOrderMark;

        /// <summary>The next record in file order; false at the end. A read error of the file is thrown here.</summary>
        public bool TryRead(out CsvRecord record)
        {
            if (batches == null) return reader.TryRead(out record);
            if (next == current.Length)
            {
                if (!batches.TryTake(out current, Timeout.Infinite))
                {
                    failure?.Throw();
                    record = default;
                    current = Array.Empty<CsvRecord>();
                    next = 0;
                    return false;
                }

                next = 0;
            }

            record = current[next++];
            return true;
        }

        public void Dispose()
        {
            if (worker != null)
            {
                stop.Cancel();
                try
                {
                    worker.Wait();
                }
                catch (AggregateException)
                {
                    // Read keeps its own failure; nothing else can escape it.
                }

                batches.Dispose();
            }

            stop.Dispose();
            reader.Dispose();
        }

        private void Read()
        {
            try
            {
                var batch = new CsvRecord[BatchSize];
                var count = 0;
                while (reader.TryRead(out var record))
                {
                    batch[count++] = record;
                    if (count == BatchSize || record.IsTooLong)
                    {
                        batches.Add(batch, stop.Token);
                        batch = new CsvRecord[BatchSize];
                        count = 0;
                    }
                }

                if (count > 0)
                {
                    Array.Resize(ref batch, count);
                    batches.Add(batch, stop.Token);
                }
            }
            catch (OperationCanceledException)
            {
                // The caller stopped early (the first error with -Quiet).
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                batches.CompleteAdding();
            }
        }
    }
}
