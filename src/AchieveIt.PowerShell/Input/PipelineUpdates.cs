using System;
using System.Collections.Generic;
using System.Management.Automation;
using AchieveIt.Csv;
using AchieveIt.PowerShell.Errors;

namespace AchieveIt.PowerShell.Input
{
    /// <summary>
    /// The shared bulk path of Export and Submit: each pipeline object is read, checked, and spooled to disk;
    /// each issue goes to the command's <see cref="BadRowReport"/>. Nothing is held in memory per row.
    /// </summary>
    internal sealed class PipelineUpdates : IDisposable
    {
        private readonly InputRowReader reader = new InputRowReader();
        private readonly InputShapes shapes = new InputShapes();
        private readonly List<CsvIssue> issues = new List<CsvIssue>();
        private readonly BadRowReport report;
        private readonly string directory;
        private readonly long batchSize;
        private readonly UpdateFormat format;
        private UpdateBatcher batcher;

        /// <param name="directory">Folder for the temporary files; null for the private spool folder.</param>
        /// <param name="batchSize">Rows per file; 0 for one file.</param>
        /// <param name="report">Where each bad row is reported.</param>
        /// <param name="kind">The kind given (-UpdateType), or null to take it from the first update object (MetricUpdate: Metric; anything else: Progress).</param>
        /// <param name="format">CSV, or the vendor's JSON array.</param>
        public PipelineUpdates(string directory, long batchSize, BadRowReport report, UpdateType? kind = null, UpdateFormat format = UpdateFormat.Csv)
        {
            this.directory = directory;
            this.batchSize = batchSize;
            this.report = report;
            this.format = format;
            Kind = kind;
        }

        /// <summary>The kind of every update of this command, once known.</summary>
        public UpdateType? Kind { get; private set; }

        /// <summary>Pipeline objects seen.</summary>
        public long Received { get; private set; }

        /// <summary>Pipeline objects that broke a rule and were not spooled.</summary>
        public long Rejected { get; private set; }

        public long Accepted => batcher?.Count ?? 0;

        /// <summary>Reads one object: spools it when it is valid, and reports its issues either way.</summary>
        public void Add(PSObject input)
        {
            var shape = shapes.Check(input);
            if (shape != null) report.Warn(shape);
            Received++;
            var objectKind = input?.BaseObject is MetricUpdate ? UpdateType.Metric : input?.BaseObject is ProgressUpdate ? UpdateType.Progress : (UpdateType?)null;
            if (Kind == null) Kind = objectKind ?? UpdateType.Progress;
            if (objectKind.HasValue && objectKind != Kind)
            {
                throw new MixedUpdateTypesException($"Input row {Received} is a {(objectKind == UpdateType.Metric ? "metric" : "progress")} update, but this command sends {(Kind == UpdateType.Metric ? "metric" : "progress")} updates. " +
                    "Send each kind in its own command (they go to different API endpoints); nothing was sent or written.");
            }

            if (batcher == null) batcher = new UpdateBatcher(directory, batchSize, Kind.Value, format);
            issues.Clear();
            var update = reader.Read(input, Received, issues, Kind.Value);
            if (update == null) Rejected++;
            else batcher.Add(Received, update, issues);
            foreach (var issue in issues) report.Report(issue, IssueErrors.InputText(issue), input);
        }

        /// <summary>Finishes the spooled files and hands them over.</summary>
        public IReadOnlyList<BatchFile> Complete() => batcher?.Complete() ?? Array.Empty<BatchFile>();

        public void Dispose() => batcher?.Dispose();
    }

    /// <summary>Progress and metric updates in one command: refused whole (MixedUpdateTypes).</summary>
    internal sealed class MixedUpdateTypesException : Exception
    {
        public MixedUpdateTypesException(string message)
            : base(message)
        {
        }
    }
}
