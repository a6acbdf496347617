namespace AchieveIt.Files
{
    /// <summary>
    /// A file as a check read it: its length, and where its body (the bytes sent) starts and ends and their SHA-256.
    /// The upload sends that range only while its bytes hash the same, so the bytes sent are the bytes checked even
    /// when something writes to the file in between: nothing about the file is read again without being verified.
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

        /// <summary>SHA-256 (hex, upper case) of the body: the bytes from <see cref="BodyStart"/> to <see cref="BodyEnd"/>, exactly what is sent (and what the journal knows the submission by).</summary>
        public string Sha256 { get; }

        /// <summary>Where the bytes to send start, in the bytes checked: after a byte order mark.</summary>
        public long BodyStart { get; }

        /// <summary>Where the bytes to send end, in the bytes checked: before the empty lines at the end (<see cref="FileBody"/>).</summary>
        public long BodyEnd { get; }
    }
}
