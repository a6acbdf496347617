
namespace AchieveIt.Rules
{
    /// <summary>Builds issues with the offending value shortened, so a 5 MB field never reaches a message.</summary>
    internal static class IssueFactory
    {
        private const int MaxValueLength = 40;

        public static CsvIssue Error(long line, Column? column, string value, string code, string message) =>
            Make(line, column, value, code, IssueSeverity.Error, message);

        public static CsvIssue Warning(long line, Column? column, string value, string code, string message) =>
            Make(line, column, value, code, IssueSeverity.Warning, message);

        public static string Shorten(string value)
        {
            if (value == null) return string.Empty;
            return value.Length <= MaxValueLength ? value : value.Substring(0, MaxValueLength - 3) + "...";
        }

        private static CsvIssue Make(long line, Column? column, string value, string code, IssueSeverity severity, string message) =>
            new CsvIssue(line, column.HasValue ? ColumnNames.Of(column.Value) : string.Empty, Shorten(value), code, severity, message);
    }
}
