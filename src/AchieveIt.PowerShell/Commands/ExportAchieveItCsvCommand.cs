using System;
using AchieveIt.Http;
using System.IO;
using System.Management.Automation;
using AchieveIt.Files;
using AchieveIt.PowerShell.Errors;
using AchieveIt.PowerShell.Input;

using AchieveIt.PowerShell.Online;

namespace AchieveIt.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Writes updates to a CSV file exactly as Submit-AchieveItUpdates would send it; nothing is written if any row is invalid.</para>
    /// </summary>
    [Cmdlet(VerbsData.Export, "AchieveItCsv", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportAchieveItCsvCommand : PSCmdlet, IDisposable
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private PipelineUpdates updates;
        private BadRowReport report;
        private string destination;

        /// <summary>The updates: AchieveIt.ProgressUpdate objects, Import-Csv rows, DataRows or any object with the column properties.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject InputObject { get; set; }

        /// <summary>The file to write.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        public string Path { get; set; }

        /// <summary>The file to write, taken exactly as written.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet)]
        [Alias("PSPath", "LP")]
        public string LiteralPath { get; set; }

        /// <summary>Overwrites a read-only file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Fails instead of overwriting an existing file.</summary>
        [Parameter]
        [Alias("NoOverwrite")]
        public SwitchParameter NoClobber { get; set; }

        /// <summary>Writes the FileInfo of the file written.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Progress (default) or Metric: the file's columns. Taken from the objects when they are AchieveIt.MetricUpdate; the two kinds cannot be mixed.</summary>
        [Parameter]
        [ValidateSet(UpdateKinds.Progress, UpdateKinds.Metric, IgnoreCase = true)]
        public string UpdateType { get; set; } = UpdateKinds.Progress;

        /// <summary>How many issues are written in full (default 1,000); the rest are counted, and the closing error says how many.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int MaxIssues { get; set; } = Rules.IssueLog.DefaultLimit;

        /// <summary>How the rows write their dates: MonthFirst (11/05/2026 is 5 November, as AchieveIt reads it) or DayFirst (5/11/2026, 05.11.2026 and 5-11-2026, with or without a time, are 5 November; the rows are then written as yyyy-MM-dd). Not given: slash dates month first, and once a row shows day-first dates (25/11/2026), every date that could be read either way is error AmbiguousDate; a dotted or dashed day-first date is refused with the hint that DayFirst reads it. Under either order a two-digit year (05/12/26) is refused naming both readings, and a year-first date with slashes or dots (2026/12/05) is refused, not guessed: write 2026-12-05.</summary>
        [Parameter]
        [ValidateSet(UpdateKinds.MonthFirst, UpdateKinds.DayFirst, IgnoreCase = true)]
        public string DateOrder { get; set; }

        /// <summary>The plan to check every External ID against (errors UnknownExternalId with the closest known IDs, and MissingMetricValue when the plan says an item has a metric): a plan CSV file (a column External ID or ExternalId; optional HasMetric), Get-AchieveItPlanItem output, Import-Csv rows, or External IDs as strings. Read once per command.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public object[] PlanItems { get; set; }

        protected override void BeginProcessing()
        {
            destination = FilePaths.ResolveOutput(this, ParameterSetName == LiteralPathSet ? LiteralPath : Path);
            if (NoClobber && File.Exists(destination))
            {
                ThrowTerminatingError(new ErrorRecord(new IOException($"'{destination}' already exists and -NoClobber was given. Choose another path, or leave out -NoClobber to overwrite it."),
                    ErrorIds.FileExists, ErrorCategory.ResourceExists, destination));
            }

            var folder = System.IO.Path.GetDirectoryName(destination);
            if (!Directory.Exists(folder))
            {
                ThrowTerminatingError(new ErrorRecord(new DirectoryNotFoundException($"The folder '{folder}' does not exist. Create it first (New-Item -ItemType Directory '{folder}')."),
                    ErrorIds.FolderNotFound, ErrorCategory.ObjectNotFound, destination));
            }

            // Spooled next to the destination so that the final move is a rename on one volume; under -WhatIf, which
            // changes no file anywhere, only checked (and hashed), never written.
            report = new BadRowReport(this, skipInvalid: false, MaxIssues);
            updates = new PipelineUpdates(folder, 0, report, MyInvocation.BoundParameters.ContainsKey(nameof(UpdateType)) ? UpdateKinds.Kind(UpdateType) : (AchieveIt.UpdateType?)null,
                plan: PlanSources.WithBudget(PlanSources.Read(this, PlanItems), MaxIssues), dateOrder: UpdateKinds.DateOrder(DateOrder), hashOnly: Prompting.WhatIf(this));
        }

        protected override void ProcessRecord()
        {
            if (InputObject?.BaseObject == null) return; // $null is not a row
            try
            {
                updates.Add(InputObject);
            }
            catch (MixedUpdateTypesException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, ErrorIds.MixedUpdateTypes, ErrorCategory.InvalidData, InputObject));
            }
        }

        protected override void EndProcessing()
        {
            updates.Finish();
            report.WarnAboutUnshown();
            if (updates.Rejected > 0)
            {
                WriteError(report.InvalidRows($"No file was written: {Rules.Counting.PartOf(updates.Rejected, updates.Received, "row", "is", "are")} invalid", "Fix the rows named and export again."));
                return;
            }

            var files = updates.Complete();
            if (files.Count == 0)
            {
                this.Warn(updates.Padding > 0 ? $"The input held only empty rows ({updates.Padding}), no updates, so no file was written." : "No updates came in, so no file was written.");
                return;
            }

            var file = files[0];
            try
            {
                if (!ShouldProcess(destination, $"Write {Rules.Counting.Of(file.RowCount, "AchieveIt update")}")) return;
                Replace(file.Path, destination);
                this.Note($"Wrote {file.RowCount} updates to '{destination}'.");
                if (PassThru) WriteObject(new FileInfo(destination));
            }
            finally
            {
                SpoolFiles.Delete(file.Path);
            }
        }

        public void Dispose() => updates?.Dispose();

        private void Replace(string source, string target)
        {
            if (File.Exists(target))
            {
                var attributes = File.GetAttributes(target);
                if ((attributes & FileAttributes.ReadOnly) != 0)
                {
                    if (!Force)
                    {
                        ThrowTerminatingError(new ErrorRecord(new IOException($"'{target}' is read-only. Use -Force to overwrite it."),
                            ErrorIds.FileReadOnly, ErrorCategory.PermissionDenied, target));
                    }

                    File.SetAttributes(target, attributes & ~FileAttributes.ReadOnly);
                }

                File.Replace(source, target, null);
            }
            else
            {
                File.Move(source, target);
            }
        }
    }
}
