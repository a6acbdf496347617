using System;
using AchieveIt.Http;
using AchieveIt.Journal;

namespace AchieveIt.Submissions
{
    /// <summary>An earlier submission of the same bytes to the same address that blocks sending them again, in words.</summary>
    public sealed class DuplicateRefusal
    {
        public DuplicateRefusal(UploadFile file, JournalSubmission earlier, Uri baseUri)
        {
            File = file;
            Earlier = earlier;
            Reason = $"The same bytes were sent to {baseUri} at {earlier.At.ToLocalTime():yyyy-MM-dd HH:mm:ss} as '{earlier.FileName}'" +
                     (string.IsNullOrEmpty(earlier.JobId) ? string.Empty : $", job {earlier.JobId}") + $", which is {earlier.Describe()}. " +
                     "Nothing was sent; -Force sends it anyway (a failed job never blocks).";
        }

        public UploadFile File { get; }

        /// <summary>The submission in the journal that blocks this one.</summary>
        public JournalSubmission Earlier { get; }

        /// <summary>Why it is refused and what to do (shown in -WhatIf too).</summary>
        public string Reason { get; }

        /// <summary>The DuplicateSubmission error, for the file not sent.</summary>
        public AchieveItException ToError() => new AchieveItException(ErrorIds.DuplicateSubmission, $"'{File.Name}' was not sent: {Reason}");
    }
}
