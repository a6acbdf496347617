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

        /// <summary>
        /// The data row it is in (1 for the first row after a header), for an issue of a row of a file: the number
        /// Submit gives the same row when Import-Csv reads the file ("Input row 3"). Null for a header or the whole file.
        /// </summary>
        public long? Row { get; private set; }

        /// <summary>The External ID of the row it is in, when the row has one (shortened, control characters escaped).</summary>
        public string ExternalId { get; private set; }

        /// <summary>"row 3, KPI-7": how a person finds the row, or empty.</summary>
        public string RowText =>
            Row.HasValue
                ? "row " + Row.Value + (string.IsNullOrEmpty(ExternalId) ? string.Empty : ", " + ExternalId)
                : ExternalId ?? string.Empty;

        /// <summary>A copy that names its row and the row's External ID.</summary>
        public CsvIssue InRow(long? row, string externalId) =>
            new CsvIssue(Line, Column, Value, Code, Severity, Message)
            {
                Row = row ?? Row,
                ExternalId = string.IsNullOrWhiteSpace(externalId) ? ExternalId : Rules.IssueFactory.Printable(Rules.IssueFactory.Shorten(externalId.Trim())),
            };

        public override string ToString() =>
            "line " + Line + (RowText.Length > 0 ? " (" + RowText + ")" : string.Empty) + (Column.Length > 0 ? ", " + Column : string.Empty) + ": " + Message;
    }
}
