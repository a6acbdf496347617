using System;

namespace AchieveIt.Sandbox.Storage
{
    /// <summary>A stored job, without its file's bytes.</summary>
    public sealed record JobRecord(
        string JobId,
        string Kind,
        string FileName,
        long Size,
        string State,
        DateTime SubmittedAt,
        DateTime? CompletedAt,
        long RowsApplied,
        string ErrorsJson);

    /// <summary>The states a job moves through.</summary>
    public static class JobStates
    {
        public const string Queued = "Queued";
        public const string Processing = "Processing";
        public const string Processed = "Processed";
        public const string Failed = "Failed";
    }

    /// <summary>What a file is: progress updates or metric updates.</summary>
    public static class JobKinds
    {
        public const string Progress = "progress";
        public const string Metric = "metric";
    }

    /// <summary>An update the sandbox applied.</summary>
    public sealed record AppliedUpdate(string JobId, long Line, string ExternalId, string Status, string MetricValue, string AsOfDate, string Comment, DateTime AppliedAt, string Kind = null);
}
