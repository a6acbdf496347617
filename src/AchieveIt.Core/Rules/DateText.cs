using System;
using System.Globalization;

namespace AchieveIt.Rules
{
    /// <summary>
    /// Reads the date part of what the vendor promises to accept: any ISO-8601 date or date-time (calendar, week
    /// and ordinal dates, basic or extended form, with or without a time and an offset), and US M/D/YYYY with or
    /// without a time (12 or 24 hour, seconds optional). The date is taken as written: a time and an offset are
    /// checked but dropped, never used to move the date to another day. Day-first forms get a hint.
    /// </summary>
    internal static class DateText
    {
        public static bool TryParse(string text, out DateTime date, out string problem) => TryParse(text, DateOrder.Unstated, out date, out problem, out _);

        /// <summary>
        /// Reads a date, slashes in the order given (month first unless DayFirst); <paramref name="slash"/> gives a slash
        /// date's two numbers as written, parsed or not, for <see cref="DateConvention"/>.
        /// </summary>
        public static bool TryParse(string text, DateOrder order, out DateTime date, out string problem, out SlashNumbers slash)
        {
            slash = null;
            date = default;
            problem = string.Empty;
            var split = TimeStart(text);
            var datePart = split < 0 ? text : text.Substring(0, split);
            var timePart = split < 0 ? null : text.Substring(split);
            if (IsNumericForm(datePart))
            {
                return TryNumericDate(text, order, out date, out problem, out slash);
            }

            if (!TryIsoDate(datePart, out var year, out var month, out var day, out var ordinal, out var week, out var weekday, out problem)) return false;
            if (timePart != null && !IsIsoTime(timePart, 1)) return false;
            return Build(year, month, day, ordinal, week, weekday, out date, ref problem);
        }

        // Slashes, dots, or D-M-YYYY dashes: the forms whose order of day and month is a question, never ISO-8601.
        private static bool IsNumericForm(string datePart) =>
            datePart.IndexOf('/') >= 0 || datePart.IndexOf('.') >= 0 || (datePart.Length <= 10 && datePart.Length >= 8 && datePart.IndexOf('-') is int d && d > 0 && d <= 2);

        /// <summary>True for a date written day first that only -DateOrder DayFirst reads (D/M/YYYY, D.M.YYYY, D-M-YYYY): sent as rows, it is rewritten as yyyy-MM-dd.</summary>
        internal static bool NeedsRewriting(string text, DateOrder order)
        {
            if (order != DateOrder.DayFirst) return false;
            var split = TimeStart(text);
            var datePart = split < 0 ? text : text.Substring(0, split);
            return IsNumericForm(datePart);
        }

        // Where an ISO time starts: at 'T' (or a space, as SQL tools write it) after the date.
        private static int TimeStart(string text)
        {
            for (var i = 4; i < text.Length; i++)
            {
                var c = text[i];
                if (c == 'T' || c == 't' || c == ' ') return i;
            }

            return -1;
        }

        private static bool TryIsoDate(string text, out int year, out int month, out int day, out int ordinal, out int week, out int weekday, out string problem)
        {
            year = month = day = ordinal = week = weekday = 0;
            problem = string.Empty;
            if (text.Length < 7 || !Digits(text, 0, 4, out year)) return false;
            var rest = text.Substring(4);
            var extended = rest.StartsWith("-", StringComparison.Ordinal);
            if (extended) rest = rest.Substring(1);
            if (rest.StartsWith("W", StringComparison.OrdinalIgnoreCase))
            {
                // Week date: YYYY-Www-D or YYYYWwwD.
                rest = rest.Substring(1);
                if (!Digits(rest, 0, 2, out week)) return false;
                if (week == 0)
                {
                    problem = " (week 00 does not exist: ISO weeks are numbered from 01)";
                    return false;
                }

                rest = rest.Substring(2);
                if (extended && rest.StartsWith("-", StringComparison.Ordinal)) rest = rest.Substring(1);
                if (rest.Length != 1 || !Digits(rest, 0, 1, out weekday)) return false;
                if (weekday < 1 || weekday > 7)
                {
                    problem = " (day " + weekday + " of a week does not exist: 1 is Monday, 7 is Sunday)";
                    return false;
                }

                return true;
            }

            if (extended && rest.Length == 3 && Digits(rest, 0, 3, out ordinal)) return true; // YYYY-DDD
            if (!extended && rest.Length == 3 && Digits(rest, 0, 3, out ordinal)) return true; // YYYYDDD
            if (extended && rest.Length == 5 && rest[2] == '-' && Digits(rest, 0, 2, out month) && Digits(rest, 3, 2, out day)) return true;
            if (!extended && rest.Length == 4 && Digits(rest, 0, 2, out month) && Digits(rest, 2, 2, out day)) return true;
            return false;
        }

