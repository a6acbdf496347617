using System;

namespace AchieveIt.Http
{
    /// <summary>A failure of an API call, with a stable error ID (DESIGN.md §5) and a message that says what to do.</summary>
    public sealed class AchieveItException : Exception
    {
        public AchieveItException(string errorId, string message, Exception inner = null, int? statusCode = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            StatusCode = statusCode;
        }

        public string ErrorId { get; }

        public int? StatusCode { get; }
    }

    /// <summary>The error IDs of the online cmdlets.</summary>
    public static class ErrorIds
    {
        public const string ApiKeyMissing = nameof(ApiKeyMissing);
        public const string ApiKeyRefused = nameof(ApiKeyRefused);
        public const string ApiKeyInvalid = nameof(ApiKeyInvalid);
        public const string InsecureUri = nameof(InsecureUri);
        public const string RedirectRefused = nameof(RedirectRefused);
        public const string TooManyRedirects = nameof(TooManyRedirects);
        public const string SubmitOutcomeUnknown = nameof(SubmitOutcomeUnknown);
        public const string SubmitRejected = nameof(SubmitRejected);
        public const string SubmitFailed = nameof(SubmitFailed);
        public const string NoJobId = nameof(NoJobId);
        public const string JobNotFound = nameof(JobNotFound);
        public const string JobFailed = nameof(JobFailed);
        public const string StatusUnavailable = nameof(StatusUnavailable);
        public const string WaitTimeout = nameof(WaitTimeout);
        public const string InvalidRows = nameof(InvalidRows);
        public const string NothingToSend = nameof(NothingToSend);
        public const string InvalidFileName = nameof(InvalidFileName);
        public const string DuplicateSubmission = nameof(DuplicateSubmission);
        public const string FileChanged = nameof(FileChanged);
        public const string EnvironmentMismatch = nameof(EnvironmentMismatch);
    }
}
