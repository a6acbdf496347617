using System;
using System.Collections.Generic;
using AchieveIt.Files;
using AchieveIt.Rules;

namespace AchieveIt.Csv
{
    /// <summary>
    /// Spools a stream of checked updates into one or more finished CSV files of at most <c>batchSize</c> rows,
    /// warning about duplicates across the whole stream. Every file it made is deleted on dispose unless taken.
    /// </summary>
    public sealed class UpdateBatcher : IDisposable
    {
        private readonly string directory;
        private readonly long batchSize;
        private readonly DuplicateTracker duplicates = new DuplicateTracker("input row");
        private readonly List<BatchFile> files = new List<BatchFile>();
        private readonly UpdateType kind;
        private readonly UpdateFormat format;
        private readonly bool hashOnly;
        private UpdateSpool current;

        /// <param name="directory">Folder for the temporary files; null for the user's temp folder.</param>
        /// <param name="batchSize">Rows per file; 0 or less for a single file.</param>
        /// <param name="kind">Progress or metric updates: the files' columns.</param>
        /// <param name="format">CSV, or the vendor's JSON array (progress updates only).</param>
        /// <param name="hashOnly">-WhatIf: no file is written, each batch only hashed (its <see cref="BatchFile.Path"/> is null).</param>
        public UpdateBatcher(string directory, long batchSize, UpdateType kind = UpdateType.Progress, UpdateFormat format = UpdateFormat.Csv, bool hashOnly = false)
        {
            this.hashOnly = hashOnly;
            this.directory = directory;
            this.batchSize = batchSize;
            this.kind = kind;
            this.format = format;
        }

        /// <summary>Rows added so far.</summary>
        public long Count { get; private set; }

        /// <summary>Adds a checked update; a duplicate of an earlier one adds a warning to <paramref name="issues"/>.</summary>
        public void Add(long row, IUpdate update, List<CsvIssue> issues)
        {
            duplicates.Check(row, update, issues);
            if (current == null) current = new UpdateSpool(directory, kind, format, hashOnly);
            current.Add(update);
            Count++;
            if (batchSize > 0 && current.Count >= batchSize) CloseCurrent();
        }

        /// <summary>Finishes the last file and hands over every file, in order; the caller now owns them.</summary>
        public IReadOnlyList<BatchFile> Complete()
        {
            CloseCurrent();
            var result = files.ToArray();
            files.Clear();
            return result;
        }

        public void Dispose()
        {
            current?.Dispose();
            foreach (var file in files) SpoolFiles.Delete(file.Path);

            files.Clear();
        }

        private void CloseCurrent()
        {
            if (current == null) return;
            var path = current.Complete();
            files.Add(new BatchFile(path, current.Count, current.Sha256));
            current.Dispose();
            current = null;
        }
    }
}
