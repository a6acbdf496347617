using System;

namespace AchieveIt.Rules
{
    /// <summary>
    /// Reads the date part of an ISO-8601 date or date-time, or of a US MM/DD/YYYY date. The date is taken as
    /// written: a time and an offset are checked but dropped, never used to move the date to another day.
    /// </summary>
    internal static class DateText
    {
        public static bool TryParse(string text, out DateTime date, out string problem)
        {
            date = default;
            problem = string.Empty;
            int year, month, day, rest;
            var iso = text.Length >= 10 && text[4] == '-' && text[7] == '-';
            if (iso)
            {
                if (!Digits(text, 0, 4, out year) || !Digits(text, 5, 2, out month) || !Digits(text, 8, 2, out day)) return false;
                rest = 10;
            }
            else if (!TryUsDate(text, out year, out month, out day, out rest))
            {
                return false;
            }

            if (rest < text.Length && !IsIsoTime(text, rest)) return false;
            if (month < 1 || month > 12)
            {
                problem = !iso && month > 12 && day <= 12 ? " (month " + month + " does not exist; is it written day first?)" : " (month " + month + " does not exist)";
                return false;
            }

            if (year < 1 || day < 1 || day > DateTime.DaysInMonth(year, month))
            {
                problem = " (" + year + "-" + month.ToString("00") + " has no day " + day + ")";
                return false;
            }

            date = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified);
            return true;
        }

        private static bool TryUsDate(string text, out int year, out int month, out int day, out int rest)
        {
            year = month = day = rest = 0;
            var first = text.IndexOf('/');
            if (first < 1 || first > 2) return false;
            var second = text.IndexOf('/', first + 1);
            if (second - first < 2 || second - first > 3) return false;
            rest = second + 5;
            if (text.Length < rest) return false;
            return Digits(text, 0, first, out month) && Digits(text, first + 1, second - first - 1, out day) &&
                   Digits(text, second + 1, 4, out year) && rest == text.Length;
        }

        // Accepts [T| ]hh:mm[:ss[.fff]][Z|±hh[:mm]]: the forms ISO-8601 and SQL tools write.
        private static bool IsIsoTime(string text, int i)
        {
            if (text[i] != 'T' && text[i] != 't' && text[i] != ' ') return false;
            i++;
            if (!Digits(text, i, 2, out var hour) || i + 5 > text.Length || text[i + 2] != ':' || !Digits(text, i + 3, 2, out var minute)) return false;
            if (hour > 24 || minute > 59) return false;
            i += 5;
            if (i < text.Length && text[i] == ':')
            {
                if (!Digits(text, i + 1, 2, out var second) || second > 60) return false;
                i += 3;
                if (i < text.Length && (text[i] == '.' || text[i] == ','))
                {
                    var start = ++i;
                    while (i < text.Length && char.IsDigit(text[i])) i++;
                    if (i == start) return false;
                }
            }

            if (i == text.Length) return true;
            if ((text[i] == 'Z' || text[i] == 'z') && i + 1 == text.Length) return true;
            if (text[i] != '+' && text[i] != '-') return false;
            i++;
            if (!Digits(text, i, 2, out _)) return false;
            i += 2;
            if (i == text.Length) return true;
            if (text[i] == ':') i++;
            return Digits(text, i, 2, out _) && i + 2 == text.Length;
        }

        private static bool Digits(string text, int start, int count, out int value)
        {
            value = 0;
            if (start + count > text.Length) return false;
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