        private static bool Build(int year, int month, int day, int ordinal, int week, int weekday, out DateTime date, ref string problem)
        {
            date = default;
            if (year < 1)
            {
                problem = " (year " + year + " does not exist)";
                return false;
            }

            if (week > 0)
            {
                var weeks = WeeksIn(year);
                if (week > weeks)
                {
                    problem = " (" + year + " has " + weeks + " ISO weeks)";
                    return false;
                }

                var jan4 = new DateTime(year, 1, 4);
                var mondayOfWeek1 = jan4.AddDays(-(((int)jan4.DayOfWeek + 6) % 7));
                var days = (week - 1) * 7 + weekday - 1;
                if (days > (DateTime.MaxValue.Date - mondayOfWeek1).TotalDays)
                {
                    problem = " (a day after 9999-12-31, the last date a calendar here holds)";
                    return false;
                }

                date = mondayOfWeek1.AddDays(days);
                return true;
            }

            if (ordinal > 0)
            {
                var days = DateTime.IsLeapYear(year) ? 366 : 365;
                if (ordinal > days)
                {
                    problem = " (" + year + " has " + days + " days)";
                    return false;
                }

                date = new DateTime(year, 1, 1).AddDays(ordinal - 1);
                return true;
            }

            if (month < 1 || month > 12)
            {
                problem = " (month " + month + " does not exist)";
                return false;
            }

            if (day < 1 || day > DateTime.DaysInMonth(year, month))
            {
                problem = " (" + year + "-" + month.ToString("00", CultureInfo.InvariantCulture) + " has no day " + day + ")";
                return false;
            }

            date = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified);
            return true;
        }

        private static int WeeksIn(int year)
        {
            var jan1 = new DateTime(year, 1, 1).DayOfWeek;
            return jan1 == DayOfWeek.Thursday || (DateTime.IsLeapYear(year) && jan1 == DayOfWeek.Wednesday) ? 53 : 52;
        }

        // M/D/YYYY [time]; under -DateOrder DayFirst also D/M/YYYY, D.M.YYYY and D-M-YYYY [time] (as day-first Excel
        // exports write them). Otherwise the day-first forms are refused with a hint that names -DateOrder DayFirst; a
        // two-digit year and a year-first date with slashes or dots get hints of their own.
        private static bool TryNumericDate(string text, DateOrder order, out DateTime date, out string problem, out SlashNumbers slash)
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
            Digits(parts[0], 0, parts[0].Length, out var first);
            Digits(parts[1], 0, parts[1].Length, out var second);
            if (parts[2].Length == 2)
            {
                problem = TwoDigitYearHint(first, second, parts[2], separator == '/');
                return false;
            }

            if (parts[2].Length != 4) return false;
            Digits(parts[2], 0, 4, out var year);
            if (separator == '/') slash = new SlashNumbers(first, second, year);
            if (order == DateOrder.DayFirst)
            {
                if (second > 12 && first <= 12)
                {
                    problem = $" (it looks written month first, but -DateOrder DayFirst says day first: write {year:0000}-{first:00}-{second:00} if that is meant)";
                    return false;
                }

                if (timePart != null && !IsUsTime(timePart)) return false;
                return Build(year, second, first, 0, 0, 0, out date, ref problem);
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
            return Build(year, first, second, 0, 0, 0, out date, ref problem);
        }

