using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
using AchieveIt.Csv;
using AchieveIt.PowerShell.Input;

using AchieveIt.PowerShell.Online;

namespace AchieveIt.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Checks CSV files against every rule of the AchieveIt progress-update API, before anything is sent.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "AchieveItCsv", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(CsvTestResult), typeof(bool))]
    public sealed class TestAchieveItCsvCommand : PSCmdlet, IDisposable
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private readonly CancellationTokenSource stopping = new CancellationTokenSource(); // Ctrl+C stops a long check
        private Plans.PlanItems plan;

        /// <summary>The files to check. Wildcards are allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true)]
        [SupportsWildcards]
        public string[] Path { get; set; }

        /// <summary>The files to check, taken exactly as written (no wildcards). Get-ChildItem output binds here.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        public string[] LiteralPath { get; set; }

        /// <summary>Returns only $true (no errors) or $false for each file, instead of a result object; reading stops at the first error.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        /// <summary>Progress (default) or Metric: which columns and rules the files are checked against. A header of the other kind is named as such.</summary>
        [Parameter]
        [ValidateSet(UpdateKinds.Progress, UpdateKinds.Metric, IgnoreCase = true)]
        public string UpdateType { get; set; } = UpdateKinds.Progress;

        /// <summary>How many issues per file are kept in full (default 1,000); every issue is still counted (ErrorCount, WarningCount, IssueCounts).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int MaxIssues { get; set; } = Rules.IssueLog.DefaultLimit;

        /// <summary>The plan to check every External ID against (errors UnknownExternalId with the closest known IDs, and MissingMetricValue when the plan says an item has a metric): a plan CSV file (a column External ID or ExternalId; optional HasMetric), Get-AchieveItPlanItem output, Import-Csv rows, or External IDs as strings. Read once per command.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public object[] PlanItems { get; set; }

        /// <summary>How the file writes its dates, as Submit-AchieveItUpdates -DateOrder reads them: DayFirst reads 05.12.2026, 5-12-2026 and 05/12/2026 as 5 December; MonthFirst reads slash dates month first, as AchieveIt does. Not given: the file is checked as Submit-AchieveItUpdates -Path sends it. A file of day-first dates is sent with Submit-AchieveItUpdates -Path file.csv -DateOrder DayFirst, which sends its rows with dates as yyyy-MM-dd.</summary>
        [Parameter]
        [ValidateSet(UpdateKinds.MonthFirst, UpdateKinds.DayFirst, IgnoreCase = true)]
        public string DateOrder { get; set; }

        public void Dispose() => stopping.Dispose();

        protected override void StopProcessing() => stopping.Cancel();

        protected override void BeginProcessing() => plan = PlanSources.WithBudget(PlanSources.Read(this, PlanItems), MaxIssues);

        protected override void ProcessRecord()
        {
            var literal = ParameterSetName == LiteralPathSet;
            var errors = new List<ErrorRecord>();
            var files = FilePaths.ResolveExisting(this, literal ? LiteralPath : Path, literal, errors);
            foreach (var error in errors)
            {
                WriteError(error);
                if (Quiet) WriteObject(false);
            }

            foreach (var file in files) Check(file);
        }

        private void Check(string file)
        {
            var clock = Stopwatch.StartNew();
            var dates = new Rules.DateConvention(UpdateKinds.DateOrder(DateOrder), "line");
            var check = FileChecks.Run(this, file, new CsvCheckOptions { IssueLimit = MaxIssues, StopAtFirstError = Quiet, Kind = UpdateKinds.Kind(UpdateType), Cancellation = stopping.Token, Plan = plan, Dates = dates });
            var culture = dates.CultureWarning(System.Globalization.CultureInfo.CurrentCulture);
            if (culture != null) this.Warn($"'{file}': {culture}");
            var validation = check.Validation;
            if (validation == null)
            {
                if (Quiet) WriteObject(false);
                return;
            }

            this.Note($"Checked {validation.RowCount} rows of '{file}' in {clock.ElapsedMilliseconds} ms: {validation.Log.Summary()}.");
            var result = new CsvTestResult(file, validation.RowCount, validation.HasHeader, validation.Log, validation.StoppedEarly);
            var rewrite = result.IsValid ? dates.FileWarning(file) : null; // how to send it, once it can be sent
            if (rewrite != null) this.Warn($"'{file}': {rewrite}");
            WriteObject(Quiet ? (object)result.IsValid : result);
        }
    }
}
