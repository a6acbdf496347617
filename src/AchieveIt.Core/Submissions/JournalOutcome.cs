namespace AchieveIt.Submissions
{
    /// <summary>What a failed upload means for the journal.</summary>
    public enum JournalOutcome
    {
        /// <summary>AchieveIt did not queue it: the same content may be sent again.</summary>
        NotQueued,

        /// <summary>AchieveIt may have queued it: the same content is refused for a day unless -Force.</summary>
        Unknown,
    }
}
