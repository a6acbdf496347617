using System;
using System.Globalization;

namespace AchieveIt.Csv
{
    /// <summary>How values are written on the wire: invariant culture, whatever the session's culture is.</summary>
    public static class CsvFormat
    {
        /// <summary>A number with no exponent, no thousands separator and no trailing zeros; empty for null.</summary>
        public static string FormatMetric(decimal? value)
        {
            if (!value.HasValue) return string.Empty;
            var text = value.Value.ToString(CultureInfo.InvariantCulture);
            if (text.IndexOf('.') >= 0) text = text.TrimEnd('0').TrimEnd('.');
            return text == "-0" ? "0" : text;
        }

        /// <summary>A date as yyyy-MM-dd in the Gregorian calendar (a th-TH session would otherwise write year 2569).</summary>
        public static string FormatDate(DateTime date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
