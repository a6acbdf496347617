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
    /// The pipeline thread reads each object's values (and takes the text of any value that is not plain data);
    /// they are checked and spooled on a second thread (<see cref="OffThreadRows"/>), in order. The rare row whose
    /// check needs more of the object than its text is checked here, after the rows before it.
    /// Call <see cref="Finish"/> before reading the counts.
    /// </summary>
    internal sealed class PipelineUpdates : IDisposable
    {
        private readonly InputRowReader reader = new InputRowReader();
        private readonly InputShapes shapes = new InputShapes();
        private readonly List<CsvIssue> issues = new List<CsvIssue>();
        private readonly Rules.TrailingBlankRows blanks = new Rules.TrailingBlankRows("input row");
        private readonly BadRowReport report;
        private readonly string directory;
        private readonly bool hashOnly;
        private readonly long batchSize;
        private readonly UpdateFormat format;
        private readonly Plans.PlanItems plan;
        private readonly Plans.PlanComparer compare;
        private readonly System.Collections.Concurrent.ConcurrentQueue<UpdateChange> changes = new System.Collections.Concurrent.ConcurrentQueue<UpdateChange>();
        private readonly Rules.DateConvention dates;
        private bool datesFinished;
        private UpdateBatcher batcher;
        private OffThreadRows worker;
        private long rejected;

        /// <param name="directory">Folder for the temporary files; null for the private spool folder.</param>
        /// <param name="batchSize">Rows per file; 0 for one file.</param>
        /// <param name="report">Where each bad row is reported.</param>
        /// <param name="kind">The kind given (-UpdateType), or null to take it from the first update object (MetricUpdate: Metric; anything else: Progress).</param>
        /// <param name="format">CSV, or the vendor's JSON array.</param>
        /// <param name="plan">The plan every row's External ID must name, or null.</param>
        /// <param name="dateOrder">-DateOrder: how slash dates are read (Unstated: month first, guarded by AmbiguousDate).</param>
        /// <param name="hashOnly">-WhatIf: the rows are checked and hashed, and no file or folder is written.</param>
        /// <param name="compare">The plan's items as they are now, when each valid row is compared with its item (Older warned, -ExcludeChangeType applied), or null.</param>
        public PipelineUpdates(string directory, long batchSize, BadRowReport report, UpdateType? kind = null, UpdateFormat format = UpdateFormat.Csv, Plans.PlanItems plan = null,
            Rules.DateOrder dateOrder = Rules.DateOrder.Unstated, Plans.PlanComparer compare = null, bool hashOnly = false)
        {
            this.hashOnly = hashOnly;
            this.compare = compare;
            this.plan = plan;
            dates = new Rules.DateConvention(dateOrder, "input row");
            this.directory = directory;
            this.batchSize = batchSize;
            this.report = report;
            this.format = format;
            Kind = kind;
        }

        /// <summary>The kind of every update of this command, once known.</summary>
        public UpdateType? Kind { get; private set; }

        /// <summary>Given each change to be sent, on the pipeline thread, when the changes are listed (-WhatIf with a plan); null otherwise.</summary>
        public Action<UpdateChange> Listing { get; set; }

        /// <summary>Valid rows left out by -ExcludeChangeType (final after <see cref="Finish"/>).</summary>
        public long LeftOut => compare?.LeftOutTotal ?? 0;

        /// <summary>Pipeline objects seen.</summary>
        public long Received { get; private set; }

        /// <summary>Pipeline objects that broke a rule and were not spooled (final after <see cref="Finish"/>).</summary>
        public long Rejected => rejected;

        /// <summary>Rows spooled (final after <see cref="Finish"/>).</summary>
        public long Accepted => batcher?.Count ?? 0;

        /// <summary>Takes one object: it is checked and spooled when valid, and its issues are reported either way. A DataTable, DataView or single-table DataSet is taken as its rows.</summary>
        public void Add(PSObject input)
        {
            var rows = TableRows.Of(input, out var refused);
            if (rows == null)
            {
                AddRow(input);
                return;
            }

            if (refused != null)
            {
                Received++;
                ReleaseBlanks();
                DrainWorker();
                rejected++;
                var issue = new CsvIssue(Received, string.Empty, string.Empty, Rules.RuleCodes.DataSetTables, IssueSeverity.Error, refused);
                report.Report(issue, IssueErrors.InputText(issue), input);
                return;
            }

            foreach (var row in rows) AddRow(row);
        }

        private void AddRow(PSObject input)
        {
            var shape = shapes.Check(input);
            if (shape != null) report.Warn(shape);
            Received++;
            var objectKind = input?.BaseObject is MetricUpdate ? UpdateType.Metric : input?.BaseObject is ProgressUpdate ? UpdateType.Progress : (UpdateType?)null;
            if (Kind == null) Kind = objectKind ?? UpdateType.Progress;
            if (objectKind.HasValue && objectKind != Kind)
            {
                ReleaseBlanks();
                Finish(); // the rows before are reported first
                throw new MixedUpdateTypesException($"Input row {Received} is a {(objectKind == UpdateType.Metric ? "metric" : "progress")} update, but this command sends {(Kind == UpdateType.Metric ? "metric" : "progress")} updates. " +
                    "Send each kind in its own command (they go to different API endpoints); nothing was sent or written." + report.HeldBackRows());
            }

            if (batcher == null) batcher = new UpdateBatcher(directory, batchSize, Kind.Value, format, hashOnly);
            issues.Clear();
            var readable = reader.ReadValues(input, Received, issues, out var values);
            if (readable && IsBlank(values))
            {
                if (InputRowReader.HoldsNothing(input))
                {
                    blanks.Hold(Received);
                    return;
                }

                // Values, but in no column that is read: an error (the unused-properties warning names them), not padding.
                ReleaseBlanks();
                DrainWorker();
                rejected++;
                var unread = Rules.UpdateBuilder.NoKnownColumnIssue(Received);
                report.Report(unread, IssueErrors.InputText(unread), input);
                return;
            }

            ReleaseBlanks();
            if (!readable)
            {
                DrainWorker();
                rejected++;
                ReportHere(input);
                return;
            }

            if (values.MakePlain())
            {
                if (worker == null) worker = new OffThreadRows(Check);
                worker.Post(Received, input, values);
                ReportWorkerIssues();
                return;
            }

            DrainWorker();
            Check(Received, values, issues);
            ReportHere(input);
        }

        /// <summary>Empty objects at the end of the input, left out as Excel's padding (final after <see cref="Finish"/>).</summary>
        public long Padding { get; private set; }

        private bool IsBlank(in RowValues values) =>
            !(values.Target is IUpdate) &&
            Rules.UpdateBuilder.IsBlankRow(values[0], Kind == UpdateType.Metric ? null : values[1], values[2], values[3], values[4]);

        // A row with values came: the empty rows before it are not padding but EmptyRow, reported in their place.
        private void ReleaseBlanks()
        {
            if (blanks.Held == 0) return;
            DrainWorker();
            foreach (var issue in blanks.Release())
            {
                rejected++;
                report.Report(issue, IssueErrors.InputText(issue), null);
            }
        }

        /// <summary>Rows taken before the input proved its dates day first, found ambiguous only at its end (AmbiguousDate): already spooled, so -SkipInvalid cannot leave them out.</summary>
        public long AmbiguousTaken => dates.Retroactive;

        /// <summary>Waits for the rows still being checked and reports their issues: the counts are final after it.</summary>
        public void Finish()
        {
            if (worker != null)
            {
                try
                {
                    worker.Finish();
                }
                finally
                {
                    ReportWorkerIssues();
                    worker.Dispose();
                    worker = null;
                }
            }

            if (datesFinished) return;
            datesFinished = true;
            var padding = blanks.PaddingWarning();
            if (padding != null)
            {
                Padding = blanks.Held;
                Received -= blanks.Held; // padding is not rows: "2 of 3 rows are invalid" counts the rows
                report.Warn(padding);
            }

            foreach (var issue in dates.Finish()) report.Report(issue, IssueErrors.InputText(issue), null);
            rejected += dates.Retroactive;
            var culture = dates.CultureWarning(System.Globalization.CultureInfo.CurrentCulture);
            if (culture != null) report.Warn(culture);
        }

        /// <summary>Finishes the spooled files and hands them over.</summary>
        public IReadOnlyList<BatchFile> Complete()
        {
            Finish();
            return batcher?.Complete() ?? Array.Empty<BatchFile>();
        }

        public void Dispose()
        {
            worker?.Dispose(); // first: nothing may write to the spool once it is deleted
            batcher?.Dispose();
        }

        // The one check of a row's values, on whichever thread holds the rows at the time (never two at once).
        private void Check(long row, RowValues values, List<CsvIssue> found)
        {
            var mark = found.Count;
            var update = InputRowReader.Build(row, values, found, Kind.Value, dates);
            if (update != null && plan != null && !plan.Check(row, update, found)) update = null;
            if (update == null) rejected++;
            else if (compare == null || Compared(row, update, found)) batcher.Add(row, update, found);
            if (found.Count == mark) return;
            var id = values[0] is string text ? text : values[0] != null && (values[0].GetType().IsPrimitive || values[0] is decimal) ? System.Convert.ToString(values[0], System.Globalization.CultureInfo.InvariantCulture) : null;
            for (var i = mark; i < found.Count; i++) found[i] = found[i].InRow(null, id); // "Input row 3 (KPI-7)": the row and its External ID
        }

        // The valid row set beside its plan item: an Older row is warned (sent or not); false when -ExcludeChangeType leaves it out.
        private bool Compared(long row, IUpdate update, List<CsvIssue> found)
        {
            var change = compare.Compare(update, "input row " + row.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (change.ChangeType == ChangeType.Older) found.Add(Plans.PlanComparer.OlderIssue(row, change));
            if (!compare.Keeps(change)) return false;
            if (Listing != null) changes.Enqueue(change);
            return true;
        }

        private void ReportHere(PSObject input)
        {
            foreach (var issue in issues) report.Report(issue, IssueErrors.InputText(issue), input);
            WriteListing();
        }

        private void WriteListing()
        {
            while (changes.TryDequeue(out var change)) Listing(change);
        }

        // Before a row checked here: its issues come after those of every row before it, and the worker is idle.
        private void DrainWorker()
        {
            if (worker == null) return;
            worker.Drain();
            ReportWorkerIssues();
        }

        private void ReportWorkerIssues()
        {
            while (worker.TryTakeIssue(out var issue, out var input)) report.Report(issue, IssueErrors.InputText(issue), input);
            WriteListing();
        }
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
