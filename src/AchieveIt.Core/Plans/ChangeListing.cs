using System;
using System.Globalization;
using System.Text;

namespace AchieveIt.Plans
{
    /// <summary>
    /// How a change reads on a terminal: the columns of Compare-AchieveItUpdate's table view (AchieveIt.format.ps1xml calls
    /// these) and the lines of Submit-AchieveItUpdates -WhatIf. A symbol per change type (~ Modify, = NoChange, ! Older,
    /// ? NotCompared), before -> after, the value change. A plan's text never reaches the terminal as control codes.
    /// </summary>
    public static class ChangeListing
    {
        public static string Symbol(UpdateChange change) =>
            change.ChangeType == ChangeType.Modify ? "~" : change.ChangeType == ChangeType.NoChange ? "=" : change.ChangeType == ChangeType.Older ? "!" : "?";

        public static string Id(UpdateChange change) => Printable(change.ExternalId);

        /// <summary>"On Track -> At Risk", the status alone when it stays, empty when the row gives none.</summary>
        public static string Status(UpdateChange change)
        {
            if (change.StatusAfter == null) return string.Empty;
            var before = string.IsNullOrWhiteSpace(change.StatusBefore) ? "?" : change.StatusBefore;
            var stays = string.Equals((change.StatusBefore ?? string.Empty).Trim(), change.StatusAfter, StringComparison.OrdinalIgnoreCase);
            return Printable(stays ? change.StatusAfter : before + " -> " + change.StatusAfter);
        }

        /// <summary>"0.45 -> 0.5", the value alone when it stays, empty when the row gives none.</summary>
        public static string Value(UpdateChange change)
        {
            if (change.ValueAfter == null) return string.Empty;
            if (change.ValueBefore == change.ValueAfter) return Number(change.ValueAfter);
            return (change.ValueBefore.HasValue ? Number(change.ValueBefore) : "?") + " -> " + Number(change.ValueAfter);
        }

        /// <summary>"+0.05", "-3", or empty when the value does not move or cannot be compared.</summary>
        public static string Change(UpdateChange change)
        {
            if (change.ValueChange == null || change.ValueChange == 0) return string.Empty;
            return (change.ValueChange > 0 ? "+" : string.Empty) + Number(change.ValueChange);
        }

        public static string Date(UpdateChange change) => change.AsOfDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        /// <summary>One line of the -WhatIf listing: the symbol, the ID, the status, the value, the change and the date.</summary>
        public static string Line(UpdateChange change) =>
            $"{Symbol(change)} {Fit(Id(change), 16)} {Fit(Status(change), 24)} {Fit(Value(change), 16)} {Change(change),8} {Date(change)}".TrimEnd();

        private static string Number(decimal? value) => value.Value.ToString(CultureInfo.InvariantCulture);

        private static string Fit(string text, int width) => text.Length > width ? text.Substring(0, width - 3) + "..." : text.PadRight(width);

        private static string Printable(string text)
        {
            if (string.IsNullOrEmpty(text)) return text ?? string.Empty;
            var builder = new StringBuilder(text.Length);
            foreach (var c in text) builder.Append(char.IsControl(c) ? '?' : c);
            return builder.ToString();
        }
    }
}
