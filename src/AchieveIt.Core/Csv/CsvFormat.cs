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

        /// <summary>
        /// A double as the shortest text that reads back as the same double, in plain decimal notation (no
        /// exponent): 1/3 is 0.3333333333333333, 1e-30 is 0.000000000000000000000000000001, 1e20 is 100000000000000000000.
        /// </summary>
        public static string FormatMetric(double value)
        {
            var text = WithoutExponent(Shortest(value));
            return text == "-0" ? "0" : text;
        }

        /// <summary>
        /// The shortest text (G15, G16 or G17) that reads back as the same double. Not "R": .NET Framework's "R" jumps
        /// from 15 digits to 17 (1/3 as 0.33333333333333331), .NET's gives the shortest, so the same rows would make
        /// other bytes (and another journal hash) on Windows PowerShell 5.1 than on PowerShell 7.
        /// </summary>
        public static string Shortest(double value)
        {
            for (var digits = 15; digits < 17; digits++)
            {
                var text = value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                // TryParse: on .NET Framework, G15 of a value near double.MaxValue rounds up past it and Parse overflows.
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var back) && back.Equals(value)) return text;
            }

            return value.ToString("G17", CultureInfo.InvariantCulture);
        }

        /// <summary>The shortest text (G7, G8 or G9) that reads back as the same float, the same on every runtime.</summary>
        public static string Shortest(float value)
        {
            for (var digits = 7; digits < 9; digits++)
            {
                var text = value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                if (float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var back) && back.Equals(value)) return text;
            }

            return value.ToString("G9", CultureInfo.InvariantCulture);
        }

        // "1.2345E-05" -> "0.000012345"; "1E+20" -> "100000000000000000000".
        private static string WithoutExponent(string text)
        {
            var e = text.IndexOfAny(new[] { 'E', 'e' });
            if (e < 0) return text;
            var exponent = int.Parse(text.Substring(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            var mantissa = text.Substring(0, e);
            var negative = mantissa.StartsWith("-", StringComparison.Ordinal);
            if (negative) mantissa = mantissa.Substring(1);
            var dot = mantissa.IndexOf('.');
            var digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
            var point = (dot < 0 ? mantissa.Length : dot) + exponent; // where the decimal point goes in digits
            string plain;
            if (point <= 0) plain = "0." + new string('0', -point) + digits;
            else if (point >= digits.Length) plain = digits + new string('0', point - digits.Length);
            else plain = digits.Substring(0, point) + "." + digits.Substring(point);
            if (plain.IndexOf('.') >= 0) plain = plain.TrimEnd('0').TrimEnd('.');
            plain = plain.TrimStart('0');
            if (plain.Length == 0 || plain[0] == '.') plain = "0" + plain;
            return (negative ? "-" : string.Empty) + plain;
        }

        /// <summary>A date as yyyy-MM-dd in the Gregorian calendar (a th-TH session would otherwise write year 2569).</summary>
        public static string FormatDate(DateTime date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
