using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using AchieveIt.Csv;
using AchieveIt.Rules;

namespace AchieveIt.Tests.Golden
{
    /// <summary>
    /// The same rows make the same bytes on .NET (PowerShell 7) and on .NET Framework (Windows PowerShell 5.1; the Mono
    /// leg here): CSV, JSON, metric CSV and the SHA-256 the duplicate guard keys on. Both legs compare against the same
    /// golden files, embedded from Golden/, in several cultures; a difference names the first differing line.
    /// </summary>
    public class SameBytesOnEveryRuntimeTests
    {
        // Values of every type a pipeline hands over, chosen where runtimes have differed: shortest round-trip doubles
        // ("R" gives 17 digits on Framework), floats, decimals with trailing zeros, huge and tiny numbers, dates as
        // DateTime, DateTimeOffset and text, non-ASCII, quotes, commas and line breaks in comments.
        private static readonly object[][] Rows =
        {
            new object[] { "KPI-1", "On Track", 0.3333333333333333, new DateTime(2026, 11, 28), "plain" },
            new object[] { "KPI-2", "at risk", 0.1 + 0.2, new DateTime(2026, 1, 2, 23, 59, 59, DateTimeKind.Utc), "ü, \"quoted\"" },
            new object[] { "KPI-3", "Off Track", 1234.5f, new DateTimeOffset(2026, 3, 4, 1, 0, 0, TimeSpan.FromHours(-8)), "line one\nline two" },
            new object[] { "KPI-4", "Achieved", 12.50m, "2026-11-28", null },
            new object[] { "KPI-5", "Not Started", 1e15, "11/28/2026", "日本語 テキスト" },
            new object[] { "KPI-6", "On Track", 123456789012345.67, "2026-W48-6", "tab\there" },
            new object[] { "KPI-7", "On Track", -0.000001, new DateTime(1999, 12, 31), "emoji 🚀 and ß" },
            new object[] { "KPI-8", "On Track", 42, new DateTime(2026, 2, 28), "" },
            new object[] { "KPI-9", "On Track", 9007199254740993L, new DateTime(2026, 6, 30), "=SUM(A1)" },
            new object[] { "KPI-10", "On Track", null, new DateTime(2026, 7, 1), "no metric" },
            new object[] { "KPI-11", "On Track", 2.0 / 3.0, new DateTime(2026, 7, 2), "  spaces kept  " },
            new object[] { "KPI-12", "On Track", 5e-324, new DateTime(2026, 7, 3), "the smallest double" },
        };

        public static IEnumerable<object[]> Cultures => new[] { "en-US", "de-DE", "fr-FR", "th-TH", "ar-SA", "tr-TR", "ja-JP" }.Select(c => new object[] { c });

        [Theory]
        [MemberData(nameof(Cultures))]
        public void Progress_updates_are_the_golden_CSV_and_its_hash(string culture) =>
            InCulture(culture, () => AssertGolden("progress.csv", Write(UpdateType.Progress, UpdateFormat.Csv)));

        [Theory]
        [MemberData(nameof(Cultures))]
        public void Progress_updates_are_the_golden_JSON(string culture) =>
            InCulture(culture, () => AssertGolden("progress.json", Write(UpdateType.Progress, UpdateFormat.Json)));

        [Theory]
        [MemberData(nameof(Cultures))]
        public void Metric_updates_are_the_golden_CSV(string culture) =>
            InCulture(culture, () => AssertGolden("metric.csv", Write(UpdateType.Metric, UpdateFormat.Csv)));

