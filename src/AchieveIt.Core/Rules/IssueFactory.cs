
namespace AchieveIt.Rules
{
    /// <summary>Builds issues with the offending value shortened, so a 5 MB field never reaches a message.</summary>
    public static class IssueFactory
    {
        private const int MaxValueLength = 40;

        internal static CsvIssue Error(long line, Column? column, string value, string code, string message) =>
            Make(line, column, value, code, IssueSeverity.Error, message);

        internal static CsvIssue Warning(long line, Column? column, string value, string code, string message) =>
            Make(line, column, value, code, IssueSeverity.Warning, message);

        public static string Shorten(string value)
        {
            if (value == null) return string.Empty;
            return value.Length <= MaxValueLength ? value : value.Substring(0, MaxValueLength - 3) + "...";
        }

        /// <summary>The text with every control character shown escaped (a NUL as \u0000), so none reaches a console or a log raw.</summary>
        public static string Printable(string text)
        {
            if (text == null) return string.Empty;
            var clean = true;
            foreach (var c in text)
            {
                if (char.IsControl(c))
                {
                    clean = false;
                    break;
                }
            }

            if (clean) return text;
            var escaped = new System.Text.StringBuilder(text.Length + 16);
            foreach (var c in text)
            {
                if (char.IsControl(c)) escaped.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                else escaped.Append(c);
            }

            return escaped.ToString();
        }

        private static CsvIssue Make(long line, Column? column, string value, string code, IssueSeverity severity, string message) =>
            new CsvIssue(line, column.HasValue ? ColumnNames.Of(column.Value) : string.Empty, Printable(Shorten(value)), code, severity, Printable(message));
    }
}
