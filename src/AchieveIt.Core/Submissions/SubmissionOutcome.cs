using AchieveIt.Http;
using AchieveIt.Journal;

namespace AchieveIt.Submissions
{
    /// <summary>What one submission came to: a queued job, a refused duplicate, or a failure.</summary>
    public sealed class SubmissionOutcome
    {
        private SubmissionOutcome(UploadFile file, Job job, DuplicateRefusal duplicate, AchieveItException failure, bool endsCommand)
        {
            File = file;
            Job = job;
            Duplicate = duplicate;
            Failure = failure;
            EndsCommand = endsCommand;
        }

        public UploadFile File { get; }

        /// <summary>The job AchieveIt queued for this file, or for the same content earlier (<see cref="Duplicate"/> set), or null.</summary>
        public Job Job { get; }

        /// <summary>The earlier submission of the same content that refused this one, or null.</summary>
        public DuplicateRefusal Duplicate { get; }

        /// <summary>Why it was not queued (or may not have been), or null.</summary>
        public AchieveItException Failure { get; }

        /// <summary>True when nothing more can be sent in this command: the key or the address was refused, or the journal cannot guard.</summary>
        public bool EndsCommand { get; }

        public static SubmissionOutcome Queued(UploadFile file, Job job) => new SubmissionOutcome(file, job, null, null, false);

        /// <summary>Not sent because of an earlier submission: with its job when AchieveIt queued it (a rerun), else DuplicateSubmission.</summary>
        public static SubmissionOutcome Refused(UploadFile file, DuplicateRefusal duplicate) =>
            new SubmissionOutcome(file, duplicate.AlreadySent ? duplicate.Earlier.ToJob() : null, duplicate, null, false);

        public static SubmissionOutcome Failed(UploadFile file, AchieveItException failure) =>
            new SubmissionOutcome(file, null, null, failure, Ends(failure.ErrorId));

        // What makes every later upload of the command fail the same way.
        private static bool Ends(string errorId) =>
            errorId == ErrorIds.ApiKeyRefused || errorId == ErrorIds.ApiKeyInvalid || errorId == ErrorIds.InsecureUri || errorId == ErrorIds.JournalUnavailable;
    }
}
