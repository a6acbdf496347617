using System.Collections.Generic;

namespace AchieveIt.Rules
{
    /// <summary>
    /// The property names people's objects actually have for each column (Import-Csv headers, SQL column names,
    /// hand-made objects), in the order they are tried. New-AchieveItUpdate's parameter aliases are the same list.
    /// </summary>
    public static class InputNames
    {
        public static readonly IReadOnlyList<string> ExternalId = new[] { "ExternalId", "External ID", "Id" };
        public static readonly IReadOnlyList<string> Status = new[] { "Status" };
        public static readonly IReadOnlyList<string> MetricValue = new[] { "MetricValue", "Current Metric Value", "Metric Value", "CurrentMetricValue", "Value" };
        public static readonly IReadOnlyList<string> AsOfDate = new[] { "AsOfDate", "As Of Date", "Date" };
        public static readonly IReadOnlyList<string> Comment = new[] { "Comment" };

        /// <summary>The names for a column, by <see cref="Column"/> index.</summary>
        public static readonly IReadOnlyList<IReadOnlyList<string>> ByColumn = new[] { ExternalId, Status, MetricValue, AsOfDate, Comment };
    }
}
