namespace AchieveIt.Journal
{
    /// <summary>The SHA-256 by which the journal recognises a submission: of the exact bytes sent.</summary>
    public static class SubmissionHash
    {
        /// <summary>Of a file as Submit -Path sends it (no byte order mark, no empty lines at the end): one read of the file.</summary>
        public static string OfFile(string path, System.Threading.CancellationToken cancellation = default) => Http.UploadBody.Sha256Of(path, cancellation);
    }
}
