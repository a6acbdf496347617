using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AchieveIt.Csv;
using AchieveIt.Http;
using AchieveIt.Rules;

namespace AchieveIt.Plans
{
    /// <summary>
    /// A plan as a CSV file: a header naming an External ID column (External ID, ExternalId, external_id: case,
    /// spaces and underscores are ignored), optionally a HasMetric column (true/false, yes/no, 1/0), any other columns
    /// (ignored by the check). Get-AchieveItPlanItem | Export-Csv writes one; so does the sandbox's --items file.
    /// A file that is itself wrong is PlanItemsInvalid, naming the fix.
    /// </summary>
    public static class PlanFile
    {
        /// <summary>The most columns a plan file may have (an export with every custom field is wide, but not this wide).</summary>
        public const int MaxColumns = 4096;

        /// <summary>Reads the plan's items into the check's form; <paramref name="each"/>, when given, sees every row on the way (the same one read).</summary>
        public static PlanItems Read(string path, Action<PlanFileRow> each = null)
        {
            var builder = new PlanItems.Builder($"plan file '{path}'");
            foreach (var row in Rows(path))
            {
                builder.Add(row.ExternalId, row.HasMetric, "line " + row.Line);
                each?.Invoke(row);
            }

            return builder.Build();
        }

        /// <summary>The file's rows with their columns by header name, read as they are needed (the sandbox's catalogue uses the other columns).</summary>
        public static IEnumerable<PlanFileRow> Rows(string path)
        {
            var source = $"plan file '{path}'";
            if (Directory.Exists(path)) throw Invalid(source, "is a folder, not a file. Give the path of the plan's CSV file.");
            if (!File.Exists(path)) throw Invalid(source, "does not exist. Export the plan (Get-AchieveItPlanItem -PlanId <id> | Export-Csv plan.csv), or give the right path.");
            return Read(path, source);
        }

        /// <summary>A column name as compared: no case, spaces, underscores or hyphens ("External ID" = "externalId" = "external_id").</summary>
        public static string NameKey(string name) =>
            new string((name ?? string.Empty).Where(c => !char.IsWhiteSpace(c) && c != '_' && c != '-').Select(char.ToLowerInvariant).ToArray());

        /// <summary>Reads a HasMetric value; null for empty, and an exception for text that is no yes or no.</summary>
        public static bool? ParseFlag(string text)
        {
            switch ((text ?? string.Empty).Trim().ToLowerInvariant())
            {
                case "": return null;
                case "true": case "yes": case "1": case "y": return true;
                case "false": case "no": case "0": case "n": return false;
                default: throw new FormatException($"'{IssueFactory.Shorten(text)}' is not true or false");
            }
        }

