using System;
using System.IO;
using AchieveIt.Files;

namespace AchieveIt.Csv
{
    /// <summary>
    /// Streams updates into a temporary CSV file, so a million rows never sit in memory. The file gets a Comment
    /// column only when some update has a comment: it starts without one and is rewritten once, with an empty
    /// comment on the earlier rows, when the first comment arrives. The temporary file is deleted on dispose
    /// unless it was handed over with <see cref="Complete"/>.
    /// </summary>
    public sealed class UpdateSpool : IDisposable
    {
        private readonly string directory;
        private readonly UpdateType kind;
        private readonly UpdateFormat format;
        private FileStream stream;
        private HashingStream hashing;
        private UpdateCsvWriter writer;
        private UpdateJsonWriter json;
        private string path;
        private bool completed;

        /// <param name="directory">
        /// Where the temporary file goes: null for the private spool folder (<see cref="SpoolFiles"/>); Export gives
        /// the destination's folder, which makes the final move atomic.
        /// </param>
        /// <param name="kind">Progress (default) or metric updates: the CSV's columns.</param>
        /// <param name="format">CSV (default), or the vendor's JSON array (progress updates only).</param>
        public UpdateSpool(string directory = null, UpdateType kind = UpdateType.Progress, UpdateFormat format = UpdateFormat.Csv)
        {
            if (format == UpdateFormat.Json && kind != UpdateType.Progress) throw new ArgumentException("JSON bodies are for progress updates only.", nameof(format));
            this.directory = string.IsNullOrEmpty(directory) ? null : directory;
            this.kind = kind;
            this.format = format;
            Open(includeComment: false);
        }

        /// <summary>Rows written so far.</summary>
        public long Count { get; private set; }

        /// <summary>The file being written: a test closes it under the spool to fail the writes, as a full disk does.</summary>
        internal FileStream SpoolStream => stream;

        public void Add(IUpdate update)
        {
            if (completed) throw new InvalidOperationException("The spool is complete.");
            if ((update is MetricUpdate) != (kind == UpdateType.Metric)) throw new ArgumentException("The spool holds one kind of update.", nameof(update));
            if (json != null)
            {
                json.Write((ProgressUpdate)update);
            }
            else
            {
                if (!writer.IncludeComment && update.Comment.Length > 0) AddCommentColumn();
                writer.Write(update);
            }

            Count++;
        }

        /// <summary>SHA-256 (hex) of the finished file's bytes, hashed as they were written; after <see cref="Complete"/>.</summary>
        public string Sha256 { get; private set; }

        /// <summary>Finishes the file and hands it over: the caller now owns (and must delete or move) the path.</summary>
        public string Complete()
        {
            writer?.Dispose();
            json?.Dispose();
            Sha256 = hashing.Sha256;
            hashing.Dispose();
            stream.Dispose();
            completed = true;
            return path;
        }

        public void Dispose()
        {
            // Every step runs even when one before it fails (a full disk fails the last flush): the file is always
            // closed, and deleted unless it was handed over.
            Quietly(() => writer?.Dispose());
            Quietly(() => json?.Dispose());
            Quietly(() => hashing?.Dispose());
            Quietly(() => stream?.Dispose());
            if (!completed) SpoolFiles.Delete(path);
        }

        // The write that failed has already thrown to the caller; closing after it may fail the same way.
        private static void Quietly(Action close)
        {
            try
            {
                close();
            }
            catch (IOException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        }

        private void Open(bool includeComment)
        {
            stream = directory == null ? SpoolFiles.Create(out path) : SpoolFiles.CreateIn(directory, out path);
            hashing?.Dispose();
            hashing = new HashingStream(stream);
            if (format == UpdateFormat.Json) json = new UpdateJsonWriter(hashing);
            else writer = new UpdateCsvWriter(hashing, includeComment, kind);
        }

        private void AddCommentColumn()
        {
            writer.Dispose();
            var oldStream = stream;
            var oldPath = path;
            Open(includeComment: true);
            try
            {
                oldStream.Position = 0;
                using (var reader = new CsvRecordReader(oldStream))
                {
                    reader.TryRead(out _); // the old header; the new writer wrote its own
                    while (reader.TryRead(out var record)) writer.WriteFields(record.Fields);
                }
            }
            finally
            {
                oldStream.Dispose();
                SpoolFiles.Delete(oldPath);
            }
        }
    }
}
