using System;
using System.Collections.Generic;
using System.Linq;
using AchieveIt.Rules;

namespace AchieveIt.Csv
{
    /// <summary>Where each column stands in a file's rows: from its header, or the API's order without one (per kind of update).</summary>
    internal sealed class ColumnLayout
    {
        private static readonly string ProgressOrder = string.Join(", ", new[] { Column.ExternalId, Column.Status, Column.MetricValue, Column.AsOfDate, Column.Comment }.Select(ColumnNames.Of));
        private static readonly string MetricOrder = string.Join(", ", new[] { Column.ExternalId, Column.MetricValue, Column.AsOfDate, Column.Comment }.Select(ColumnNames.Of));

        private readonly int[] index;

        private ColumnLayout(int[] index, int fieldCount)
        {
            this.index = index;
            FieldCount = fieldCount;
        }

        /// <summary>The fields a row has: 4 or 5 for progress updates, 3 or 4 for metric updates.</summary>
        public static (int Without, int With) FieldCounts(UpdateType kind) => kind == UpdateType.Metric ? (3, 4) : (4, 5);

        private static int[] PositionalIndex(UpdateType kind) => kind == UpdateType.Metric ? new[] { 0, -1, 1, 2, 3 } : new[] { 0, 1, 2, 3, 4 };

        public static ColumnLayout Positional(UpdateType kind) => new ColumnLayout(PositionalIndex(kind), 0);

        /// <summary>How many fields every row must have, or 0 when the first data row decides.</summary>
        public int FieldCount { get; private set; }


        /// <summary>True when a first row is a header: any of its cells names a column.</summary>
        public static bool LooksLikeHeader(string[] fields) => fields.Any(f => ColumnNames.Parse(f).HasValue);

        /// <summary>Reads a header row, adding its problems; rows are then read through the header's order when it names every column.</summary>
        public static ColumnLayout FromHeader(long line, string[] fields, List<CsvIssue> issues, UpdateType kind = UpdateType.Progress)
        {
            var order = kind == UpdateType.Metric ? MetricOrder : ProgressOrder;
            var index = new[] { -1, -1, -1, -1, -1 };
            var usable = true;
            for (var i = 0; i < fields.Length; i++)
            {
                var column = ColumnNames.Parse(fields[i]);
                if (column == null)
                {
                    issues.Add(IssueFactory.Error(line, null, fields[i], RuleCodes.HeaderOrder,
                        $"Header column {i + 1} '{IssueFactory.Shorten(fields[i])}' is not a column AchieveIt knows. The header is: {order} (Comment optional; 'Metric Value' also accepted)."));
                    usable = false;
                }
                else if (index[(int)column.Value] >= 0)
                {
                    issues.Add(IssueFactory.Error(line, column, fields[i], RuleCodes.HeaderOrder,
                        $"The header names {ColumnNames.Of(column.Value)} twice. Keep one of them."));
                    usable = false;
                }
                else
                {
                    index[(int)column.Value] = i;
                }
            }

            if (kind == UpdateType.Metric && index[(int)Column.Status] >= 0 && usable)
            {
                issues.Add(IssueFactory.Error(line, Column.Status, fields[index[(int)Column.Status]], RuleCodes.HeaderOrder,
                    "The header has a Status column: this is a progress-updates file, not a metric-updates one. Check or send it as progress updates (-UpdateType Progress, the default)."));
                usable = false;
            }

            var required = kind == UpdateType.Metric ? new[] { Column.ExternalId, Column.MetricValue, Column.AsOfDate } : new[] { Column.ExternalId, Column.Status, Column.MetricValue, Column.AsOfDate };
            foreach (var column in required)
            {
                if (index[(int)column] < 0 && usable)
                {
                    var otherKind = kind == UpdateType.Progress && column == Column.Status && index[(int)Column.MetricValue] >= 0 && index[(int)Column.AsOfDate] >= 0
                        ? " Without Status this looks like a metric-updates file: check or send it with -UpdateType Metric."
                        : string.Empty;
                    issues.Add(IssueFactory.Error(line, column, string.Empty, RuleCodes.HeaderOrder,
                        $"The header has no {ColumnNames.Of(column)} column. The header is: {order} (Comment optional).{otherKind}"));
                    usable = false;
                }
            }

            if (!usable) return new ColumnLayout(PositionalIndex(kind), fields.Length);
            if (index[(int)Column.ExternalId] != 0)
            {
                issues.Add(IssueFactory.Error(line, Column.ExternalId, fields[0], RuleCodes.HeaderOrder,
                    $"The first column must be External ID. Put the columns in this order: {order}."));
            }
            else if (!IsApiOrder(index))
            {
                issues.Add(IssueFactory.Warning(line, null, string.Join(",", fields), RuleCodes.HeaderOrder,
                    $"The columns are in another order than the API's. Current AchieveIt reads them by header, older deployments do not: to be safe use {order}."));
            }

            if (index[(int)Column.Comment] < 0) index[(int)Column.Comment] = -1;
            return new ColumnLayout(index, fields.Length);
        }

        /// <summary>Records the field count of the first data row when there is no header.</summary>
        public void SetFieldCountIfUnknown(int count)
        {
            if (FieldCount == 0) FieldCount = count;
        }

        /// <summary>The text of a column in a row; empty when the row has no such column.</summary>
        public string Get(string[] fields, Column column)
        {
            var i = index[(int)column];
            return i >= 0 && i < fields.Length ? fields[i] : string.Empty;
        }

        private static bool IsApiOrder(int[] index)
        {
            var last = -1;
            foreach (var position in index)
            {
                if (position < 0) continue;
                if (position < last) return false;
                last = position;
            }

            return true;
        }
    }
}
