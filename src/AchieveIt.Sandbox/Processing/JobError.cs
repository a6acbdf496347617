namespace AchieveIt.Sandbox.Processing
{
    /// <summary>One reason a job failed, as the status endpoint reports it.</summary>
    public sealed record JobError(long Line, string Column, string Code, string Message);
}
