using System;
using System.Collections.Generic;
using System.Management.Automation;
using AchieveIt.Csv;
using AchieveIt.PowerShell.Errors;

namespace AchieveIt.PowerShell.Input
{
    /// <summary>
    /// The shared bulk path of Export and Submit: each pipeline object is read, checked, and spooled to disk;
    /// each bad one becomes an error record for the cmdlet to write. Nothing is held in memory per row.
    /// </summary>
    internal sealed class PipelineUpdates : IDisposable
    {
        private readonly InputRowReader reader = new InputRowReader();
        private readonly List<CsvIssue> issues = new List<CsvIssue>();
        private readonly UpdateBatcher batcher;

        public PipelineUpdates(string directory, long batchSize) => batcher = new UpdateBatcher(directory, batchSize);

        /// <summary>Pipeline objects seen.</summary>
        public long Received { get; private set; }

        /// <summary>Pipeline objects that broke a rule and were not spooled.</summary>
        public long Rejected { get; private set; }

        public long Accepted => batcher.Count;

        /// <summary>Reads one object; returns its errors and warnings (empty when it was spooled cleanly).</summary>
        public IEnumerable<(ErrorRecord Error, string Warning)> Add(PSObject input)
        {
            Received++;
            issues.Clear();
            var update = reader.Read(input, Received, issues);
            if (update == null) Rejected++;
            else batcher.Add(Received, update, issues);
            if (issues.Count == 0) return Array.Empty<(ErrorRecord, string)>();
            var messages = new List<(ErrorRecord, string)>(issues.Count);
            foreach (var issue in issues)
            {
                messages.Add(issue.Severity == IssueSeverity.Error
                    ? (IssueErrors.ForInput(issue, input), null)
                    : ((ErrorRecord)null, "Input row " + issue.Line + ": " + issue.Message));
            }

            return messages;
        }

        /// <summary>Finishes the spooled files and hands them over.</summary>
        public IReadOnlyList<BatchFile> Complete() => batcher.Complete();

        public void Dispose() => batcher.Dispose();
    }
}
