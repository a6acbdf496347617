using System;

namespace AchieveIt.PowerShell.Input
{
    /// <summary>
    /// -UpdateType and -Format are strings with a ValidateSet, not the core's enums: a cmdlet with a field of a core
    /// value type would make PowerShell load the core while it looks at the cmdlets, before the module's load
    /// context exists. They become the enums here.
    /// </summary>
    internal static class UpdateKinds
    {
        public const string Progress = "Progress";
        public const string Metric = "Metric";
        public const string Csv = "Csv";
        public const string Json = "Json";
        public const string MonthFirst = "MonthFirst";
        public const string DayFirst = "DayFirst";

        public static UpdateType Kind(string value) =>
            string.Equals(value, Metric, StringComparison.OrdinalIgnoreCase) ? UpdateType.Metric : UpdateType.Progress;

        public static UpdateFormat Format(string value) =>
            string.Equals(value, Json, StringComparison.OrdinalIgnoreCase) ? UpdateFormat.Json : UpdateFormat.Csv;

        /// <summary>-DateOrder as the core's order; Unstated when not given.</summary>
        public static Rules.DateOrder DateOrder(string value) =>
            string.Equals(value, DayFirst, StringComparison.OrdinalIgnoreCase) ? Rules.DateOrder.DayFirst
            : string.Equals(value, MonthFirst, StringComparison.OrdinalIgnoreCase) ? Rules.DateOrder.MonthFirst
            : Rules.DateOrder.Unstated;
    }
}
