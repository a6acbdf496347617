using System;
using System.IO;
using System.Management.Automation;
using AchieveIt.Csv;
using AchieveIt.Http;

namespace AchieveIt.PowerShell.Input
{
    /// <summary>The one file check of Test-AchieveItCsv and Submit-AchieveItUpdates -Path, with its one FileUnreadable error.</summary>
    internal static class FileChecks
    {
        /// <summary>Checks a file; an unreadable one is written as FileUnreadable. Ctrl+C (the options' token) stops the pipeline.</summary>
        public static FileCheck Run(PSCmdlet cmdlet, string file, CsvCheckOptions options)
        {
            FileCheck check;
            try
            {
                check = FileCheck.Run(file, options);
            }
            catch (OperationCanceledException) when (options.Cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException(); // Ctrl+C during a long check
            }

            if (check.Unreadable != null)
            {
                var category = check.Unreadable is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.ReadError;
                cmdlet.WriteError(new ErrorRecord(new IOException($"Cannot read '{file}': {check.Unreadable.Message}", check.Unreadable), ErrorIds.FileUnreadable, category, file));
            }

            return check;
        }
    }
}
