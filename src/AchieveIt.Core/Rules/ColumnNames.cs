using System;

namespace AchieveIt.Rules
{
    /// <summary>The header names of the columns, and the spellings accepted when reading a header.</summary>
    public static class ColumnNames
    {
        public const string ExternalId = "External ID";
        public const string Status = "Status";
        public const string MetricValue = "Current Metric Value";
        public const string ShortMetricValue = "Metric Value";
        public const string AsOfDate = "As Of Date";
        public const string Comment = "Comment";

        /// <summary>The name a column is written and reported under.</summary>
        public static string Of(Column column)
        {
            switch (column)
            {
                case Column.ExternalId: return ExternalId;
                case Column.Status: return Status;
                case Column.MetricValue: return MetricValue;
                case Column.AsOfDate: return AsOfDate;
                default: return Comment;
            }
        }

        /// <summary>The column a header cell names, or null when it names none.</summary>
        public static Column? Parse(string headerCell)
        {
            var name = (headerCell ?? string.Empty).Trim();
            if (Is(name, ExternalId)) return Column.ExternalId;
            if (Is(name, Status)) return Column.Status;
            if (Is(name, MetricValue) || Is(name, ShortMetricValue)) return Column.MetricValue;
            if (Is(name, AsOfDate)) return Column.AsOfDate;
            if (Is(name, Comment)) return Column.Comment;
            return null;
        }

        private static bool Is(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }
}
