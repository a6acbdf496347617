using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using AchieveIt.Csv;
using AchieveIt.Files;
using AchieveIt.Http;
using AchieveIt.Journal;
using AchieveIt.PowerShell.Errors;
using AchieveIt.PowerShell.Input;
using AchieveIt.PowerShell.Online;

namespace AchieveIt.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Checks progress updates against every rule of the AchieveIt API and submits them; nothing is sent if any row is invalid.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Submit, "AchieveItUpdates", DefaultParameterSetName = ObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [Alias("Submit-AchieveItUpdate")]
    [OutputType(typeof(Job))]
    public sealed class SubmitAchieveItUpdatesCommand : AchieveItOnlineCommand
    {
        private const string ObjectSet = "InputObject";
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private const string StoppedId = "Stopped"; // the journal's word for an upload stopped by Ctrl+C
        private readonly List<string> files = new List<string>();
        private readonly List<string> emptyPatterns = new List<string>();
        private ConnectionSettings settings;
        private PipelineUpdates updates;
        private JournalAccess journal;
        private BadRowReport report;
        private string fileName;
        private long nulls;
        private bool filesPiped; // a file came down the pipeline, even one refused (a FIFO): this command sends files

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

        /// <summary>With -Wait: seconds for the upload and the wait together, at most (a hard limit: it returns within about two seconds of it). Default: until done.</summary>
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

        /// <summary>Sends even when the journal shows the same bytes sent to the same address in the last 24 hours (error DuplicateSubmission otherwise).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void BeginProcessing()
        {
            fileName = UploadNames.Check(this, FileName);
            settings = ResolveSettings();
            report = new BadRowReport(this, SkipInvalid, MaxIssues);
            if (ParameterSetName == ObjectSet)
            {
                if (WireFormat == UpdateFormat.Json && GivenKind == AchieveIt.UpdateType.Metric) ThrowJsonRefused();
                updates = new PipelineUpdates(null, BatchSize, report, GivenKind, WireFormat);
                WriteVerbose($"Rows wait in '{SpoolFiles.Directory}' (readable by this user only) until they are sent.");
            }
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ObjectSet && InputObject?.BaseObject is FileSystemInfo piped)
            {
                // Get-ChildItem *.csv | Submit-AchieveItUpdates sends the files, as Test-AchieveItCsv would check them,
                // and with the checks of -LiteralPath (a FIFO or a device is NotARegularFile, not a hang; a folder
                // that Get-ChildItem listed beside the files is PathIsFolder, not a row).
                filesPiped = true;
                var pipedErrors = new List<ErrorRecord>();
                files.AddRange(FilePaths.ResolveExisting(this, new[] { piped.FullName }, true, pipedErrors));
                foreach (var error in pipedErrors) WriteError(error);
                return;
            }

            if (ParameterSetName == ObjectSet)
            {
                // $null is not a row: "$rows = <query that found nothing>; $rows | Submit-AchieveItUpdates" is NothingToSend.
                if (InputObject?.BaseObject == null) nulls++;
                else
                {
                    if (InputObject.BaseObject is MetricUpdate && WireFormat == UpdateFormat.Json)
                    {
                        updates.Finish(); // the rows before are reported first
                        ThrowJsonRefused();
                    }

                    try
                    {
                        updates.Add(InputObject);
                    }
                    catch (MixedUpdateTypesException e)
                    {
                        ThrowTerminatingError(new ErrorRecord(e, "MixedUpdateTypes", ErrorCategory.InvalidData, InputObject));
                    }
                }
                return;
            }

            var literal = ParameterSetName == LiteralPathSet;
            var errors = new List<ErrorRecord>();
            foreach (var path in literal ? LiteralPath : Path)
            {
                var found = FilePaths.ResolveExisting(this, new[] { path }, literal, errors);
                if (found.Count == 0 && errors.Count == 0) emptyPatterns.Add(path);
                files.AddRange(found);
            }

            foreach (var error in errors) WriteError(error);
        }

        protected override void EndProcessing()
        {
            if ((files.Count > 0 || filesPiped) && updates != null && updates.Received > 0)
            {
                ThrowTerminatingError(OnlineErrors.Make(ErrorIds.InvalidRows,
                    "The pipeline held both files and rows. Send files (Get-ChildItem *.csv | Submit-AchieveItUpdates) and rows (Import-Csv ... | Submit-AchieveItUpdates) in separate commands; nothing was sent.", null));
            }

            var sendsFiles = files.Count > 0 || filesPiped || ParameterSetName != ObjectSet;
            journal = new JournalAccess(this);
            var batches = sendsFiles ? CheckFiles() : CompleteObjects();
            if (batches == null) return;
            var clock = Stopwatch.StartNew();
            var client = CreateClient(settings);
            client.UploadStallTimeout = TimeSpan.FromSeconds(StallTimeout);
            var sent = new List<(Job, AchieveItClient)>();
            var limit = Wait && Timeout.HasValue ? new CancellationTokenSource(TimeSpan.FromSeconds(Timeout.Value)) : new CancellationTokenSource();
            try
            {
                for (var i = 0; i < batches.Count; i++)
                {
                    var (path, name, rows, sha256, checkedAs) = batches[i];
                    var duplicate = Force ? null : journal.FindDuplicate(sha256, settings.Environment.BaseUri);
                    var refusal = duplicate == null ? null :
                        $"The same bytes were sent to {settings.Environment.BaseUri} at {duplicate.At.ToLocalTime():yyyy-MM-dd HH:mm:ss} as '{duplicate.FileName}'" +
                        (string.IsNullOrEmpty(duplicate.JobId) ? string.Empty : $", job {duplicate.JobId}") + $", which is {duplicate.Describe()}. " +
                        "Nothing was sent; -Force sends it anyway (a failed job never blocks).";
                    if (!ShouldProcess($"{settings.Environment.SubmitUri(name, Kind)}", $"Submit {rows} AchieveIt updates as '{name}'" + (refusal == null ? string.Empty : " (refused as a duplicate: " + refusal + ")"))) continue;
                    if (refusal != null)
                    {
                        if (!Wait) WriteJobs(sent); // before the error, which may stop the command: no job ID is lost
                        WriteError(new ErrorRecord(new AchieveItException(ErrorIds.DuplicateSubmission, $"'{name}' was not sent: {refusal}"), ErrorIds.DuplicateSubmission,
                            ErrorCategory.ResourceExists, duplicate.ToJob()));
                        continue;
                    }

                    string submission = null;
                    journal.Try(() => submission = journal.Journal?.Begin(DateTimeOffset.UtcNow, settings.Environment, name, rows, sha256));
                    Job job;
                    ErrorRecord failure;
                    bool fatal;
                    try
                    {
                        job = Upload(client, path, name, rows, sendsFiles, checkedAs, limit, out failure, out fatal);
                    }
                    catch (PipelineStoppedException)
                    {
                        // Ctrl+C: queued or not is known by whether a byte of the file had left, so a rerun is not
                        // refused for a day as a submission that may exist when nothing was sent.
                        if (submission != null) journal.Try(() => RecordStopped(journal.Journal, submission, client.UploadMayBeQueued));
                        throw;
                    }

                    if (submission != null) journal.Try(() => Record(journal.Journal, submission, job, failure));
                    if (job == null)
                    {
                        // Before the warning and the error (either may stop the command): no job ID is lost.
                        if (!Wait || fatal || BadRowReport.StopsOnError(this)) WriteJobs(sent);
                        var rest = batches.Count - i - 1;
                        if (rest > 0) WriteWarning($"{rest} later file(s) were not sent because '{name}' failed: {string.Join(", ", batches.Skip(i + 1).Select(b => b.Name))}.");

                        if (fatal) ThrowTerminatingError(failure);
                        WriteError(failure);
                        break;
                    }

                    var state = RunspaceState.For(this);
                    state.Jobs.Remember(job);
                    state.RememberSubmission(job, settings);
                    WriteVerbose($"Submitted '{name}' ({rows} rows): job {job.JobId}.");
                    sent.Add((job, client));
                }

                // Written once every batch is sent: a downstream command that stops early (Select-Object -First 1)
                // must not stop the batches after the first from being sent.
                if (Wait) WaitForJobs(sent, Timeout, clock.Elapsed);
                else WriteJobs(sent);
            }
            finally
            {
                limit.Dispose();
                if (!sendsFiles)
                {
                    foreach (var batch in batches) SpoolFiles.Delete(batch.Path);
                }
            }
        }

        protected override void DisposeCommand() => updates?.Dispose();

        private void WriteJobs(List<(Job Job, AchieveItClient Client)> sent)
        {
            var jobs = sent.Select(s => s.Job).ToList();
            sent.Clear(); // cleared first: a downstream stop while writing must not write them twice
            foreach (var job in jobs) WriteObject(job);
        }

        // The upload's outcome in the journal: queued with its job, not queued, or unknown (the job may exist).
        private static void Record(SubmissionJournal journal, string submission, Job job, ErrorRecord failure)
        {
            if (journal == null) return;
            var now = DateTimeOffset.UtcNow;
            if (job != null) journal.Queued(submission, now, job);
            else if (failure?.Exception is AchieveItException e && e.ErrorId != ErrorIds.SubmitOutcomeUnknown && e.ErrorId != ErrorIds.NoJobId) journal.NotQueued(submission, now, e.ErrorId);
            else journal.OutcomeUnknown(submission, now, (failure?.Exception as AchieveItException)?.ErrorId ?? ErrorIds.SubmitOutcomeUnknown);
        }

        private static void RecordStopped(SubmissionJournal journal, string submission, bool mayBeQueued)
        {
            if (journal == null) return;
            if (mayBeQueued) journal.OutcomeUnknown(submission, DateTimeOffset.UtcNow, StoppedId);
            else journal.NotQueued(submission, DateTimeOffset.UtcNow, StoppedId);
        }

        /// <summary>One upload; null and the error (fatal: nothing more can be sent) when it failed.</summary>
        private Job Upload(AchieveItClient client, string path, string name, long rows, bool sendsFiles, FileFingerprint checkedAs, CancellationTokenSource limit, out ErrorRecord failure, out bool fatal)
        {
            failure = null;
            fatal = false;
            try
            {
                return Run(token => client.SubmitAsync(path, name, rows, token, Kind, updates == null ? UpdateFormat.Csv : WireFormat, checkedAs), limit.Token);
            }
            catch (OperationCanceledException) when (limit.IsCancellationRequested)
            {
                failure = client.UploadMayBeQueued
                    ? OnlineErrors.Make(ErrorIds.SubmitOutcomeUnknown,
                        $"The upload of '{name}' was stopped at -Timeout {Timeout} s after the file was sent, so AchieveIt may or may not have queued it. It was not sent again. " +
                        "Check the plan items' updates in AchieveIt before you resubmit.", sendsFiles ? path : name)
                    : OnlineErrors.Make(ErrorIds.SubmitFailed,
                        $"The upload of '{name}' was stopped at -Timeout {Timeout} s before AchieveIt queued it (it was waiting to retry, or no byte had left). Nothing was queued; try again.", sendsFiles ? path : name);
                return null;
            }
            catch (AchieveItException e)
            {
                fatal = e.ErrorId == ErrorIds.ApiKeyRefused || e.ErrorId == ErrorIds.ApiKeyInvalid || e.ErrorId == ErrorIds.InsecureUri;
                failure = OnlineErrors.From(e, sendsFiles ? path : name);
                return null;
            }
        }

        private List<(string Path, string Name, long Rows, string Sha256, FileFingerprint CheckedAs)> CompleteObjects()
        {
            updates.Finish();
            report.WarnAboutUnshown();
            if (updates.Rejected > 0 && !SkipInvalid)
            {
                WriteError(report.InvalidRows($"Nothing was sent: {updates.Rejected} of {updates.Received} rows are invalid",
                    "Fix the rows named, or use -SkipInvalid to send only the valid rows."));
                return null;
            }

            if (updates.Received == 0)
            {
                ThrowNothingToSend((nulls > 0 ? $"The input held only $null ({nulls} of them), no rows" : "No rows came down the pipeline (the input was empty)") +
                    ", so nothing was sent. Check the source of the rows (an empty export, a query that found nothing).");
            }

            if (updates.Accepted == 0) ThrowNothingToSend($"All {updates.Received} rows were invalid and left out (-SkipInvalid), so nothing was sent. See the warnings for each row.");
            if (updates.Rejected > 0) WriteWarning($"{updates.Rejected} of {updates.Received} rows were invalid and are left out (-SkipInvalid); {updates.Accepted} will be sent.");
            var completed = updates.Complete();
            if (WireFormat == UpdateFormat.Json && Kind == AchieveIt.UpdateType.Metric) ThrowJsonRefused();
            var baseName = fileName ?? "achieveit-updates-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + (WireFormat == UpdateFormat.Json ? ".json" : ".csv");
            return completed.Select((file, i) => (file.Path, completed.Count == 1 ? baseName : UploadNames.Numbered(baseName, i + 1), file.RowCount, file.Sha256, (FileFingerprint)null)).ToList();
        }

        private List<(string Path, string Name, long Rows, string Sha256, FileFingerprint CheckedAs)> CheckFiles()
        {
            if (files.Count == 0)
            {
                var what = emptyPatterns.Count > 0 ? $"-Path {string.Join(", ", emptyPatterns.Select(p => "'" + p + "'"))} matched no file" : "No file could be read";
                ThrowNothingToSend($"{what}, so nothing was sent. Check the path and that the export ran.");
            }

            var good = new List<(string, string, long, string, FileFingerprint)>();
            var heldBack = new List<string>();
            var empty = new List<string>();
            var options = new CsvCheckOptions { IssueLimit = MaxIssues, Kind = Kind, Fingerprint = true, Cancellation = StopToken };
            foreach (var file in files)
            {
                CsvValidation validation;
                string sha256;
                try
                {
                    // The check hashes the body it read: the journal knows the submission by the bytes that are sent.
                    try
                    {
                        validation = CsvValidator.ValidateFile(file, null, options);
                    }
                    catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
                    {
                        throw new PipelineStoppedException(); // Ctrl+C during a long check
                    }

                    sha256 = validation.Fingerprint?.Sha256;
                    if (!validation.HasErrors && sha256 == null) throw new IOException("the check could not note which bytes it read, so they cannot be sent");
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    WriteError(new ErrorRecord(new IOException($"Cannot read '{file}': {e.Message}", e), "FileUnreadable", ErrorCategory.ReadError, file));
                    heldBack.Add(file);
                    continue;
                }

                if (validation.RowCount == 0 && validation.Log.CountsByCode.TryGetValue(Rules.RuleCodes.NoRows, out var noRows) && noRows == validation.Log.ErrorCount)
                {
                    // An empty (or header-only) file is nothing to send, not a bad file: it is left out, and if nothing
                    // else is left, the command is NothingToSend.
                    WriteWarning($"'{file}' holds no rows (it is empty or has only a header): nothing is sent from it.");
                    empty.Add(file);
                    continue;
                }

                foreach (var issue in validation.Issues) report.Report(issue, IssueErrors.FileText(issue, file), file);
                report.Log.AddCountsNotKept(validation.Log);
                if (validation.HasErrors)
                {
                    heldBack.Add(file);
                    continue;
                }

                var name = fileName ?? System.IO.Path.GetFileName(file);
                if (files.Count > 1 && fileName != null) name = UploadNames.Numbered(fileName, good.Count + 1);
                good.Add((file, name, validation.RowCount, sha256, validation.Fingerprint));
            }

            report.WarnAboutUnshown();
            if (heldBack.Count > 0 && !SkipInvalid)
            {
                WriteError(report.InvalidRows(
                    $"Nothing was sent: {heldBack.Count} of {files.Count} files are invalid or unreadable ({string.Join(", ", heldBack)}), so all {files.Count} were held back ({string.Join(", ", files)})",
                    "Fix the files named (Test-AchieveItCsv shows every issue), or use -SkipInvalid to send only the valid files."));
                return null;
            }

            if (heldBack.Count > 0) WriteWarning($"{heldBack.Count} of {files.Count} files are invalid or unreadable and are not sent (-SkipInvalid): {string.Join(", ", heldBack)}.");
            if (good.Count == 0 && heldBack.Count == 0) ThrowNothingToSend($"{(empty.Count == 1 ? "The file" : $"All {empty.Count} files")} ({string.Join(", ", empty)}) held no rows, so nothing was sent. Check that the export ran.");
            if (good.Count == 0) ThrowNothingToSend($"None of the {files.Count} files can be sent ({string.Join(", ", heldBack.Concat(empty))}), so nothing was sent.");
            return good;
        }

        // The kind given with -UpdateType, or null (taken from the objects).
        private AchieveIt.UpdateType? GivenKind => MyInvocation.BoundParameters.ContainsKey(nameof(UpdateType)) ? UpdateKinds.Kind(UpdateType) : (AchieveIt.UpdateType?)null;

        // The kind this command sends: given, or taken from the first update object.
        private AchieveIt.UpdateType Kind => GivenKind ?? updates?.Kind ?? AchieveIt.UpdateType.Progress;

        private UpdateFormat WireFormat => UpdateKinds.Format(Format);

        private void ThrowJsonRefused() =>
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(
                "-Format Json is for progress updates: the vendor documents JSON bodies for progress updates only, so metric updates are sent as CSV. Leave out -Format Json." +
                (report?.HeldBackRows() ?? string.Empty)),
                "FormatRefused", ErrorCategory.InvalidArgument, Format));

        private void ThrowNothingToSend(string message) =>
            ThrowTerminatingError(new ErrorRecord(new AchieveItException(ErrorIds.NothingToSend, message), ErrorIds.NothingToSend, ErrorCategory.ObjectNotFound, null));
    }
}
