using System.Management.Automation;
using AchieveIt.Http;

namespace AchieveIt.PowerShell.Online
{
    /// <summary>Error records for API failures: the ID is the failure's, the target the job, path or file concerned.</summary>
    internal static class OnlineErrors
    {
        public static ErrorRecord From(AchieveItException e, object target) =>
            new ErrorRecord(e, e.ErrorId, Category(e.ErrorId), target);

        public static ErrorRecord Make(string errorId, string message, object target) =>
            From(new AchieveItException(errorId, message), target);

        private static ErrorCategory Category(string id)
        {
            switch (id)
            {
                case ErrorIds.ApiKeyMissing:
                case ErrorIds.ApiKeyInvalid: return ErrorCategory.AuthenticationError;
                case ErrorIds.SubmitRejected: return ErrorCategory.InvalidResult;
                case ErrorIds.NothingToSend: return ErrorCategory.ObjectNotFound;
                case ErrorIds.InvalidFileName:
                case ErrorIds.InvalidSetting: return ErrorCategory.InvalidArgument;
                case ErrorIds.ApiKeyRefused: return ErrorCategory.PermissionDenied;
                case ErrorIds.InsecureUri:
                case ErrorIds.RedirectRefused:
                case ErrorIds.TooManyRedirects: return ErrorCategory.SecurityError;
                case ErrorIds.JobNotFound:
                case ErrorIds.PlanNotFound: return ErrorCategory.ObjectNotFound;
                case ErrorIds.PlanForbidden: return ErrorCategory.PermissionDenied;
                case ErrorIds.JournalUnavailable: return ErrorCategory.ResourceUnavailable;
                case ErrorIds.PlanItemsInvalid: return ErrorCategory.InvalidData;
                case ErrorIds.PlanAnswerInvalid:
                case ErrorIds.PlanPagingBroken: return ErrorCategory.InvalidResult;
                case ErrorIds.WaitTimeout: return ErrorCategory.OperationTimeout;
                case ErrorIds.InvalidRows:
                case ErrorIds.FileChanged: return ErrorCategory.InvalidData;
                case ErrorIds.JobFailed: return ErrorCategory.InvalidResult;
                default: return ErrorCategory.ConnectionError;
            }
        }
    }
}
