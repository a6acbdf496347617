using System;

namespace AchieveIt
{
    /// <summary>
    /// A file submitted to AchieveIt and what is known of it. It never holds the API key: only where to ask
    /// (<see cref="BaseUri"/>, <see cref="StatusUri"/>) and what the server said.
    /// </summary>
    public sealed class Job
    {
        /// <summary>A job; its state is Unknown for a job known only by its ID, Processing for one whose upload was just queued.</summary>
        public Job(string jobId, string fileName, long? rowCount, string environment, Uri baseUri, Uri statusUri, DateTimeOffset? submittedAt, JobState state = JobState.Unknown)
        {
            JobId = jobId;
            FileName = fileName;
            RowCount = rowCount;
            Environment = environment;
            BaseUri = baseUri;
            StatusUri = statusUri;
            SubmittedAt = submittedAt;
            State = state;
        }

        public string JobId { get; }

        public JobState State { get; private set; }

        /// <summary>The HTTP status of the last status answer (202, 200, 400, 500), or null before the first.</summary>
        public int? StatusCode { get; private set; }

        public string FileName { get; }

        /// <summary>Rows in the file, when this session submitted it.</summary>
        public long? RowCount { get; }

        /// <summary>When this session submitted it; null for a job known only by its ID.</summary>
        public DateTimeOffset? SubmittedAt { get; }

        public DateTimeOffset? LastCheckedAt { get; private set; }

        public DateTimeOffset? CompletedAt { get; private set; }

        /// <summary>What the server said, shortened: failure reasons, or rows applied.</summary>
        public string Message { get; private set; }

        /// <summary>Commercial, Government, or Custom for a -BaseUri.</summary>
        public string Environment { get; }

        public Uri BaseUri { get; }

        /// <summary>Where the job's status is read.</summary>
        public Uri StatusUri { get; }

        public bool IsFinished => State == JobState.Succeeded || State == JobState.Failed;

        /// <summary>"job ID (file name)", or the ID alone when the file name is not known: never an empty "()".</summary>
        public string Describe() => string.IsNullOrEmpty(FileName) ? JobId : JobId + " (" + FileName + ")";

        /// <summary>Records a status answer.</summary>
        public void Observe(JobState state, int statusCode, string message, DateTimeOffset at)
        {
            State = state;
            StatusCode = statusCode;
            LastCheckedAt = at;
            if (!string.IsNullOrEmpty(message)) Message = message;
            if ((state == JobState.Succeeded || state == JobState.Failed) && CompletedAt == null) CompletedAt = at;
        }

        /// <summary>A copy to update, so that an object the user holds does not change under them.</summary>
        public Job Copy()
        {
            var copy = new Job(JobId, FileName, RowCount, Environment, BaseUri, StatusUri, SubmittedAt, State)
            {
                StatusCode = StatusCode,
                LastCheckedAt = LastCheckedAt,
                CompletedAt = CompletedAt,
                Message = Message,
            };
            return copy;
        }

        public override string ToString() => JobId + " " + State;
    }
}
