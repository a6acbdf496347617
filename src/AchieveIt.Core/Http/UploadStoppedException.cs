using System;

namespace AchieveIt.Http
{
    /// <summary>
    /// An upload cancelled by its caller (Ctrl+C, a time limit). <see cref="BodyComplete"/> says whether the last byte
    /// of the file had left in the attempt that was stopped: if not, the request was cut short and AchieveIt cannot
    /// have queued it.
    /// </summary>
    public sealed class UploadStoppedException : OperationCanceledException
    {
        public UploadStoppedException(bool bodyComplete, OperationCanceledException inner)
            : base("The upload was stopped.", inner, inner.CancellationToken) => BodyComplete = bodyComplete;

        public bool BodyComplete { get; }
    }
}
