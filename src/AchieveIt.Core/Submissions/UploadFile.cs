namespace AchieveIt.Submissions
{
    /// <summary>One file ready to be uploaded as one job: a user's checked CSV file, or a spool of rows we wrote.</summary>
    public sealed class UploadFile
    {
        public UploadFile(string path, string name, long rows, string sha256, Files.FileFingerprint checkedAs)
        {
            Path = path;
            Name = name;
            Rows = rows;
            Sha256 = sha256;
            CheckedAs = checkedAs;
        }

        /// <summary>Where the bytes are.</summary>
        public string Path { get; }

        /// <summary>The name it is uploaded under (the last part of the submit address).</summary>
        public string Name { get; }

        public long Rows { get; }

        /// <summary>SHA-256 (hex) of the body sent: the journal's key for this content.</summary>
        public string Sha256 { get; }

        /// <summary>A user's file as it was checked (only those bytes are sent), or null for a spool of our own.</summary>
        public Files.FileFingerprint CheckedAs { get; }

        /// <summary>True for a spool of our own, which is deleted once sent.</summary>
        public bool IsSpool => CheckedAs == null;

        /// <summary>What an error about it names: the user's path, or the upload name of rows they piped.</summary>
        public string ErrorTarget => IsSpool ? Name : Path;
    }
}
