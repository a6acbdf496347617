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
                return NumericDate.TryParse(text, order, out date, out problem, out slash);
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

        internal static bool Build(int year, int month, int day, int ordinal, int week, int weekday, out DateTime date, ref string problem)
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

        internal static bool Digits(string text, int start, int count, out int value)
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
