namespace AchieveIt
{
    /// <summary>One problem found in a CSV file or an input row: where it is, what it is, and what to do.</summary>
    public sealed class CsvIssue
    {
        public CsvIssue(long line, string column, string value, string code, IssueSeverity severity, string message)
        {
            Line = line;
            Column = column ?? string.Empty;
            Value = value ?? string.Empty;
            Code = code;
            Severity = severity;
            Message = message;
        }

        /// <summary>The 1-based line number as an editor shows it (for input objects: the 1-based row number).</summary>
        public long Line { get; }

        /// <summary>The column's name, or empty when the issue is about the whole row or file.</summary>
        public string Column { get; }

        /// <summary>The offending value, shortened when long.</summary>
        public string Value { get; }

        /// <summary>The stable rule code, such as InvalidStatus.</summary>
        public string Code { get; }

        public IssueSeverity Severity { get; }

        /// <summary>A sentence that names the problem and the fix.</summary>
        public string Message { get; }

        public override string ToString() =>
            "line " + Line + (Column.Length > 0 ? ", " + Column : string.Empty) + ": " + Message;
    }
}
