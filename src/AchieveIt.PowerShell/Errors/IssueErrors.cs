using System;
using System.Management.Automation;

namespace AchieveIt.PowerShell.Errors
{
    /// <summary>How a rule issue reads, and its error record: the ID is the rule code, the target the bad input.</summary>
    internal static class IssueErrors
    {
        /// <summary>"path: line 8 (row 7, KPI-7), Status: ...", an issue in a file: its line, and the row number Submit gives it from Import-Csv.</summary>
        public static string FileText(CsvIssue issue, string path) =>
            Rules.IssueFactory.Printable(path) + ": line " + issue.Line + (issue.RowText.Length > 0 ? " (" + issue.RowText + ")" : string.Empty) + Column(issue) + ": " + issue.Message;

        /// <summary>"Input row 7 (KPI-7), Status: ...", an issue in the Nth pipeline object, with its External ID.</summary>
        public static string InputText(CsvIssue issue) =>
            "Input row " + issue.Line + (string.IsNullOrEmpty(issue.ExternalId) ? string.Empty : " (" + issue.ExternalId + ")") + Column(issue) + ": " + issue.Message;

        /// <summary>The error record of an issue, with <paramref name="text"/> as its message.</summary>
        public static ErrorRecord Make(CsvIssue issue, string text, object target) =>
            new ErrorRecord(new FormatException(text), issue.Code, ErrorCategory.InvalidData, target);

        public static ErrorRecord ForInput(CsvIssue issue, object input) => Make(issue, InputText(issue), input);

        private static string Column(CsvIssue issue) => issue.Column.Length > 0 ? ", " + issue.Column : string.Empty;
    }
}
