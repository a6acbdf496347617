namespace AchieveIt.Csv
{
    /// <summary>A finished CSV file of updates and how many rows it holds.</summary>
    public sealed class BatchFile
    {
        public BatchFile(string path, long rowCount)
        {
            Path = path;
            RowCount = rowCount;
        }

        public string Path { get; }

        public long RowCount { get; }
    }
}
