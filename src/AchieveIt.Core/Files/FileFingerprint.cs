namespace AchieveIt.Files
{
    /// <summary>
    /// The length, SHA-256 and content bounds of a file's bytes exactly as a check read them. The upload sends that
    /// range only while the file still matches, so the bytes sent are the bytes checked even when something writes
    /// to the file in between: nothing about the file is read again without being verified.
    /// </summary>
    public sealed class FileFingerprint
    {
        public FileFingerprint(long length, string sha256, long bodyStart, long bodyEnd)
        {
            Length = length;
            Sha256 = sha256;
            BodyStart = bodyStart;
            BodyEnd = bodyEnd;
        }

        /// <summary>Bytes in the whole file (a byte order mark and empty lines at the end included).</summary>
        public long Length { get; }

        /// <summary>SHA-256 (hex, upper case) of the whole file.</summary>
        public string Sha256 { get; }

        /// <summary>Where the bytes to send start, in the bytes checked: after a byte order mark.</summary>
        public long BodyStart { get; }

        /// <summary>Where the bytes to send end, in the bytes checked: before the empty lines at the end (<see cref="ContentEnd"/>).</summary>
        public long BodyEnd { get; }
    }
}
