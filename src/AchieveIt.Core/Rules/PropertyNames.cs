using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace AchieveIt.Rules
{
    /// <summary>
    /// Judges the property names of input objects against the columns: which are used, which are not (and are
    /// therefore dropped, which the user must hear about), which column an unused name probably meant, and whether
    /// the names show a file read with the wrong delimiter.
    /// </summary>
    public static class PropertyNames
    {
        private static readonly Dictionary<string, Column> Synonyms = new Dictionary<string, Column>(StringComparer.OrdinalIgnoreCase)
        {
            ["note"] = Column.Comment, ["notes"] = Column.Comment, ["remark"] = Column.Comment, ["remarks"] = Column.Comment,
            ["commentary"] = Column.Comment, ["description"] = Column.Comment, ["comments"] = Column.Comment,
            ["state"] = Column.Status, ["statuses"] = Column.Status,
            ["actual"] = Column.MetricValue, ["metric"] = Column.MetricValue, ["amount"] = Column.MetricValue, ["score"] = Column.MetricValue,
            ["asof"] = Column.AsOfDate, ["reportdate"] = Column.AsOfDate, ["period"] = Column.AsOfDate,
            ["externalid"] = Column.ExternalId, ["extid"] = Column.ExternalId, ["itemid"] = Column.ExternalId, ["key"] = Column.ExternalId,
        };

        /// <summary>True when the name is one a column is read from (any case).</summary>
        public static bool IsUsed(string name) =>
            InputNames.ByColumn.Any(names => names.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)));

        /// <summary>The column an unused name probably meant, or null.</summary>
        public static Column? Suggest(string name)
        {
            var normal = Normal(name);
            if (normal.Length == 0) return null;
            if (Synonyms.TryGetValue(normal, out var synonym)) return synonym;
            var tokens = Tokens(name);
            foreach (Column column in Enum.GetValues(typeof(Column)))
            {
                var candidates = InputNames.ByColumn[(int)column].Concat(new[] { ColumnNames.Of(column) }).ToArray();
                // Every word of the name is a word of the column's ("Current Value" -> Current Metric Value).
                if (tokens.Count > 0 && candidates.Any(c => tokens.All(t => Tokens(c).Contains(t)))) return column;
                // A slip of a letter or two ("Staus", "Coment", "As Of Dte").
                if (normal.Length >= 4 && candidates.Any(c => EditDistance.Between(normal, Normal(c)) <= (normal.Length >= 8 ? 2 : 1))) return column;
            }

            return null;
        }

        /// <summary>
        /// The warning for names that match no column, or null when all are used. <paramref name="names"/> are the
        /// properties of one object; the message names the unused ones, what they probably meant, and every accepted name.
        /// </summary>
        public static string UnusedWarning(IEnumerable<string> names)
        {
            var all = names.Where(n => !string.IsNullOrEmpty(n)).ToList();
            var unused = all.Where(n => !IsUsed(n)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (unused.Count == 0) return null;
            if (all.Count == 1 && all[0].IndexOf(';') >= 0)
            {
                return $"The input objects have one property, '{Shorten(all[0])}', whose name holds semicolons: the file was read with the wrong delimiter, so no column can be found. " +
                    "Read it with Import-Csv -Delimiter ';' (files saved by Excel in many European locales use semicolons).";
            }

            var text = new StringBuilder("The input objects have properties that match no column and are not used: ");
            text.Append(string.Join(", ", unused.Select(n => Suggest(n) is Column c ? $"'{n}' (did you mean {ColumnNames.Of(c)}?)" : $"'{n}'")));
            text.Append(". Accepted names (any case): ");
            text.Append(string.Join("; ", Enum.GetValues(typeof(Column)).Cast<Column>().Select(c => ColumnNames.Of(c) + ": " + string.Join(", ", InputNames.ByColumn[(int)c]))));
            text.Append(". Rename a column in the source, or with Select-Object @{ Name = 'Current Metric Value'; Expression = { $_.'Current Value' } }.");
            return text.ToString();
        }

        private static string Shorten(string text) => text.Length <= 80 ? text : text.Substring(0, 77) + "...";

        private static string Normal(string name) => new string((name ?? string.Empty).Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

        // "Current Value", "current_value", "CurrentValue" -> {current, value}
        private static HashSet<string> Tokens(string name)
        {
            var tokens = new HashSet<string>(StringComparer.Ordinal);
            var word = new StringBuilder();
            void Flush()
            {
                if (word.Length > 0) tokens.Add(word.ToString().ToLowerInvariant());
                word.Clear();
            }

            foreach (var c in name ?? string.Empty)
            {
                if (!char.IsLetterOrDigit(c)) Flush();
                else
                {
                    if (char.IsUpper(c) && word.Length > 0 && char.IsLower(word[word.Length - 1])) Flush();
                    word.Append(c);
                }
            }

            Flush();
            return tokens;
        }
    }
}
