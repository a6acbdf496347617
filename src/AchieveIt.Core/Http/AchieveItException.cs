using System;

namespace AchieveIt.Http
{
    /// <summary>A failure of an API call, with a stable error ID (docs/CONTRACT.md §5) and a message that says what to do.</summary>
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

    /// <summary>The error IDs of the cmdlets (the rule codes of the CSV check are in Rules.RuleCodes).</summary>
    public static class ErrorIds
    {
        public const string ApiKeyMissing = nameof(ApiKeyMissing);
        public const string ApiKeyRefused = nameof(ApiKeyRefused);
        public const string ApiKeyInvalid = nameof(ApiKeyInvalid);
        public const string InsecureUri = nameof(InsecureUri);

        /// <summary>A setting that names nothing: an unknown environment name, a status path without {jobId}.</summary>
        public const string InvalidSetting = nameof(InvalidSetting);

        /// <summary>The plan export answered 400: the request was refused (its message says why, such as a sort key it does not take).</summary>
        public const string PlanRequestRefused = nameof(PlanRequestRefused);
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

        /// <summary>The journal cannot be read, locked or written, so the duplicate guard cannot hold: nothing was sent.</summary>
        public const string JournalUnavailable = nameof(JournalUnavailable);
        public const string EnvironmentMismatch = nameof(EnvironmentMismatch);

        // The plan: a plan file or -PlanItems that cannot be used, and the plan export's answers.
        public const string PlanItemsInvalid = nameof(PlanItemsInvalid);
        public const string PlanForbidden = nameof(PlanForbidden);
        public const string PlanNotFound = nameof(PlanNotFound);
        public const string PlanAnswerInvalid = nameof(PlanAnswerInvalid);
        public const string PlanPagingBroken = nameof(PlanPagingBroken);
        public const string PlanUnavailable = nameof(PlanUnavailable);

        // Input and file errors of the cmdlets.
        public const string FileUnreadable = nameof(FileUnreadable);
        public const string MixedUpdateTypes = nameof(MixedUpdateTypes);
        public const string FormatRefused = nameof(FormatRefused);
        public const string FileExists = nameof(FileExists);
        public const string FolderNotFound = nameof(FolderNotFound);
        public const string FileReadOnly = nameof(FileReadOnly);
        public const string NotAFileSystemPath = nameof(NotAFileSystemPath);
        public const string PathIsFolder = nameof(PathIsFolder);
        public const string NotARegularFile = nameof(NotARegularFile);
        public const string PathNotFound = nameof(PathNotFound);
    }
}