        private static bool AllDigits(string[] parts)
        {
            foreach (var part in parts)
            {
                if (part.Length == 0 || !Digits(part, 0, part.Length, out _)) return false;
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
                ? $" ({written}: -DateOrder DayFirst reads it as {year:0000}-{month:00}-{day:00} on the rows form (Import-Csv file.csv | Submit-AchieveItUpdates -DateOrder DayFirst), or write {year:0000}-{month:00}-{day:00})"
                : $" ({written}: -DateOrder DayFirst reads day-first dates on the rows form, or write yyyy-MM-dd)";
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
            Digits(parts[0], 0, 4, out var year);
            Digits(parts[1], 0, parts[1].Length, out var month);
            Digits(parts[2], 0, parts[2].Length, out var day);
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
            if (parts[0].Length < 1 || parts[0].Length > 2 || !Digits(parts[0], 0, parts[0].Length, out var hour)) return false;
            if (parts[1].Length != 2 || !Digits(parts[1], 0, 2, out var minute) || minute > 59) return false;
            if (parts.Length == 3 && (parts[2].Length != 2 || !Digits(parts[2], 0, 2, out var second) || second > 59)) return false;
            return twelve ? hour >= 1 && hour <= 12 : hour <= 23;
        }

        // Accepts hh, hh:mm[:ss[.fff]] or hhmm[ss[.fff]], then Z, ±hh, ±hh:mm or ±hhmm: the forms of ISO-8601.
        private static bool IsIsoTime(string text, int i)
        {
            if (!Digits(text, i, 2, out var hour) || hour > 24) return false;
            i += 2;
            var extended = i < text.Length && text[i] == ':';
            if (extended) i++;
            if (i < text.Length && char.IsDigit(text[i]))
            {
                if (!Digits(text, i, 2, out var minute) || minute > 59) return false;
                i += 2;
                if (extended ? i < text.Length && text[i] == ':' : i < text.Length && char.IsDigit(text[i]))
                {
                    if (extended) i++;
                    if (!Digits(text, i, 2, out var second) || second > 60) return false;
                    i += 2;
                    if (i < text.Length && (text[i] == '.' || text[i] == ','))
                    {
                        var start = ++i;
                        while (i < text.Length && char.IsDigit(text[i])) i++;
                        if (i == start) return false;
                    }
                }
            }
            else if (extended)
            {
                return false;
            }

            if (i == text.Length) return true;
            if ((text[i] == 'Z' || text[i] == 'z') && i + 1 == text.Length) return true;
            if (text[i] != '+' && text[i] != '-') return false;
            i++;
            if (!Digits(text, i, 2, out var offsetHours) || offsetHours > 14) return false;
            i += 2;
            if (i == text.Length) return true;
            if (text[i] == ':') i++;
            return Digits(text, i, 2, out var offsetMinutes) && offsetMinutes <= 59 && i + 2 == text.Length;
        }

        private static bool Digits(string text, int start, int count, out int value)
        {
            value = 0;
            if (start < 0 || count <= 0 || start + count > text.Length) return false;
            for (var i = start; i < start + count; i++)
            {
                var c = text[i];
                if (c < '0' || c > '9') return false;
                value = value * 10 + (c - '0');
            }

            return true;
        }
    }
}

namespace AchieveIt.Rules
{
    /// <summary>A slash date's two numbers and its year, as written (first/second/year).</summary>
    internal sealed class SlashNumbers
    {
        public SlashNumbers(int first, int second, int year)
        {
            First = first;
            Second = second;
            Year = year;
        }

        public int First { get; }

        public int Second { get; }

        public int Year { get; }
    }
}
