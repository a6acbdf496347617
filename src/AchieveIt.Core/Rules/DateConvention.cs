using System;
using System.Collections.Generic;

namespace AchieveIt.Rules
{
    /// <summary>How one input writes its slash dates: stated (-DateOrder), or read month first as AchieveIt reads them.</summary>
    public enum DateOrder
    {
        /// <summary>Not stated: slashes are month first, and an input that proves itself day first makes its ambiguous dates errors.</summary>
        Unstated,

        /// <summary>M/D/YYYY, as AchieveIt reads it.</summary>
        MonthFirst,

        /// <summary>D/M/YYYY: rows are read day first and written as yyyy-MM-dd, which AchieveIt cannot misread.</summary>
        DayFirst,
    }

    /// <summary>
    /// The module's guard against a date applied to the wrong month in silence (AchieveIt itself reads every slash as
    /// month first, so the sandbox does not apply it): within one input (the rows of one command, or one file), once
    /// a slash date is provably day first (25/11/2026), every other slash date whose two numbers could be either
    /// (05/12/2026) is AmbiguousDate, naming both readings and the row that showed day first, those before it too.
    /// Memory is bounded: the ambiguous dates seen before any proof are kept up to a limit, the rest counted.
    /// </summary>
    public sealed class DateConvention
    {
        private const int Kept = 1000;
        private readonly List<(long Line, string Text, int First, int Second, int Year)> waiting = new List<(long, string, int, int, int)>();
        private readonly string where;
        private long waitingNotKept;
        private (long Line, string Text)? dayFirst;

        /// <param name="stated">The order stated with -DateOrder, or Unstated.</param>
        /// <param name="where">What a number names: "line" (a file) or "input row" (pipeline objects).</param>
        public DateConvention(DateOrder stated, string where)
        {
            Stated = stated;
            this.where = where;
        }

        public DateOrder Stated { get; }

        /// <summary>Slash dates read month first without a stated order: what the culture warning counts.</summary>
        public long ReadMonthFirst { get; private set; }

        /// <summary>Dates read day first under -DateOrder DayFirst (25/11/2026, 05.12.2026): rows send them as yyyy-MM-dd, a file sent as it is would not.</summary>
        public long ReadDayFirst { get; internal set; }

        /// <summary>For a file checked with -DateOrder DayFirst: the warning that its day-first dates are sent only with the same order (Submit -Path -DateOrder DayFirst), or null.</summary>
        public string FileWarning(string path)
        {
            if (ReadDayFirst == 0) return null;
            return $"{Counting.Of(ReadDayFirst, "date")} {(ReadDayFirst == 1 ? "was" : "were")} read day first (-DateOrder DayFirst). AchieveIt reads slashes month first, so send this file with the same order: " +
                   $"Submit-AchieveItUpdates -Path '{path}' -DateOrder DayFirst sends it rewritten, its dates as yyyy-MM-dd (without -DateOrder, -Path refuses these dates).";
        }

        /// <summary>True once the input proved itself day first.</summary>
        public bool ProvedDayFirst => dayFirst.HasValue;

        /// <summary>AmbiguousDate issues found after the input ended, for dates read before it proved day first.</summary>
        public long Retroactive { get; private set; }

        /// <summary>Notes a slash date's two numbers; adds AmbiguousDate when the input already proved day first. False when it added an error.</summary>
        internal bool Observe(long line, string text, int first, int second, int year, List<CsvIssue> issues)
        {
            if (Stated != DateOrder.Unstated) return true;
            if (first > 12 && second <= 12)
            {
                if (!dayFirst.HasValue) dayFirst = (line, text);
                return true; // refused already, with the day-first hint
            }

            if (first > 12 || second > 12) return true;
            ReadMonthFirst++;
            if (first == second) return true; // 05/05: the same either way
            if (dayFirst.HasValue)
            {
                issues.Add(Ambiguous(line, text, first, second, year));
                return false;
            }

            if (waiting.Count < Kept) waiting.Add((line, text, first, second, year));
            else waitingNotKept++;
            return true;
        }

        /// <summary>At the end of the input: AmbiguousDate for the dates read before it proved day first (none if it never did).</summary>
        public List<CsvIssue> Finish()
        {
            var found = new List<CsvIssue>();
            if (!dayFirst.HasValue) return found;
            foreach (var (line, text, first, second, year) in waiting) found.Add(Ambiguous(line, text, first, second, year));
            if (waitingNotKept > 0)
            {
                found.Add(IssueFactory.Error(waiting[waiting.Count - 1].Line, Column.AsOfDate, string.Empty, RuleCodes.AmbiguousDate,
                    $"{waitingNotKept} more slash dates before {where} {dayFirst.Value.Line} could be read either way: state the order (-DateOrder), or write yyyy-MM-dd."));
            }

            Retroactive = waiting.Count + waitingNotKept;
            waiting.Clear();
            return found;
        }

        /// <summary>The culture warning, or null: slash dates read month first in a session whose culture writes dates day first.</summary>
        public string CultureWarning(System.Globalization.CultureInfo culture)
        {
            if (Stated != DateOrder.Unstated || ReadMonthFirst == 0 || culture == null) return null;
            var pattern = culture.DateTimeFormat.ShortDatePattern.TrimStart();
            if (!pattern.StartsWith("d", StringComparison.OrdinalIgnoreCase)) return null;
            return $"{ReadMonthFirst} slash date(s) were read month first (11/05/2026 as 5 November), as AchieveIt reads them, but this session's culture ({culture.Name}) writes dates day first. " +
                   "If the source writes day first, say so: -DateOrder DayFirst (rows are then sent as yyyy-MM-dd). -DateOrder MonthFirst confirms month first and ends this warning.";
        }

        private CsvIssue Ambiguous(long line, string text, int first, int second, int year)
        {
            var (evidenceLine, evidenceText) = dayFirst.Value;
            return IssueFactory.Error(line, Column.AsOfDate, text, RuleCodes.AmbiguousDate,
                $"'{IssueFactory.Shorten(text)}' could be {Iso(year, first, second)} (month first, as AchieveIt reads it) or {Iso(year, second, first)} (day first), " +
                $"and {where} {evidenceLine} ('{IssueFactory.Shorten(evidenceText)}') shows this input writes dates day first. " +
                "State the order with -DateOrder DayFirst or MonthFirst (Submit-AchieveItUpdates -DateOrder DayFirst, with rows or -Path), or write yyyy-MM-dd.");
        }

        private static string Iso(int year, int month, int day) => $"{year:0000}-{month:00}-{day:00}";
    }
}
