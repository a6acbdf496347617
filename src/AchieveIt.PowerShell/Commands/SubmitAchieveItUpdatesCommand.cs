using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using AchieveIt.Csv;
using AchieveIt.Files;
using AchieveIt.Http;
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
        private ConnectionSettings settings;
        private PipelineUpdates updates;
        private readonly List<string> files = new List<string>();

        /// <summary>The updates: AchieveIt.ProgressUpdate objects, Import-Csv rows, DataRows, hashtables or any object with the column properties.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ObjectSet)]
        [AllowNull]
        public PSObject InputObject { get; set; }

        /// <summary>CSV files to send as they are (checked first; a byte order mark is never sent). Wildcards are allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [SupportsWildcards]
        public string[] Path { get; set; }

        /// <summary>CSV files to send as they are, taken exactly as written. Get-ChildItem output binds here.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        public string[] LiteralPath { get; set; }

        /// <summary>The name of the uploaded file. Default: achieveit-updates-yyyyMMdd-HHmmss.csv (UTC); for -Path, the file's own name. Batches get -001, -002, ...</summary>
        [Parameter]
        [ValidatePattern(@"^[A-Za-z0-9][A-Za-z0-9._() -]{0,150}$")]
        public string FileName { get; set; }

        /// <summary>Rows per uploaded file; each file is its own job. Default: one file.</summary>
        [Parameter(ParameterSetName = ObjectSet)]
        [ValidateRange(1, int.MaxValue)]
        public int BatchSize { get; set; }

        /// <summary>Sends the valid rows and leaves out the invalid ones (each still reported), instead of sending nothing.</summary>
        [Parameter(ParameterSetName = ObjectSet)]
        public SwitchParameter SkipInvalid { get; set; }

        /// <summary>Waits until each job finishes, as Wait-AchieveItJob does.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>With -Wait: seconds to wait at most. Default: until done.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int? Timeout { get; set; }

        protected override void BeginProcessing()
        {
            settings = ResolveSettings();
            if (ParameterSetName == ObjectSet)
            {
                updates = new PipelineUpdates(null, BatchSize);
                WriteVerbose($"Rows wait in '{SpoolFiles.Directory}' (readable by this user only) until they are sent.");
            }
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ObjectSet && InputObject?.BaseObject is FileInfo piped)
            {
                // Get-ChildItem *.csv | Submit-AchieveItUpdates sends the files, as Test-AchieveItCsv would check them.
                files.Add(piped.FullName);
                return;
            }

            if (ParameterSetName == ObjectSet)
            {
                foreach (var (error, warning) in updates.Add(InputObject))
                {
                    if (error != null) WriteError(error);
                    else WriteWarning(warning);
                }

                return;
            }

            var literal = ParameterSetName == LiteralPathSet;
            var errors = new List<ErrorRecord>();
            files.AddRange(FilePaths.ResolveExisting(this, literal ? LiteralPath : Path, literal, errors));
            foreach (var error in errors) WriteError(error);
        }

        protected override void EndProcessing()
        {
            if (files.Count > 0 && updates != null && updates.Received > 0)
            {
                ThrowTerminatingError(OnlineErrors.Make(ErrorIds.InvalidRows,
                    "The pipeline held both files and rows. Send files (Get-ChildItem *.csv | Submit-AchieveItUpdates) and rows (Import-Csv ... | Submit-AchieveItUpdates) in separate commands; nothing was sent.", null));
            }

            var sendsFiles = files.Count > 0 || ParameterSetName != ObjectSet;
            var batches = sendsFiles ? CheckFiles() : CompleteObjects();
            if (batches == null) return;
            var client = CreateClient(settings);
            var sent = new List<(Job, AchieveItClient)>();
            try
            {
                for (var i = 0; i < batches.Count; i++)
                {
                    var (path, name, rows) = batches[i];
                    if (!ShouldProcess($"{settings.Environment.SubmitUri(name)}", $"Submit {rows} AchieveIt updates as '{name}'")) continue;
                    Job job;
                    try
                    {
                        job = Run(token => client.SubmitAsync(path, name, rows, token));
                    }
                    catch (AchieveItException e)
                    {
                        var rest = batches.Count - i - 1;
                        if (rest > 0) WriteWarning($"{rest} later batch(es) were not sent because '{name}' failed: {string.Join(", ", batches.Skip(i + 1).Select(b => b.Name))}.");
                        if (e.ErrorId == ErrorIds.ApiKeyRefused || e.ErrorId == ErrorIds.InsecureUri) ThrowTerminatingError(OnlineErrors.From(e, path));
                        WriteError(OnlineErrors.From(e, sendsFiles ? path : name));
                        break;
                    }

                    RunspaceState.For(this).Jobs.Remember(job);
                    WriteVerbose($"Submitted '{name}' ({rows} rows): job {job.JobId}.");
                    if (Wait) sent.Add((job, client));
                    else WriteObject(job);
                }

                if (Wait) WaitForJobs(sent, Timeout);
            }
            finally
            {
                if (!sendsFiles)
                {
                    foreach (var batch in batches) SpoolFiles.Delete(batch.Path);
                }
            }
        }

        protected override void DisposeCommand() => updates?.Dispose();

        private List<(string Path, string Name, long Rows)> CompleteObjects()
        {
            if (updates.Rejected > 0 && !SkipInvalid)
            {
                WriteError(OnlineErrors.Make(ErrorIds.InvalidRows,
                    $"Nothing was sent: {updates.Rejected} of {updates.Received} rows are invalid (see the errors above). Fix them, or use -SkipInvalid to send only the valid rows.", null));
                return null;
            }

            if (updates.Rejected > 0) WriteWarning($"{updates.Rejected} of {updates.Received} rows were invalid and are left out; {updates.Accepted} will be sent.");
            var completed = updates.Complete();
            if (completed.Count == 0)
            {
                WriteWarning("No updates to send.");
                return null;
            }

            var baseName = FileName ?? "achieveit-updates-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + ".csv";
            return completed.Select((file, i) => (file.Path, completed.Count == 1 ? baseName : Numbered(baseName, i + 1), file.RowCount)).ToList();
        }

        private List<(string Path, string Name, long Rows)> CheckFiles()
        {
            var result = new List<(string, string, long)>();
            var invalid = false;
            foreach (var file in files)
            {
                var validation = CsvValidator.ValidateFile(file);
                foreach (var issue in validation.Issues)
                {
                    if (issue.Severity == IssueSeverity.Error) WriteError(IssueErrors.ForFile(issue, file));
                    else WriteWarning(file + ": line " + issue.Line + ": " + issue.Message);
                }

                invalid |= validation.HasErrors;
                var name = FileName ?? System.IO.Path.GetFileName(file);
                if (files.Count > 1 && FileName != null) name = Numbered(FileName, result.Count + 1);
                result.Add((file, name, validation.RowCount));
            }

            if (invalid)
            {
                WriteError(OnlineErrors.Make(ErrorIds.InvalidRows, "Nothing was sent: the file has invalid rows (see the errors above). Test-AchieveItCsv shows them all.", files.Count == 1 ? files[0] : null));
                return null;
            }

            return result.Count == 0 ? null : result;
        }

        private static string Numbered(string name, int n)
        {
            var extension = System.IO.Path.GetExtension(name);
            return System.IO.Path.GetFileNameWithoutExtension(name) + "-" + n.ToString("000", CultureInfo.InvariantCulture) + (extension.Length > 0 ? extension : ".csv");
        }
    }
}
