using System;

namespace AchieveIt.Http
{
    /// <summary>
    /// An upload cancelled by its caller (Ctrl+C, a time limit). <see cref="BodyStarted"/> says whether any byte of the
    /// file had left in the attempt that was stopped: if none had, AchieveIt cannot have queued it.
    /// </summary>
    public sealed class UploadStoppedException : OperationCanceledException
    {
        public UploadStoppedException(bool bodyStarted, OperationCanceledException inner)
            : base("The upload was stopped.", inner, inner.CancellationToken) => BodyStarted = bodyStarted;

        public bool BodyStarted { get; }
    }
}
