using System;
using System.IO;
using AchieveIt.Files;

namespace AchieveIt.Csv
{
    /// <summary>
    /// Streams updates into a temporary CSV file, so a million rows never sit in memory. The file gets a Comment
    /// column only when some update has a comment: it starts without one and is rewritten once, with an empty
    /// comment on the earlier rows, when the first comment arrives. The temporary file is deleted on dispose
    /// unless it was handed over with <see cref="Complete"/>. A spool for -WhatIf writes no file at all: it only hashes
    /// the bytes the file would hold (<see cref="UpdateSpool(string, UpdateType, UpdateFormat, bool)"/>).
    /// </summary>
    public sealed class UpdateSpool : IDisposable
    {
        private readonly string directory;
        private readonly UpdateType kind;
        private readonly UpdateFormat format;
        private readonly bool hashOnly;
        private FileStream stream;
        private HashingStream hashingWithComment; // hash only: the bytes with a Comment column, until a comment decides
        private UpdateCsvWriter writerWithComment;
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
        /// <param name="hashOnly">
        /// -WhatIf: no file, no folder; only <see cref="Sha256"/> of the bytes the file would hold, for the duplicate
        /// check's message. The bytes are hashed twice over, with a Comment column and without, until a comment decides.
        /// </param>
        public UpdateSpool(string directory = null, UpdateType kind = UpdateType.Progress, UpdateFormat format = UpdateFormat.Csv, bool hashOnly = false)
        {
            if (format == UpdateFormat.Json && kind != UpdateType.Progress) throw new ArgumentException("JSON bodies are for progress updates only.", nameof(format));
            this.directory = string.IsNullOrEmpty(directory) ? null : directory;
            this.kind = kind;
            this.format = format;
            this.hashOnly = hashOnly;
            Open(includeComment: false);
            if (hashOnly && format == UpdateFormat.Csv)
            {
                hashingWithComment = new HashingStream(Stream.Null);
                writerWithComment = new UpdateCsvWriter(hashingWithComment, true, kind);
            }
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
                writerWithComment?.Write(update);
            }

            Count++;
        }

        /// <summary>SHA-256 (hex) of the finished file's bytes, hashed as they were written; after <see cref="Complete"/>.</summary>
        public string Sha256 { get; private set; }

        /// <summary>Finishes the file and hands it over: the caller now owns (and must delete or move) the path. Null for a hash-only spool.</summary>
        public string Complete()
        {
            writerWithComment?.Dispose();
            hashingWithComment?.Dispose();
            writer?.Dispose();
            json?.Dispose();
            Sha256 = hashing.Sha256;
            hashing.Dispose();
            stream?.Dispose();
            completed = true;
            return path;
        }

        public void Dispose()
        {
            // Every step runs even when one before it fails (a full disk fails the last flush): the file is always
            // closed, and deleted unless it was handed over.
            Quietly(() => writerWithComment?.Dispose());
            Quietly(() => hashingWithComment?.Dispose());
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
            if (!hashOnly) stream = directory == null ? SpoolFiles.Create(out path) : SpoolFiles.CreateIn(directory, out path);
            hashing?.Dispose();
            hashing = new HashingStream((Stream)stream ?? Stream.Null);
            if (format == UpdateFormat.Json) json = new UpdateJsonWriter(hashing);
            else writer = new UpdateCsvWriter(hashing, includeComment, kind);
        }

        private void AddCommentColumn()
        {
            if (hashOnly)
            {
                // The bytes with a Comment column were hashed all along: they are the file's now.
                writer.Dispose();
                hashing.Dispose();
                writer = writerWithComment;
                hashing = hashingWithComment;
                writerWithComment = null;
                hashingWithComment = null;
                return;
            }

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
