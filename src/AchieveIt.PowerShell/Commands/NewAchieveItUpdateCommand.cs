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
        private RowUpdates rows;

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

        /// <summary>How the rows write their dates: MonthFirst (11/05/2026 is 5 November, as AchieveIt reads it) or DayFirst (5/11/2026, 05.11.2026 and 5-11-2026, with or without a time, are 5 November; the rows are then written as yyyy-MM-dd). Not given: slash dates month first, and once a row shows day-first dates (25/11/2026), every date that could be read either way is error AmbiguousDate; a dotted or dashed day-first date is refused with the hint that DayFirst reads it. Under either order a two-digit year (05/12/26) is refused naming both readings, and a year-first date with slashes or dots (2026/12/05) is refused, not guessed: write 2026-12-05.</summary>
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

        protected override void BeginProcessing() =>
            rows = new RowUpdates(this, PlanSources.Read(this, PlanItems), UpdateKinds.Kind(UpdateType), UpdateKinds.DateOrder(DateOrder));

        protected override void ProcessRecord() =>
            rows.Take(InputObject, () => Values(Unwrap(ExternalId), Unwrap(Status), Unwrap(MetricValue), Unwrap(AsOfDate), Unwrap(Comment)), WriteObject);

        protected override void EndProcessing()
        {
            // Rows written before the input proved its dates day first cannot be taken back: the pipeline stops, so a
            // Submit-AchieveItUpdates after this command sends nothing.
            var late = rows.Finish();
            if (late != null) ThrowTerminatingError(late);
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
