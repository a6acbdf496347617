namespace AchieveIt
{
    /// <summary>
    /// Where an AchieveIt job is: not known (its state was never read), queued or being processed, processed, or
    /// failed.
    /// </summary>
    public enum JobState
    {
        /// <summary>Never read: known only by its ID, or the status could not be read.</summary>
        Unknown,

        /// <summary>Queued (the upload was accepted) or still being processed (202).</summary>
        Processing,

        Succeeded,
        Failed,
    }
}
