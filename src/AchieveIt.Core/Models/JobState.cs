namespace AchieveIt
{
    /// <summary>Where an AchieveIt job is: received or being processed, processed, or failed.</summary>
    public enum JobState
    {
        Processing,
        Succeeded,
        Failed,
    }
}
