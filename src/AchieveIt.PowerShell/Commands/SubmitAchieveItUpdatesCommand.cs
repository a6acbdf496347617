using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using AchieveIt.Csv;
using AchieveIt.Files;
using AchieveIt.Http;
using AchieveIt.PowerShell.Errors;
using AchieveIt.PowerShell.Input;
using AchieveIt.PowerShell.Online;
using AchieveIt.Submissions;

namespace AchieveIt.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Checks progress updates against every rule of the AchieveIt API and submits them; nothing is sent if any row is invalid.</para>
    /// </summary>
    /// <remarks>The parameters, the input and the output; one submission is the core's Submitter (docs/ARCHITECTURE.md).</remarks>
    [Cmdlet(VerbsLifecycle.Submit, "AchieveItUpdates", DefaultParameterSetName = ObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [Alias("Submit-AchieveItUpdate")]
    [OutputType(typeof(Job))]
    public sealed class SubmitAchieveItUpdatesCommand : AchieveItOnlineCommand
    {
        private const string ObjectSet = "InputObject";
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private const string NeedsPlan = "-ExcludeChangeType needs the plan to compare with: give -PlanId (read from AchieveIt now) or -PlanItems. Nothing was sent.";
        private ConnectionSettings settings;
        private SubmitInput input;
        private BadRowReport report;
        private string fileName;
        private Plans.PlanItems plan;
        private Plans.PlanComparer compare; // the plan's items as they are now, when rows are compared with them
        private Action<UpdateChange> listing; // -WhatIf with a plan: each change, on the host

        /// <summary>The updates: AchieveIt.ProgressUpdate objects, Import-Csv rows, DataRows, hashtables or any object with the column properties.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ObjectSet)]
        [AllowNull]
        public PSObject InputObject { get; set; }

        /// <summary>CSV files to send as they are (checked first; a byte order mark is never sent). Wildcards are allowed; a pattern that matches no file is error NothingToSend.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [SupportsWildcards]
        public string[] Path { get; set; }

        /// <summary>CSV files to send as they are, taken exactly as written. Get-ChildItem output binds here.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        public string[] LiteralPath { get; set; }

        /// <summary>The name of the uploaded file: letters, digits, spaces and . _ - ( ), up to 150 characters; .csv is added when it has no extension. Default: achieveit-updates-yyyyMMdd-HHmmss.csv (UTC); for -Path, the file's own name. Batches and several files get -001, -002, ...</summary>
        [Parameter]
        public string FileName { get; set; }

        /// <summary>Rows per uploaded file; each file is its own job. Default: one file.</summary>
        [Parameter(ParameterSetName = ObjectSet)]
        [ValidateRange(1, int.MaxValue)]
        public int BatchSize { get; set; }

        /// <summary>Sends the valid rows (or, with -Path, the valid files) and leaves out the invalid ones, each reported as a warning, instead of sending nothing.</summary>
        [Parameter]
        public SwitchParameter SkipInvalid { get; set; }

        /// <summary>Waits until each job finishes, as Wait-AchieveItJob does.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>Seconds for the whole command, at most: one deadline from its start that the plan read (-PlanId), the upload and, with -Wait, the wait share (a hard limit: it returns within about two seconds of it). Default: until done.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int? Timeout { get; set; }

        /// <summary>Seconds an upload may go without progress (no byte of the file taken by the connection or, once it is all sent, no answer) before it is given up (default 120). A slow upload that keeps moving is never cut off.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int StallTimeout { get; set; } = (int)AchieveItClient.DefaultUploadStallTimeout.TotalSeconds;

        /// <summary>How many issues are written in full (default 1,000); the rest are counted, and the closing error says how many.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int MaxIssues { get; set; } = Rules.IssueLog.DefaultLimit;

        /// <summary>Progress (default: POST /api/progressupdates) or Metric (POST /api/metricupdates: External ID, Current Metric Value, As Of Date, Comment). Taken from the objects when they are AchieveIt.MetricUpdate; the two kinds cannot be mixed in one command.</summary>
        [Parameter]
        [ValidateSet(UpdateKinds.Progress, UpdateKinds.Metric, IgnoreCase = true)]
        public string UpdateType { get; set; } = UpdateKinds.Progress;

        /// <summary>Csv (default) or Json: progress updates sent as the vendor's JSON array (metric updates are CSV only). For pipeline input.</summary>
        [Parameter(ParameterSetName = ObjectSet)]
        [ValidateSet(UpdateKinds.Csv, UpdateKinds.Json, IgnoreCase = true)]
        public string Format { get; set; } = UpdateKinds.Csv;

        /// <summary>Sends even when the journal shows the same bytes sent to the same address in the last 24 hours (otherwise content AchieveIt queued is answered with its earlier job, and content whose outcome is unknown is error DuplicateSubmission), and even when the journal cannot be used (with a warning).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>How the rows write their dates: MonthFirst (11/05/2026 is 5 November, as AchieveIt reads it) or DayFirst (5/11/2026, 05.11.2026 and 5-11-2026, with or without a time, are 5 November; the rows are then written as yyyy-MM-dd). Not given: slash dates month first, and once a row shows day-first dates (25/11/2026), every date that could be read either way is error AmbiguousDate; a dotted or dashed day-first date is refused with the hint that DayFirst reads it. Under either order a two-digit year (05/12/26) is refused naming both readings, and a year-first date with slashes or dots (2026/12/05) is refused, not guessed: write 2026-12-05.</summary>
        [Parameter]
        [ValidateSet(UpdateKinds.MonthFirst, UpdateKinds.DayFirst, IgnoreCase = true)]
        public string DateOrder { get; set; }

        /// <summary>The plan to check every External ID against (errors UnknownExternalId with the closest known IDs, and MissingMetricValue when the plan says an item has a metric): a plan CSV file (a column External ID or ExternalId; optional HasMetric), Get-AchieveItPlanItem output, Import-Csv rows, or External IDs as strings. Read once per command.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public object[] PlanItems { get; set; }

        /// <summary>Checks every row against these plans, read from AchieveIt (Get-AchieveItPlanItem) once, before anything is sent. Not with -PlanItems.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] PlanId { get; set; }

        /// <summary>Change types whose rows are not sent (needs -PlanId or -PlanItems): NoChange, Older, Modify, NotCompared. One warning per type counts them; when no row is left, nothing is sent and the command succeeds.</summary>
        [Parameter]
        public ChangeType[] ExcludeChangeType { get; set; }

        protected override void BeginProcessing()
        {
            fileName = SubmitInput.CheckFileName(this, FileName);
            settings = ResolveSettings();
            report = new BadRowReport(this, SkipInvalid, MaxIssues);
            var states = new Plans.PlanComparer(ExcludeChangeType, keepNames: false); // the listing shows no names
            plan = PlanSources.WithBudget(ReadPlan(PlanId, PlanItems, settings, Timeout, states, ExcludeChangeType == null ? null : NeedsPlan), MaxIssues);
            // With a plan that says how its items are now, every row is compared with its item (Older is always warned).
            compare = plan != null && (ExcludeChangeType != null || states.Stated > 0 || Prompting.ShowsMessage(this, ConfirmImpact.Medium)) ? states : null;
            listing = compare != null && Prompting.WhatIf(this) ? new Action<UpdateChange>(new ChangeLines(this).Write) : null;
            if (ParameterSetName == ObjectSet && WireFormat == UpdateFormat.Json && GivenKind == AchieveIt.UpdateType.Metric) ThrowJsonRefused();
            var rows = ParameterSetName == ObjectSet ? new PipelineUpdates(null, BatchSize, report, GivenKind, WireFormat, plan, UpdateKinds.DateOrder(DateOrder), compare, Prompting.WhatIf(this)) { Listing = listing } : null;
            input = new SubmitInput(this, rows, compare);
            if (input.Rows != null && !Prompting.WhatIf(this)) this.Note($"Rows wait in '{SpoolFiles.Directory}' (readable by this user only) until they are sent.");
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ObjectSet) input.Take(InputObject, WireFormat == UpdateFormat.Json ? () => report.FormatRefused(Format) : (Func<ErrorRecord>)null);
            else input.AddPaths(ParameterSetName == LiteralPathSet ? LiteralPath : Path, ParameterSetName == LiteralPathSet);
        }

        protected override void EndProcessing()
        {
            input.RefuseFilesAndRows();
            var uploads = input.SendsFiles
                ? input.CheckFiles(report, fileName, new CsvCheckOptions { IssueLimit = MaxIssues, Kind = Kind, Fingerprint = true, Cancellation = StopToken, Plan = plan }, SkipInvalid, listing, UpdateKinds.DateOrder(DateOrder))
                : input.CompleteRows(report, SkipInvalid, fileName ?? UploadNames.ForRows(SystemClock.Instance.UtcNow, WireFormat));
            if (uploads == null || uploads.Count == 0) return; // invalid rows (said), or every row left out by -ExcludeChangeType (said: a success)
            if (listing != null) ChangeLines.Summary(this, compare);
            if (!input.SendsFiles && WireFormat == UpdateFormat.Json && Kind == AchieveIt.UpdateType.Metric) ThrowJsonRefused();
            try
            {
                Send(uploads);
            }
            finally
            {
                foreach (var upload in uploads.Where(u => u.IsSpool)) SpoolFiles.Delete(upload.Path);
            }
        }

        protected override void DisposeCommand() => input?.Rows?.Dispose();

        // Each file in turn: peek at a duplicate, ask ShouldProcess, submit, write the outcome; then the jobs, or the wait.
        private void Send(IReadOnlyList<UploadFile> uploads)
        {
            var client = CreateClient(settings, TimeSpan.FromSeconds(StallTimeout));
            var options = new SubmissionOptions { Kind = Kind, Format = input.SendsFiles ? UpdateFormat.Csv : WireFormat, Force = Force, TimeLimit = Remaining(Timeout), TimeoutSeconds = Timeout };
            var sent = new SentJobs(this, Wait, settings);
            // The journal is looked at before ShouldProcess only for its message (-WhatIf, -Confirm): a look that reads,
            // never writes or waits. Otherwise the reservation is the one read per file.
            var peek = Prompting.ShowsMessage(this, ConfirmImpact.Medium);
            using (var submitter = new Submitter(client, Journal, options, null, QueueWarning))
            {
                for (var i = 0; i < uploads.Count; i++)
                {
                    var duplicate = peek ? submitter.PeekDuplicate(uploads[i]) : null;
                    DrainLog();
                    var action = $"Submit {Rules.Counting.Of(uploads[i].Rows, "AchieveIt update")} as '{uploads[i].Name}'" + ChangeLines.InMessage(compare, Math.Max(uploads.Count, input.Files.Count)) + (duplicate == null ? string.Empty : (duplicate.AlreadySent ? " (not sent again: " : " (refused as a duplicate: ") + duplicate.Reason + ")");
                    if (!ShouldProcess(settings.Environment.SubmitUri(uploads[i].Name, Kind).ToString(), action)) continue;
                    var upload = uploads[i];
                    var outcome = Run(token => submitter.SubmitAsync(upload, token)); // the check that counts, with the intent under one lock
                    DrainLog();
                    if (!sent.Write(outcome, client, uploads.Skip(i + 1).ToList())) break;
                }
            }

            // Written once every file is sent: a downstream command that stops early (Select-Object -First 1) must not
            // stop the files after the first from being sent.
            if (Wait) WaitForJobs(sent.Clear(), Timeout, CommandClock.Elapsed); // what is left of the one deadline
            else sent.WriteAll();
        }

        // The kind given with -UpdateType, or null (taken from the objects).
        private AchieveIt.UpdateType? GivenKind => MyInvocation.BoundParameters.ContainsKey(nameof(UpdateType)) ? UpdateKinds.Kind(UpdateType) : (AchieveIt.UpdateType?)null;

        // The kind this command sends: given, or taken from the first update object.
        private AchieveIt.UpdateType Kind => GivenKind ?? input?.Rows?.Kind ?? AchieveIt.UpdateType.Progress;

        private UpdateFormat WireFormat => UpdateKinds.Format(Format);

        private void ThrowJsonRefused() => ThrowTerminatingError(report.FormatRefused(Format));
    }
}
