namespace AchieveIt.Csv
{
    /// <summary>A finished CSV file of updates and how many rows it holds.</summary>
    public sealed class BatchFile
    {
        public BatchFile(string path, long rowCount, string sha256 = null)
        {
            Path = path;
            RowCount = rowCount;
            Sha256 = sha256;
        }

        /// <summary>SHA-256 (hex) of the file's bytes, hashed while it was written.</summary>
        public string Sha256 { get; }

        public string Path { get; }

        public long RowCount { get; }
    }
}
