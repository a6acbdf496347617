using System;
using System.Collections.Generic;
using System.Linq;
using System.IO;
using System.Management.Automation;
using AchieveIt.Http;
using AchieveIt.Csv;
using AchieveIt.PowerShell.Errors;
using AchieveIt.PowerShell.Online;
using AchieveIt.Submissions;

namespace AchieveIt.PowerShell.Input
{
    /// <summary>
    /// What Submit-AchieveItUpdates was given, gathered on the pipeline thread: files (from -Path, -LiteralPath or
    /// piped FileInfo objects) or rows (spooled and checked as they come). A command sends one or the other.
    /// </summary>
    internal sealed class SubmitInput
    {
        private readonly PSCmdlet cmdlet;
        private readonly List<string> files = new List<string>();
        private readonly List<string> unmatched = new List<string>();
        private bool filesPiped; // a file came down the pipeline, even one refused (a FIFO): this command sends files

        private readonly Plans.PlanComparer compare;

        /// <param name="cmdlet">The command.</param>
        /// <param name="rows">The rows, or null for files.</param>
        /// <param name="compare">The plan's items, when each valid row is compared with its item (Older warned, -ExcludeChangeType applied); or null.</param>
        public SubmitInput(PSCmdlet cmdlet, PipelineUpdates rows, Plans.PlanComparer compare = null)
        {
            this.cmdlet = cmdlet;
            Rows = rows;
            this.compare = compare;
        }

        /// <summary>The rows, or null when the command was given -Path or -LiteralPath.</summary>
        public PipelineUpdates Rows { get; }

        public IReadOnlyList<string> Files => files;

        /// <summary>-Path patterns that matched no file.</summary>
        public IReadOnlyList<string> Unmatched => unmatched;

        /// <summary>$null inputs seen: not rows.</summary>
        public long Nulls { get; private set; }

        /// <summary>The one name for "this command sends files": -Path, -LiteralPath, or files down the pipeline.</summary>
        public bool SendsFiles => Rows == null || files.Count > 0 || filesPiped;

