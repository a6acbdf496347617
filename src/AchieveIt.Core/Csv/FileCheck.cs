using System;
using System.IO;
using AchieveIt.Rules;

namespace AchieveIt.Csv
{
    /// <summary>
    /// One file checked, as Test-AchieveItCsv and Submit-AchieveItUpdates -Path both check it: the validation, or the
    /// reason the file could not be read. Cancellation (Ctrl+C) comes out as OperationCanceledException.
    /// </summary>
    public sealed class FileCheck
    {
        private FileCheck(string path, CsvValidation validation, Exception unreadable)
        {
            Path = path;
            Validation = validation;
            Unreadable = unreadable;
        }

        public string Path { get; }

        /// <summary>The check's result, or null when the file could not be read.</summary>
        public CsvValidation Validation { get; }

        /// <summary>Why the file could not be read (IOException or UnauthorizedAccessException), or null.</summary>
        public Exception Unreadable { get; }

        /// <summary>True for an empty or header-only file: nothing to send, which is not a bad file.</summary>
        public bool HoldsNoRows =>
            Validation != null && Validation.RowCount == 0 &&
            Validation.Log.CountsByCode.TryGetValue(RuleCodes.NoRows, out var noRows) && noRows == Validation.Log.ErrorCount;

        /// <summary>
        /// Checks a file. With <see cref="CsvCheckOptions.Fingerprint"/>, a valid file must also have its body hashed
        /// (the bytes that would be sent); one that could not be is unreadable.
        /// </summary>
        public static FileCheck Run(string path, CsvCheckOptions options)
        {
            try
            {
                var validation = CsvValidator.ValidateFile(path, null, options);
                if (options.Fingerprint && !validation.HasErrors && validation.Fingerprint?.Sha256 == null)
                {
                    throw new IOException("the check could not note which bytes it read, so they cannot be sent");
                }

                return new FileCheck(path, validation, null);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return new FileCheck(path, null, e);
            }
        }
    }
}
