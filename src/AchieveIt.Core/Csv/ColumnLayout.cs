using System;
using System.Collections.Generic;
using System.Linq;
using AchieveIt.Rules;

namespace AchieveIt.Csv
{
    /// <summary>Where each column stands in a file's rows: from its header, or the API's order without one.</summary>
    internal sealed class ColumnLayout
    {
        private static readonly string Order = string.Join(", ", new[] { Column.ExternalId, Column.Status, Column.MetricValue, Column.AsOfDate, Column.Comment }.Select(ColumnNames.Of));

        private readonly int[] index;

        private ColumnLayout(int[] index, int fieldCount)
        {
            this.index = index;
            FieldCount = fieldCount;
        }

        /// <summary>How many fields every row must have, or 0 when the first data row decides.</summary>
        public int FieldCount { get; private set; }

        public static ColumnLayout Positional() => new ColumnLayout(new[] { 0, 1, 2, 3, 4 }, 0);

        /// <summary>True when a first row is a header: any of its cells names a column.</summary>
        public static bool LooksLikeHeader(string[] fields) => fields.Any(f => ColumnNames.Parse(f).HasValue);

        /// <summary>Reads a header row, adding its problems; rows are then read through the header's order when it names every column.</summary>
        public static ColumnLayout FromHeader(long line, string[] fields, List<CsvIssue> issues)
        {
            var index = new[] { -1, -1, -1, -1, -1 };
            var usable = true;
            for (var i = 0; i < fields.Length; i++)
            {
                var column = ColumnNames.Parse(fields[i]);
                if (column == null)
                {
                    issues.Add(IssueFactory.Error(line, null, fields[i], RuleCodes.HeaderOrder,
                        $"Header column {i + 1} '{IssueFactory.Shorten(fields[i])}' is not a column AchieveIt knows. The header is: {Order} (Comment optional; 'Metric Value' also accepted)."));
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

            foreach (var required in new[] { Column.ExternalId, Column.Status, Column.MetricValue, Column.AsOfDate })
            {
                if (index[(int)required] < 0 && usable)
                {
                    issues.Add(IssueFactory.Error(line, required, string.Empty, RuleCodes.HeaderOrder,
                        $"The header has no {ColumnNames.Of(required)} column. The header is: {Order} (Comment optional)."));
                    usable = false;
                }
            }

            if (!usable) return new ColumnLayout(new[] { 0, 1, 2, 3, 4 }, fields.Length);
            if (index[(int)Column.ExternalId] != 0)
            {
                issues.Add(IssueFactory.Error(line, Column.ExternalId, fields[0], RuleCodes.HeaderOrder,
                    $"The first column must be External ID. Put the columns in this order: {Order}."));
            }
            else if (!IsApiOrder(index))
            {
                issues.Add(IssueFactory.Warning(line, null, string.Join(",", fields), RuleCodes.HeaderOrder,
                    $"The columns are in another order than the API's. Current AchieveIt reads them by header, older deployments do not: to be safe use {Order}."));
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
