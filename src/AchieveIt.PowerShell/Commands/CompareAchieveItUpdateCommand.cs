using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AchieveIt.Csv;
using AchieveIt.Http;
using AchieveIt.PowerShell.Errors;
using AchieveIt.PowerShell.Input;
using AchieveIt.PowerShell.Online;
using AchieveIt.Plans;

namespace AchieveIt.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Shows what progress updates would change in AchieveIt, item by item, against the plan as it is now; sends nothing.</para>
    /// </summary>
    /// <remarks>
    /// Rows are read and checked as New-AchieveItUpdate reads them (Input/RowUpdates: the same rules and errors, the plan
    /// check included), files as Test-AchieveItCsv reads them; each valid row is then set beside its plan item (Plans/UpdateComparison).
    /// Nothing is sent and the journal is not touched.
    /// </remarks>
    [Cmdlet(VerbsData.Compare, "AchieveItUpdate", DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(UpdateChange))]
    public sealed class CompareAchieveItUpdateCommand : AchieveItOnlineCommand
    {
        private const string ObjectSet = "InputObject";
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private PlanComparer states;
        private PlanItems check;
        private RowUpdates rows;
        private long compared;
        private readonly List<string> files = new List<string>();

        /// <summary>The updates: AchieveIt.ProgressUpdate objects, Import-Csv rows, DataRows, hashtables or any object with the column properties.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ObjectSet)]
        [AllowNull]
        public PSObject InputObject { get; set; }

        /// <summary>CSV files of updates, checked as Test-AchieveItCsv checks them. Wildcards are allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [SupportsWildcards]
        public string[] Path { get; set; }

        /// <summary>CSV files of updates, taken exactly as written. Get-ChildItem output binds here.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        public string[] LiteralPath { get; set; }

        /// <summary>The plan as AchieveIt has it now, read live (as Submit-AchieveItUpdates -PlanId reads it). Not with -PlanItems.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] PlanId { get; set; }

        /// <summary>The plan to compare with: Get-AchieveItPlanItem output, or a plan CSV (or objects) with External ID, Status, Current Value and Last Updated. An item without a status or a value makes the rows that carry one NotCompared.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public object[] PlanItems { get; set; }

        /// <summary>How the rows write slash dates, as for New-AchieveItUpdate: MonthFirst or DayFirst.</summary>
        [Parameter(ParameterSetName = ObjectSet)]
        [ValidateSet(UpdateKinds.MonthFirst, UpdateKinds.DayFirst, IgnoreCase = true)]
        public string DateOrder { get; set; }

        /// <summary>Progress (default) or Metric updates.</summary>
        [Parameter]
        [ValidateSet(UpdateKinds.Progress, UpdateKinds.Metric, IgnoreCase = true)]
        public string UpdateType { get; set; } = UpdateKinds.Progress;

        /// <summary>Change types left out of the output: Modify, NoChange, Older, NotCompared.</summary>
        [Parameter]
        public ChangeType[] ExcludeChangeType { get; set; }

        /// <summary>Seconds the plan read (-PlanId) may take, at most. Default: until done.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int? Timeout { get; set; }

        protected override void BeginProcessing()
        {
            states = new PlanComparer();
            check = ReadPlan(PlanId, PlanItems, PlanId == null ? null : ResolveSettings(), Timeout, states, "Give the plan to compare with: -PlanId (read from AchieveIt now) or -PlanItems.");
            // Rows are read as New-AchieveItUpdate reads them: the same rules and errors, the plan check included.
            if (ParameterSetName == ObjectSet) rows = new RowUpdates(this, check, UpdateKinds.Kind(UpdateType), UpdateKinds.DateOrder(DateOrder));
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName != ObjectSet)
            {
                var errors = new List<ErrorRecord>();
                files.AddRange(FilePaths.ResolveExisting(this, ParameterSetName == LiteralPathSet ? LiteralPath : Path, ParameterSetName == LiteralPathSet, errors));
                foreach (var error in errors) WriteError(error);
                return;
            }

            if (InputObject?.BaseObject is System.IO.FileInfo piped)
            {
                files.Add(piped.FullName); // Get-ChildItem *.csv | Compare-AchieveItUpdate: the files, not rows about them
                return;
            }

            rows.Take(InputObject, null, update => Write(update, "input row " + rows.Row));
        }

        protected override void EndProcessing()
        {
            if (rows != null)
            {
                var late = rows.Finish();
                if (late != null) ThrowTerminatingError(late);
            }

            foreach (var file in files) CompareFile(file);
            if (compared == 0) this.Warn("Nothing was compared: the input held no valid row. (An empty listing never means that nothing would change.)");
        }

        // A file is checked as Test-AchieveItCsv checks it, its issues written as errors; a valid file's rows are then read
        // again and compared one by one (nothing of the file is held in memory).
        private void CompareFile(string file)
        {
            var options = new CsvCheckOptions { Plan = check, Kind = UpdateKinds.Kind(UpdateType), Cancellation = StopToken };
            var validation = CsvValidator.ValidateFile(file, null, options.For(new Rules.DateConvention(Rules.DateOrder.Unstated, "line")));
            foreach (var issue in validation.Issues)
            {
                if (issue.Severity == IssueSeverity.Error) WriteError(IssueErrors.Make(issue, IssueErrors.FileText(issue, file), file));
                else this.Warn(IssueErrors.FileText(issue, file));
            }

            var name = System.IO.Path.GetFileName(file);
            if (validation.HasErrors)
            {
                this.Warn($"'{name}' was not compared: it has invalid rows, so Submit would not send it. Fix them, or compare its rows: Import-Csv '{file}' | Compare-AchieveItUpdate.");
                return;
            }

            CsvValidator.ValidateFile(file, (line, update) => Write(update, $"line {line} of {name}"), ComparedFiles.Again(options));
        }

        private void Write(IUpdate update, string address)
        {
            var change = states.Compare(update, address);
            compared++;
            if (ExcludeChangeType == null || !ExcludeChangeType.Contains(change.ChangeType)) WriteObject(change);
        }
    }
}
