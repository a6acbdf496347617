namespace AchieveIt.Rules
{
    /// <summary>The columns of a progress-update file, in the order the API expects them.</summary>
    public enum Column
    {
        ExternalId = 0,
        Status = 1,
        MetricValue = 2,
        AsOfDate = 3,
        Comment = 4,
    }
}
