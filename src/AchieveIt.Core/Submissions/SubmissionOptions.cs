using System;

namespace AchieveIt.Submissions
{
    /// <summary>How a command submits: what kind and format, whether the duplicate guard is waived, and its time limit.</summary>
    public sealed class SubmissionOptions
    {
        public UpdateType Kind { get; set; } = UpdateType.Progress;

        public UpdateFormat Format { get; set; } = UpdateFormat.Csv;

        /// <summary>-Force: send even when the journal shows the same content blocking it.</summary>
        public bool Force { get; set; }

        /// <summary>
        /// -Timeout with -Wait: the time the uploads (and the wait after them) may take, counted from the submitter's
        /// creation; null for none. An upload still running at it is stopped and reported by whether bytes had left.
        /// </summary>
        public TimeSpan? TimeLimit { get; set; }

        /// <summary>The -Timeout the time limit is what is left of, in seconds, for messages; null: the time limit itself.</summary>
        public int? TimeoutSeconds { get; set; }
    }
}
