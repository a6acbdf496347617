using System;
using System.Globalization;

namespace AchieveIt.Rules
{
    /// <summary>
    /// The dates whose order of day and month is a question: M/D/YYYY as AchieveIt reads it, and under -DateOrder
    /// DayFirst the D/M/YYYY, D.M.YYYY and D-M-YYYY that day-first exports write; every other numeric form refused with
    /// a hint of its own (a two-digit year, a year first with slashes or dots, a day-first date without -DateOrder).
    /// </summary>
    internal static class NumericDate
    {
        // M/D/YYYY [time]; under -DateOrder DayFirst also D/M/YYYY, D.M.YYYY and D-M-YYYY [time] (as day-first Excel
        // exports write them). Otherwise the day-first forms are refused with a hint that names -DateOrder DayFirst; a
        // two-digit year and a year-first date with slashes or dots get hints of their own.
        public static bool TryParse(string text, DateOrder order, out DateTime date, out string problem, out SlashNumbers slash)
        {
            slash = null;
            date = default;
            problem = string.Empty;
            var space = text.IndexOf(' ');
            var datePart = space < 0 ? text : text.Substring(0, space);
            var timePart = space < 0 ? null : text.Substring(space + 1).Trim();
            var separator = datePart.IndexOfAny(new[] { '/', '.', '-' }) is int s && s > 0 ? datePart[s] : '/';
            var parts = datePart.Split(separator);
            if (parts.Length != 3 || !AllDigits(parts)) return false;
            if (parts[0].Length == 4 && parts[1].Length <= 2 && parts[2].Length <= 2)
            {
                problem = YearFirstHint(separator, parts);
                return false;
            }

            if (parts[0].Length > 2 || parts[1].Length > 2) return false;
            DateText.Digits(parts[0], 0, parts[0].Length, out var first);
            DateText.Digits(parts[1], 0, parts[1].Length, out var second);
            if (parts[2].Length == 2)
            {
                problem = TwoDigitYearHint(first, second, parts[2], separator == '/');
                return false;
            }

            if (parts[2].Length != 4) return false;
            DateText.Digits(parts[2], 0, 4, out var year);
            if (separator == '/') slash = new SlashNumbers(first, second, year);
            if (order == DateOrder.DayFirst)
            {
                if (second > 12 && first <= 12)
                {
                    problem = $" (it looks written month first, but -DateOrder DayFirst says day first: write {year:0000}-{first:00}-{second:00} if that is meant)";
                    return false;
                }

                if (timePart != null && !IsUsTime(timePart)) return false;
                return DateText.Build(year, second, first, 0, 0, 0, out date, ref problem);
            }

            if (separator != '/')
            {
                problem = DayFirstHint(year, second, first, separator == '.' ? "dots" : "dashes");
                return false;
            }

            if (first > 12 && second <= 12)
            {
                problem = DayFirstHint(year, second, first, null);
                return false;
            }

            if (timePart != null && !IsUsTime(timePart)) return false;
            return DateText.Build(year, first, second, 0, 0, 0, out date, ref problem);
        }

        private static bool AllDigits(string[] parts)
        {
            foreach (var part in parts)
            {
                if (part.Length == 0 || !DateText.Digits(part, 0, part.Length, out _)) return false;
            }

            return true;
        }

        private static bool IsDate(int year, int month, int day) =>
            year > 0 && month >= 1 && month <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

        // 05.12.2026 or 25/11/2026 without -DateOrder DayFirst: the hint names the switch that reads it and the ISO form.
        private static string DayFirstHint(int year, int month, int day, string separators)
        {
            var written = separators == null ? "it looks written day first, and AchieveIt reads slashes month first" : $"a date with {separators} is written day first";
            if (year > 0 && month >= 1 && month <= 12 && (day < 1 || day > DateTime.DaysInMonth(year, month)))
            {
                return $" ({written}, but {year:0000}-{month:00} has no day {day})";
            }

            return IsDate(year, month, day)
                ? $" ({written}: -DateOrder DayFirst reads it as {year:0000}-{month:00}-{day:00} (Submit-AchieveItUpdates -DateOrder DayFirst, with rows or -Path), or write {year:0000}-{month:00}-{day:00})"
                : $" ({written}: -DateOrder DayFirst reads day-first dates, or write yyyy-MM-dd)";
        }

        // 05/12/26: the century is a guess and so is the order; both readings are named, and the fix.
        private static string TwoDigitYearHint(int first, int second, string yearText, bool slashes)
        {
            var year = 2000 + int.Parse(yearText, CultureInfo.InvariantCulture);
            var readings = new System.Collections.Generic.List<string>();
            if (slashes && IsDate(year, first, second)) readings.Add($"{year:0000}-{first:00}-{second:00} (month first)");
            if (IsDate(year, second, first) && first != second) readings.Add($"{year:0000}-{second:00}-{first:00} (day first)");
            var could = readings.Count == 0 ? string.Empty : $": it could be {string.Join(" or ", readings)}, or a year of another century";
            return $" (the year has two digits{could}. Write the year with four digits, or yyyy-MM-dd; in Excel, format the column as yyyy-mm-dd before exporting)";
        }

        // 2026/12/05: neither ISO-8601 (which uses dashes) nor M/D/YYYY, and AchieveIt documents no other form, so it
        // is refused rather than guessed; the fix is the ISO date, which reads the same.
        private static string YearFirstHint(char separator, string[] parts)
        {
            DateText.Digits(parts[0], 0, 4, out var year);
            DateText.Digits(parts[1], 0, parts[1].Length, out var month);
            DateText.Digits(parts[2], 0, parts[2].Length, out var day);
            var iso = IsDate(year, month, day) ? $"{year:0000}-{month:00}-{day:00}" : "yyyy-MM-dd";
            return $" (year first with {(separator == '/' ? "slashes" : separator == '.' ? "dots" : "dashes")} is neither ISO-8601 nor M/D/YYYY, the forms AchieveIt documents, so it is not guessed: write {iso})";
        }

        // h:mm[:ss][ AM|PM] (12-hour with AM/PM, or 24-hour without).
        private static bool IsUsTime(string text)
        {
            var upper = text.ToUpperInvariant();
            var twelve = upper.EndsWith("AM", StringComparison.Ordinal) || upper.EndsWith("PM", StringComparison.Ordinal);
            var clock = twelve ? upper.Substring(0, upper.Length - 2).TrimEnd() : upper;
            var parts = clock.Split(':');
            if (parts.Length < 2 || parts.Length > 3) return false;
            if (parts[0].Length < 1 || parts[0].Length > 2 || !DateText.Digits(parts[0], 0, parts[0].Length, out var hour)) return false;
            if (parts[1].Length != 2 || !DateText.Digits(parts[1], 0, 2, out var minute) || minute > 59) return false;
            if (parts.Length == 3 && (parts[2].Length != 2 || !DateText.Digits(parts[2], 0, 2, out var second) || second > 59)) return false;
            return twelve ? hour >= 1 && hour <= 12 : hour <= 23;
        }
    }
}
