using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AchieveIt.PowerShell.Completion;
using AchieveIt.PowerShell.Errors;
using AchieveIt.Rules;

using AchieveIt.PowerShell.Input;

using AchieveIt.PowerShell.Online;

namespace AchieveIt.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Creates a progress update for one AchieveIt plan item, checked against every rule of the API.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "AchieveItUpdate")]
    [OutputType(typeof(ProgressUpdate), typeof(MetricUpdate))]
    public sealed class NewAchieveItUpdateCommand : PSCmdlet
    {
        private readonly List<CsvIssue> issues = new List<CsvIssue>();
        private readonly Input.InputShapes shapes = new Input.InputShapes();
        private long row;
        private Plans.PlanItems plan;
        private DateConvention dates;
        private readonly TrailingBlankRows blanks = new TrailingBlankRows("input row");
        private readonly InputRowReader reader = new InputRowReader();
        private bool warnedStatus;

        /// <summary>The External ID of the plan item. Must not be empty, contain the word "external", a comma or a double quote.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("External ID", "Id")]
        public object ExternalId { get; set; }

        /// <summary>One of On Track, Off Track, At Risk, Achieved, Not Achieved, Canceled, Not Started (any case).</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(StatusCompleter))]
        public object Status { get; set; }

        /// <summary>The current metric value: a number, a plain invariant number string such as 0.54, or empty / $null / DBNull for none.</summary>
        [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
        [Alias("Current Metric Value", "Metric Value", "CurrentMetricValue", "Value")]
        public object MetricValue { get; set; }

        /// <summary>The as-of date: a DateTime, or text as yyyy-MM-dd, an ISO-8601 date-time or MM/DD/YYYY. Only the date as written is used.</summary>
        [Parameter(Position = 3, ValueFromPipelineByPropertyName = true)]
        [Alias("As Of Date", "Date")]
        public object AsOfDate { get; set; }

        /// <summary>An optional comment. Commas, quotes and line breaks are fine.</summary>
        [Parameter(Position = 4, ValueFromPipelineByPropertyName = true)]
        public object Comment { get; set; }

        /// <summary>Progress (default) makes AchieveIt.ProgressUpdate; Metric makes AchieveIt.MetricUpdate (no status; the metric value is required).</summary>
        [Parameter]
        [ValidateSet(UpdateKinds.Progress, UpdateKinds.Metric, IgnoreCase = true)]
        public string UpdateType { get; set; } = UpdateKinds.Progress;

        /// <summary>How the rows write slash dates: MonthFirst (11/05/2026 is 5 November, as AchieveIt reads it) or DayFirst (5/11/2026 is 5 November; the rows are then written as yyyy-MM-dd). Not given: month first, and once a row shows day-first dates (25/11/2026), every date that could be read either way is error AmbiguousDate.</summary>
        [Parameter]
        [ValidateSet(UpdateKinds.MonthFirst, UpdateKinds.DayFirst, IgnoreCase = true)]
        public string DateOrder { get; set; }

        /// <summary>The plan to check every External ID against (errors UnknownExternalId with the closest known IDs, and MissingMetricValue when the plan says an item has a metric): a plan CSV file (a column External ID or ExternalId; optional HasMetric), Get-AchieveItPlanItem output, Import-Csv rows, or External IDs as strings. Read once per command.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public object[] PlanItems { get; set; }

        /// <summary>The pipeline object the other parameters were read from; it becomes the target of any error.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject InputObject { get; set; }

        protected override void BeginProcessing()
        {
            plan = PlanSources.Read(this, PlanItems);
            dates = new DateConvention(UpdateKinds.DateOrder(DateOrder), "input row");
        }

        protected override void EndProcessing()
        {
            // Rows written before the input proved its dates day first cannot be taken back: the pipeline stops, so a
            // Submit-AchieveItUpdates after this command sends nothing.
            var padding = blanks.PaddingWarning();
            if (padding != null) this.Warn(padding);
            var late = dates.Finish();
            var culture = dates.CultureWarning(System.Globalization.CultureInfo.CurrentCulture);
            if (culture != null) this.Warn(culture);
            if (late.Count == 0) return;
            ThrowTerminatingError(new ErrorRecord(new FormatException(
                    $"{dates.Retroactive} update(s) were written before a later row showed that this input writes dates day first, and their dates could be read either way:" +
                    string.Concat(late.Select(i => System.Environment.NewLine + "  " + IssueErrors.InputText(i))) +
                    System.Environment.NewLine + "The pipeline was stopped, so nothing after this command sent them. State the order: -DateOrder DayFirst (or MonthFirst)."),
                RuleCodes.AmbiguousDate, ErrorCategory.InvalidData, null));
        }

        protected override void ProcessRecord()
        {
            var rows = TableRows.Of(InputObject, out var refused);
            if (rows == null && InputObject?.BaseObject is System.Collections.IDictionary)
            {
                rows = new[] { InputObject }; // a hashtable binds no parameter by property name: its keys are read as a row's are
            }

            if (rows == null)
            {
                Build(InputObject, Unwrap(ExternalId), Unwrap(Status), Unwrap(MetricValue), Unwrap(AsOfDate), Unwrap(Comment));
                return;
            }

            if (refused != null)
            {
                row++;
                WriteError(IssueErrors.ForInput(new CsvIssue(row, string.Empty, string.Empty, RuleCodes.DataSetTables, IssueSeverity.Error, refused), InputObject));
                return;
            }

            foreach (var tableRow in rows)
            {
                issues.Clear();
                if (!reader.ReadValues(tableRow, row + 1, issues, out var values))
                {
                    row++;
                    Write(issues, tableRow, null);
                    continue;
                }

                Build(tableRow, values[0], values[1], values[2], values[3], values[4]);
            }
        }

        private void Build(PSObject input, object externalId, object status, object metricValue, object asOfDate, object comment)
        {
            row++;
            issues.Clear();
            var shape = shapes.Check(input);
            if (shape != null) this.Warn(shape);
            var metric = UpdateKinds.Kind(UpdateType) == AchieveIt.UpdateType.Metric;
            if (metric && status != null && !warnedStatus)
            {
                warnedStatus = true;
                this.Warn("A metric update has no Status: the Status given is not used.");
            }

            if (UpdateBuilder.IsBlankRow(externalId, metric ? null : status, metricValue, asOfDate, comment) && input != null && InputRowReader.HoldsNothing(input))
            {
                blanks.Hold(row); // Excel's padding if only empty rows follow; EmptyRow if a row with values does
                return;
            }

            foreach (var blank in blanks.Release()) WriteError(IssueErrors.ForInput(blank, null));
            if (UpdateBuilder.IsBlankRow(externalId, metric ? null : status, metricValue, asOfDate, comment) && input != null)
            {
                WriteError(IssueErrors.ForInput(UpdateBuilder.NoKnownColumnIssue(row), input)); // values, but in no column read
                return;
            }

            var update = (object)InputRowReader.Build(row, Values(externalId, status, metricValue, asOfDate, comment), issues, UpdateKinds.Kind(UpdateType), dates);
            if (update is IUpdate built && plan != null && !plan.Check(row, built, issues)) update = null;
            var target = (object)input ?? new { ExternalId, Status, MetricValue, AsOfDate, Comment };
            Write(issues, target, externalId as string);
            if (update != null) WriteObject(update);
        }

        private void Write(List<CsvIssue> found, object target, string id)
        {
            for (var i = 0; i < found.Count; i++) found[i] = found[i].InRow(null, id); // "Input row 2 (KPI-7)": the row and its External ID
            foreach (var issue in found)
            {
                if (issue.Severity == IssueSeverity.Error) WriteError(IssueErrors.ForInput(issue, target));
                else this.Warn(IssueErrors.InputText(issue));
            }
        }

        private static object Unwrap(object value) => value is PSObject wrapped ? wrapped.BaseObject : value;

        // The five values as the bulk path holds them, with no object of their own: they are checked as values.
        private static RowValues Values(object externalId, object status, object metricValue, object asOfDate, object comment)
        {
            var values = new RowValues(null);
            values[0] = externalId;
            values[1] = status;
            values[2] = metricValue;
            values[3] = asOfDate;
            values[4] = comment;
            return values;
        }
    }
}
