using System.Collections.Generic;

namespace AchieveIt.Rules
{
    /// <summary>
    /// Excel pads its exports with empty rows at the end, and Import-Csv turns them into objects whose every column is
    /// blank. An empty object is held here until the input shows which it is: padding when nothing but empty objects
    /// follows it (left out, with one warning counting them), or EmptyRow when a row with values comes after it.
    /// Memory stays constant however many empty objects come: only the first held row and the count are kept.
    /// </summary>
    public sealed class TrailingBlankRows
    {
        private readonly string where;
        private long first;

        /// <param name="where">What a number names: "input row" (pipeline objects).</param>
        public TrailingBlankRows(string where) => this.where = where;

        /// <summary>Empty rows held since the last row with values.</summary>
        public long Held { get; private set; }

        /// <summary>Notes an empty row; its fate is known when the next row with values, or the end, comes.</summary>
        public void Hold(long row)
        {
            if (Held == 0) first = row;
            Held++;
        }

        /// <summary>A row with values came: every empty row held before it is EmptyRow (in order, numbered as it came).</summary>
        public IEnumerable<CsvIssue> Release()
        {
            var count = Held;
            var start = first;
            Held = 0;
            for (var i = 0L; i < count; i++) yield return UpdateBuilder.EmptyRowIssue(start + i);
        }

        /// <summary>At the end of the input: the one warning for the padding left out, or null when there was none.</summary>
        public string PaddingWarning()
        {
            if (Held == 0) return null;
            var rows = Held == 1 ? $"{where} {first} is empty" : $"{where}s {first}-{first + Held - 1} are empty";
            return $"The input ends with {Held} empty row{(Held == 1 ? string.Empty : "s")} ({rows}: every value blank, as Excel pads its exports). " +
                   (Held == 1 ? "It is not an update, so it was left out." : "They are not updates, so they were left out.");
        }
    }
}