        private static IEnumerable<PlanFileRow> Read(string path, string source)
        {
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan))
            {
                var first = stream.ReadByte();
                var second = stream.ReadByte();
                if ((first == 0xFF && second == 0xFE) || (first == 0xFE && second == 0xFF))
                {
                    throw Invalid(source, "is UTF-16 (as Windows PowerShell's Out-File and > write). Save it as UTF-8: Export-Csv -Encoding utf8, or Out-File -Encoding utf8.");
                }

                stream.Position = 0;
            }

            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan))
            using (var reader = new CsvRecordReader(stream, MaxColumns))
            {
                Dictionary<string, int> columns = null;
                int idColumn = -1, metricColumn = -1;
                var any = false;
                while (reader.TryRead(out var record))
                {
                    if (record.IsTooLong) throw Invalid(source, $"line {record.Line} holds a field over {CsvRecordReader.MaxFieldLength / 1024} KiB: this is not a plan export.");
                    if (record.HasTooManyFields) throw Invalid(source, $"line {record.Line} has more than {MaxColumns} columns: this is not a plan export.");
                    if (record.IsBlank) continue;
                    if (record.HasBadQuotes) throw Invalid(source, $"line {record.Line} has a misplaced or unclosed quote, so its columns cannot be told apart. Export the plan again.");
                    var fields = record.Fields;
                    if (columns == null)
                    {
                        if (fields[0].StartsWith("#TYPE", StringComparison.OrdinalIgnoreCase)) continue; // Windows PowerShell's Export-Csv: harmless here
                        columns = Header(fields, source, out idColumn, out metricColumn);
                        continue;
                    }

                    any = true;
                    bool? hasMetric;
                    try
                    {
                        hasMetric = metricColumn >= 0 && metricColumn < fields.Length ? ParseFlag(fields[metricColumn]) : null;
                    }
                    catch (FormatException e)
                    {
                        throw Invalid(source, $"line {record.Line}, column HasMetric: {e.Message}. Write true or false (or leave it empty when unknown).");
                    }

                    yield return new PlanFileRow(record.Line, idColumn < fields.Length ? fields[idColumn] : null, hasMetric, columns, fields);
                }

                if (columns == null) throw Invalid(source, "is empty. Export the plan again: the file needs a header with an External ID column and a row per plan item.");
                if (!any) throw Invalid(source, "has a header but no items. Export the plan again (or check the plan ID): updates cannot be checked against an empty plan.");
            }
        }

        private static Dictionary<string, int> Header(string[] fields, string source, out int idColumn, out int metricColumn)
        {
            var columns = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < fields.Length; i++)
            {
                var key = NameKey(fields[i]);
                if (!columns.ContainsKey(key)) columns.Add(key, i);
            }

            if (fields.Count(f => NameKey(f) == "externalid") > 1)
            {
                throw Invalid(source, "names an External ID column more than once (External ID, ExternalId, external_id are one name): keep one, so it is clear which holds the IDs.");
            }

            if (!columns.TryGetValue("externalid", out idColumn))
            {
                if (fields.Length == 1 && fields[0].IndexOf(';') >= 0)
                {
                    throw Invalid(source, "separates its columns with semicolons. Save it with commas (in Excel: 'CSV UTF-8 (Comma delimited)'), or give -PlanItems (Import-Csv plan.csv -Delimiter ';').");
                }

                throw Invalid(source, $"has no External ID column (its first line is: {IssueFactory.Shorten(string.Join(",", fields))}). " +
                                      "The first line must name the columns, one of them External ID (or ExternalId, as Get-AchieveItPlanItem | Export-Csv writes it).");
            }

            metricColumn = columns.TryGetValue("hasmetric", out var metric) ? metric : -1;
            return columns;
        }

        private static AchieveItException Invalid(string source, string message) => new AchieveItException(ErrorIds.PlanItemsInvalid, $"The {source} {message}");
    }

    /// <summary>One row of a plan file.</summary>
    public sealed class PlanFileRow
    {
        private readonly Dictionary<string, int> columns;
        private readonly string[] fields;

        internal PlanFileRow(long line, string externalId, bool? hasMetric, Dictionary<string, int> columns, string[] fields)
        {
            Line = line;
            ExternalId = externalId;
            HasMetric = hasMetric;
            this.columns = columns;
            this.fields = fields;
        }

        public long Line { get; }

        public string ExternalId { get; }

        /// <summary>What the HasMetric column says, or null (no column, or empty).</summary>
        public bool? HasMetric { get; }

        /// <summary>Another column's value by name (compared as <see cref="PlanFile.NameKey"/>), or null.</summary>
        public string Column(string name) => Field(IndexOf(name));

        /// <summary>The index of a column by name (compared as <see cref="PlanFile.NameKey"/>), or -1: found once, then read by <see cref="Field"/> on every row.</summary>
        public int IndexOf(string name) => columns.TryGetValue(PlanFile.NameKey(name), out var i) ? i : -1;

        /// <summary>A column's value by index, or null (no such column, or the row is short).</summary>
        public string Field(int index) => index >= 0 && index < fields.Length ? fields[index] : null;
    }
}
