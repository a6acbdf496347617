using System;
using AchieveIt.Http;
using AchieveIt.Journal;

namespace AchieveIt.Submissions
{
    /// <summary>
    /// An earlier submission of the same bytes to the same address that stops sending them again, in words: either
    /// AchieveIt queued them (the rerun is answered with the earlier job) or nobody can know whether it did
    /// (DuplicateSubmission).
    /// </summary>
    public sealed class DuplicateRefusal
    {
        public DuplicateRefusal(UploadFile file, JournalSubmission earlier, Uri baseUri)
        {
            File = file;
            Earlier = earlier;
            var sent = $"The same bytes were sent to {baseUri} at {earlier.At.ToLocalTime():yyyy-MM-dd HH:mm:ss} as '{earlier.FileName}'" +
                       (string.IsNullOrEmpty(earlier.JobId) ? string.Empty : $", job {earlier.JobId}") + $", which is {earlier.Describe()}. ";
            var holder = Journal.IntentHolder.IsHere(earlier.Holder) ? "this process" : "process " + Journal.IntentHolder.ProcessId(earlier.Holder);
            Reason = earlier.WasQueued
                ? sent + "AchieveIt already has them, so nothing was sent again: the earlier job is written in its place (-Force sends them again)."
                : earlier.InFlight
                    ? $"The same bytes are being sent to {baseUri} now, by {holder} (since {earlier.At.ToLocalTime():yyyy-MM-dd HH:mm:ss}, as '{earlier.FileName}'), and that upload did not end while this one waited for it. " +
                      "Nothing was sent, and -Force would send them twice: wait for that run to end, then run this again (a rerun of content AchieveIt queued is answered with its job)."
                    : sent + "Nobody can know yet whether AchieveIt has them, so nothing was sent; check the plan items' updates in AchieveIt, then -Force sends it anyway (a failed job never blocks).";
        }

        public UploadFile File { get; }

        /// <summary>The submission in the journal that blocks this one.</summary>
        public JournalSubmission Earlier { get; }

        /// <summary>True when the earlier submission was queued: this one is answered with its job, not an error (a rerun after success exits 0).</summary>
        public bool AlreadySent => Earlier.WasQueued;

        /// <summary>Why it is not sent and what to do (shown in -WhatIf too).</summary>
        public string Reason { get; }

        /// <summary>The DuplicateSubmission error, for the file not sent.</summary>
        public AchieveItException ToError() => new AchieveItException(ErrorIds.DuplicateSubmission, $"'{File.Name}' was not sent: {Reason}");
    }
}