        [Fact]
        public void The_hashes_the_duplicate_guard_keys_on_are_the_golden_ones()
        {
            var written = Write(UpdateType.Progress, UpdateFormat.Csv);
            var file = Path.GetTempFileName();
            try
            {
                File.WriteAllBytes(file, written.Bytes);
                var checkedFile = CsvValidator.ValidateFile(file, null, new CsvCheckOptions { Fingerprint = true });
                Assert.False(checkedFile.HasErrors);
                var hashes = "spool " + written.Sha256 + "\n" + "checked file " + checkedFile.Fingerprint.Sha256 + "\n" +
                             "metric spool " + Write(UpdateType.Metric, UpdateFormat.Csv).Sha256 + "\n";
                AssertGolden("hashes.txt", Encoding.UTF8.GetBytes(hashes));
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public void The_shortest_double_is_the_same_text_on_every_runtime()
        {
            Assert.Equal("0.3333333333333333", CsvFormat.Shortest(0.3333333333333333)); // "R" gives 0.33333333333333331 on Framework
            Assert.Equal("0.30000000000000004", CsvFormat.Shortest(0.1 + 0.2));
            Assert.Equal("1234.5", CsvFormat.Shortest(1234.5f));
        }

        private static (byte[] Bytes, string Sha256) Write(UpdateType kind, UpdateFormat format)
        {
            using (var spool = new UpdateSpool(null, kind, format))
            {
                var issues = new List<CsvIssue>();
                var line = 0;
                foreach (var row in Rows)
                {
                    line++;
                    IUpdate update = kind == UpdateType.Metric
                        ? (IUpdate)UpdateBuilder.MetricFromValues(line, row[0], row[2] ?? 0, row[3], row[4], issues)
                        : UpdateBuilder.FromValues(line, row[0], row[1], row[2], row[3], row[4], issues);
                    Assert.True(update != null, $"row {line}: " + string.Join("; ", issues.Select(i => i.Message)));
                    spool.Add(update);
                }

                var path = spool.Complete();
                try
                {
                    return (File.ReadAllBytes(path), spool.Sha256);
                }
                finally
                {
                    File.Delete(path);
                }
            }
        }

        private static void InCulture(string name, Action action)
        {
            var original = Thread.CurrentThread.CurrentCulture;
            try
            {
                Thread.CurrentThread.CurrentCulture = new CultureInfo(name);
                action();
            }
            finally
            {
                Thread.CurrentThread.CurrentCulture = original;
            }
        }

        private static void AssertGolden(string name, (byte[] Bytes, string Sha256) written)
        {
            AssertGolden(name, written.Bytes);
            if (name.EndsWith(".csv", StringComparison.Ordinal)) Assert.Equal(Sha256Of(written.Bytes), written.Sha256, ignoreCase: true); // the hash is of the bytes written
        }

        // Byte for byte; on a difference, the first line that differs on each side (ACHIEVEIT_WRITE_GOLDEN=<folder>
        // writes what this runtime made there, to look at or to take as the new golden file after a deliberate change).
        private static void AssertGolden(string name, byte[] actual)
        {
            var folder = Environment.GetEnvironmentVariable("ACHIEVEIT_WRITE_GOLDEN");
            if (!string.IsNullOrEmpty(folder)) File.WriteAllBytes(Path.Combine(folder, name), actual);
            var expected = Golden(name);
            if (expected.SequenceEqual(actual)) return;
            var want = Encoding.UTF8.GetString(expected).Split('\n');
            var got = Encoding.UTF8.GetString(actual).Split('\n');
            var i = 0;
            while (i < want.Length && i < got.Length && want[i] == got[i]) i++;
            Assert.Fail($"{name} differs from the golden file at line {i + 1}:\n  golden: {Line(want, i)}\n  made:   {Line(got, i)}");
        }

        private static string Line(string[] lines, int i) => i < lines.Length ? lines[i].Replace("\r", "\\r") : "(end of file)";

        private static byte[] Golden(string name)
        {
            using (var stream = typeof(SameBytesOnEveryRuntimeTests).Assembly.GetManifestResourceStream("Golden." + name))
            {
                Assert.True(stream != null, $"the golden file Golden/{name} is not embedded in the tests");
                var copy = new MemoryStream();
                stream.CopyTo(copy);
                return copy.ToArray();
            }
        }

        private static string Sha256Of(byte[] bytes)
        {
            using (var sha = System.Security.Cryptography.SHA256.Create()) return BitConverter.ToString(sha.ComputeHash(bytes)).Replace("-", string.Empty);
        }
    }
}
