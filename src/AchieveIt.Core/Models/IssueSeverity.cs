namespace AchieveIt
{
    /// <summary>How bad a CSV issue is: an error stops a submission, a warning does not.</summary>
    public enum IssueSeverity
    {
        Error,
        Warning,
    }
}