        /// <summary>-FileName checked (null when not given), or a terminating InvalidFileName error.</summary>
        public static string CheckFileName(PSCmdlet cmdlet, string name)
        {
            try
            {
                return UploadNames.Check(name);
            }
            catch (System.ArgumentException e)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(e, ErrorIds.InvalidFileName, ErrorCategory.InvalidArgument, name));
                return null;
            }
        }

        /// <summary>Resolves -Path or -LiteralPath, writing an error for each that cannot be used.</summary>
        public void AddPaths(string[] paths, bool literal)
        {
            var errors = new List<ErrorRecord>();
            foreach (var path in paths)
            {
                var found = FilePaths.ResolveExisting(cmdlet, new[] { path }, literal, errors);
                if (found.Count == 0 && errors.Count == 0) unmatched.Add(path);
                files.AddRange(found);
            }

            foreach (var error in errors) cmdlet.WriteError(error);
        }

        /// <summary>
        /// Takes one pipeline object. Get-ChildItem *.csv | Submit-AchieveItUpdates sends the files, with the checks of
        /// -LiteralPath (a FIFO or a device is NotARegularFile, not a hang; a folder listed beside the files is
        /// PathIsFolder, not a row). $null is not a row: "$rows = &lt;a query that found nothing&gt;; $rows | Submit" is NothingToSend.
        /// </summary>
        /// <param name="input">The object.</param>
        /// <param name="metricRefused">With -Format Json: the FormatRefused error that a metric update object gets (after the rows before it are reported).</param>
        public void Take(PSObject input, Func<ErrorRecord> metricRefused)
        {
            if (input?.BaseObject is FileSystemInfo piped)
            {
                filesPiped = true;
                AddPaths(new[] { piped.FullName }, true);
                return;
            }

            if (input?.BaseObject == null)
            {
                Nulls++;
                return;
            }

            if (metricRefused != null && input.BaseObject is MetricUpdate)
            {
                Rows.Finish(); // the rows before are reported first
                cmdlet.ThrowTerminatingError(metricRefused());
            }

            try
            {
                Rows.Add(input);
            }
            catch (MixedUpdateTypesException e)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(e, ErrorIds.MixedUpdateTypes, ErrorCategory.InvalidData, input));
            }
        }

        /// <summary>A pipeline that held both files and rows sends neither: InvalidRows.</summary>
        public void RefuseFilesAndRows()
        {
            if ((files.Count > 0 || filesPiped) && Rows != null && Rows.Received > 0)
            {
                cmdlet.ThrowTerminatingError(OnlineErrors.Make(ErrorIds.InvalidRows,
                    "The pipeline held both files and rows. Send files (Get-ChildItem *.csv | Submit-AchieveItUpdates) and rows (Import-Csv ... | Submit-AchieveItUpdates) in separate commands; nothing was sent.", null));
            }
        }

        /// <summary>Ends the rows: their report, then the spooled files to send under <paramref name="name"/> (numbered when several), or null (InvalidRows written).</summary>
        public IReadOnlyList<UploadFile> CompleteRows(BadRowReport report, bool skipInvalid, string name)
        {
            Rows.Finish();
            report.WarnAboutUnshown();
            if (skipInvalid && Rows.AmbiguousTaken > 0)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(new FormatException(
                        $"Nothing was sent: {Rows.AmbiguousTaken} row(s) were taken before a later row showed that this input writes dates day first, and their dates could be read either way " +
                        "(each is written above). -SkipInvalid cannot leave out rows already taken: state the order with -DateOrder DayFirst (or MonthFirst)."),
                    Rules.RuleCodes.AmbiguousDate, ErrorCategory.InvalidData, null));
            }

            var verdict = SendVerdict.ForRows(Rows.Received, Rows.Accepted, Rows.Rejected, Nulls, skipInvalid, Rows.Padding, Rows.LeftOut);
            if (verdict.ErrorId != ErrorIds.InvalidRows) WarnLeftOut(); // a refused input says what is wrong with it, not what would have been left out
            if (!Decide(verdict, report)) return null;
            if (Rows.Accepted == 0) return Array.Empty<UploadFile>(); // every valid row left out by -ExcludeChangeType: said above
            var completed = Rows.Complete();
            return completed.Select((file, i) => new UploadFile(file.Path, completed.Count == 1 ? name : UploadNames.Numbered(name, i + 1), file.RowCount, file.Sha256, null)).ToList();
        }

        /// <summary>Checks every file, reporting each issue; the files to send, or null (InvalidRows written). With a plan to compare with, the files to send are compared with it (<see cref="ComparedFiles"/>), each change to be sent given to <paramref name="listing"/>.</summary>
        public IReadOnlyList<UploadFile> CheckFiles(BadRowReport report, string fileName, CsvCheckOptions options, bool skipInvalid, Action<UpdateChange> listing = null,
            Rules.DateOrder dateOrder = Rules.DateOrder.Unstated)
        {
            if (files.Count == 0) Decide(SendVerdict.NoFiles(unmatched), report);
            var selection = new FileSelection(fileName, files.Count);
            var dayFirst = new HashSet<string>(StringComparer.Ordinal); // files whose dates were read day first: sent rewritten
            foreach (var file in files)
            {
                // The check hashes the body it read: the journal knows the submission by the bytes that are sent.
                var fileOptions = options.For(new Rules.DateConvention(dateOrder, "line")); // each file is its own input
                var check = FileChecks.Run(cmdlet, file, fileOptions);
                if (fileOptions.Dates.ReadDayFirst > 0) dayFirst.Add(file);
                var culture = fileOptions.Dates.CultureWarning(System.Globalization.CultureInfo.CurrentCulture);
                if (culture != null) cmdlet.Warn($"'{file}': {culture}");
                if (check.HoldsNoRows) cmdlet.Warn($"'{file}' holds no rows (it is empty or has only a header): nothing is sent from it.");
                else if (check.Validation != null)
                {
                    foreach (var issue in check.Validation.Issues) report.Report(issue, IssueErrors.FileText(issue, file), file);
                    report.Log.AddCountsNotKept(check.Validation.Log);
                }

                selection.Add(check);
            }

            report.WarnAboutUnshown();
            foreach (var note in selection.Renamed) cmdlet.Warn(Rules.IssueFactory.Printable(note));
            if (!Decide(SendVerdict.ForFiles(selection, skipInvalid), report)) return null;
            if (compare == null && dayFirst.Count == 0) return selection.Ready;
            var kept = ComparedFiles.Apply(selection.Ready, compare, report, options, listing, dayFirst, Prompting.WhatIf(cmdlet));
            if (compare == null) return kept;
            report.WarnAboutUnshown();
            WarnLeftOut();
            if (kept.Count == 0) cmdlet.Warn(SendVerdict.AllLeftOut(compare.LeftOutTotal));
            return kept;
        }

        // One warning per change type -ExcludeChangeType left out, naming the first IDs.
        private void WarnLeftOut()
        {
            if (compare == null) return;
            foreach (var warning in compare.LeftOutWarnings()) cmdlet.Warn(warning);
        }

        // Writes the verdict: a warning, then InvalidRows (false: nothing is sent) or NothingToSend (terminating).
        private bool Decide(SendVerdict verdict, BadRowReport report)
        {
            if (verdict.ErrorId == ErrorIds.InvalidRows)
            {
                cmdlet.WriteError(report.InvalidRows(verdict.Message, verdict.Fix));
                return false;
            }

            if (verdict.Warning != null) cmdlet.Warn(verdict.Warning);
            if (verdict.ErrorId == ErrorIds.NothingToSend) cmdlet.ThrowTerminatingError(OnlineErrors.Make(ErrorIds.NothingToSend, verdict.Message, null));
            return true;
        }
    }
}
