using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AchieveIt.Csv;
using AchieveIt.Rules;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AchieveIt.Tests.Csv
{
    public class RoundTripProperties
    {
        // Characters chosen to stress the CSV: separators, quotes, line breaks, non-Latin scripts, emoji.
        private static readonly char[] CommentChars = "aZ 09,\"\r\n\t;'é日本Жصא🙂".ToCharArray().Where(c => !char.IsSurrogate(c)).ToArray();
        private static readonly string[] IdPieces = { "KPI", "Plan 1", "Ä", "日本", "a/b", "x-y_z", "#1", "Ω", " ", "7" };

        private static Gen<string> Comment =>
            Gen.Frequency(
                (1, Gen.Constant(string.Empty)),
                (3, Gen.ArrayOf(Gen.Elements(CommentChars.Select(c => c.ToString()).Concat(new[] { "🙂", "\r\n" }).ToArray()))
                    .Select(parts => string.Concat(parts))));

        private static Gen<ProgressUpdate> Update =>
            from id in Gen.NonEmptyListOf(Gen.Elements(IdPieces)).Select(p => string.Concat(p).Trim()).Where(s => s.Length > 0)
            from status in Gen.Elements(Statuses.All.ToArray())
            from hasMetric in Gen.Elements(true, false)
            from units in Gen.Choose(-1_000_000, 1_000_000)
            from scale in Gen.Choose(0, 6)
            from days in Gen.Choose(0, 73_000)
            from comment in Comment
            select new ProgressUpdate(id, status, hasMetric ? units / (decimal)Math.Pow(10, scale) : (decimal?)null,
                new DateTime(1950, 1, 1).AddDays(days), comment);

        [Property(MaxTest = 200)]
        public Property Updates_written_then_read_come_back_equal_with_no_issues()
        {
            return Prop.ForAll(Gen.ListOf(Update).Select(l => l.ToArray()).ToArbitrary(), updates =>
            {
                // Unique IDs, so the duplicate warning does not count as an issue.
                var unique = updates.Select((u, i) => new ProgressUpdate(u.ExternalId + "#" + i, u.Status, u.MetricValue, u.AsOfDate, u.Comment)).ToArray();
                if (unique.Length == 0) return true;
                string path;
                using (var spool = new UpdateSpool())
                {
                    foreach (var u in unique) spool.Add(u);
                    path = spool.Complete();
                }

                try
                {
                    var read = new List<ProgressUpdate>();
                    var validation = CsvValidator.ValidateFile(path, (_, u) => read.Add((ProgressUpdate)u));
                    return validation.Issues.Count == 0 && read.SequenceEqual(unique);
                }
                finally
                {
                    File.Delete(path);
                }
            });
        }
    }
}
