namespace AchieveIt.Files
{
    /// <summary>
    /// The length and SHA-256 of a file's bytes exactly as a check read them. The upload sends the file only while
    /// it still matches, so the bytes sent are the bytes checked even when something writes to the file in between.
    /// </summary>
    public sealed class FileFingerprint
    {
        public FileFingerprint(long length, string sha256)
        {
            Length = length;
            Sha256 = sha256;
        }

        /// <summary>Bytes in the whole file (a byte order mark and empty lines at the end included).</summary>
        public long Length { get; }

        /// <summary>SHA-256 (hex, upper case) of the whole file.</summary>
        public string Sha256 { get; }
    }
}
