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
        private readonly UpdateBatcher batcher;
        private readonly BadRowReport report;

        public PipelineUpdates(string directory, long batchSize, BadRowReport report)
        {
            batcher = new UpdateBatcher(directory, batchSize);
            this.report = report;
        }

        /// <summary>Pipeline objects seen.</summary>
        public long Received { get; private set; }

        /// <summary>Pipeline objects that broke a rule and were not spooled.</summary>
        public long Rejected { get; private set; }

        public long Accepted => batcher.Count;

        /// <summary>Reads one object: spools it when it is valid, and reports its issues either way.</summary>
        public void Add(PSObject input)
        {
            var shape = shapes.Check(input);
            if (shape != null) report.Warn(shape);
            Received++;
            issues.Clear();
            var update = reader.Read(input, Received, issues);
            if (update == null) Rejected++;
            else batcher.Add(Received, update, issues);
            foreach (var issue in issues) report.Report(issue, "Input row " + issue.Line + (issue.Column.Length > 0 ? ", " + issue.Column : string.Empty) + ": " + issue.Message, input);
        }

        /// <summary>Finishes the spooled files and hands them over.</summary>
        public IReadOnlyList<BatchFile> Complete() => batcher.Complete();

        public void Dispose() => batcher.Dispose();
    }
}
