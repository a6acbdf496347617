namespace AchieveIt
{
    /// <summary>
    /// Where an AchieveIt job is: not known (its state was never read, or the upload's outcome is unknown), queued or
    /// being processed, processed, failed, or never queued.
    /// </summary>
    public enum JobState
    {
        /// <summary>Never read: known only by its ID, or the status could not be read.</summary>
        Unknown,

        /// <summary>Queued (the upload was accepted) or still being processed (202).</summary>
        Processing,

        Succeeded,
        Failed,

        /// <summary>AchieveIt did not queue the file (the journal's record of a refused, failed or stopped upload): nothing of it was applied.</summary>
        NotQueued,
    }
}
