using System;
using System.Management.Automation;

namespace AchieveIt.PowerShell.Errors
{
    /// <summary>Turns a rule issue into an error record whose ID is the rule code and whose target is the bad input.</summary>
    internal static class IssueErrors
    {
        /// <summary>An issue in a file: "path: line 7, Status: ...".</summary>
        public static ErrorRecord ForFile(CsvIssue issue, string path) =>
            Make(issue, path, path + ": line " + issue.Line + Column(issue) + ": " + issue.Message);

        /// <summary>An issue in the Nth pipeline object: "Input row 7, Status: ...".</summary>
        public static ErrorRecord ForInput(CsvIssue issue, object input) =>
            Make(issue, input, "Input row " + issue.Line + Column(issue) + ": " + issue.Message);

        private static string Column(CsvIssue issue) => issue.Column.Length > 0 ? ", " + issue.Column : string.Empty;

        private static ErrorRecord Make(CsvIssue issue, object target, string message) =>
            new ErrorRecord(new FormatException(message), issue.Code, ErrorCategory.InvalidData, target);
    }
}
