using System;
using System.IO;
using AchieveIt.Csv;
using AchieveIt.Http;
using AchieveIt.Submissions;

namespace AchieveIt.Tests.Submissions
{
    /// <summary>Submit -Path's files sorted into ready, held back, empty and unreadable, and what follows for the command.</summary>
    public class FileSelectionTests : IDisposable
    {
        private const string Header = "External ID,Status,Metric Value,As Of Date\r\n";
        private readonly SubmissionFixture fixture = new SubmissionFixture();

        public void Dispose() => fixture.Dispose();

        private static FileCheck Check(string path) => FileCheck.Run(path, new CsvCheckOptions { Fingerprint = true });

        [Fact]
        public void Files_are_sorted_into_ready_held_back_and_empty()
        {
            var good = fixture.WriteFile("good.csv", Header + "KPI-1,On Track,1,2026-11-28\r\n");
            var bad = fixture.WriteFile("bad.csv", Header + "KPI-1,Bogus,1,2026-11-28\r\n");
            var empty = fixture.WriteFile("empty.csv", string.Empty);
            var headerOnly = fixture.WriteFile("header.csv", Header);
            var folder = Directory.CreateDirectory(Path.Combine(fixture.Folder, "a-folder.csv")).FullName;

            var selection = new FileSelection(null, 5);
            foreach (var path in new[] { good, bad, empty, headerOnly, folder }) selection.Add(Check(path));

            var ready = Assert.Single(selection.Ready);
            Assert.Equal("good.csv", ready.Name);
            Assert.Equal(1, ready.Rows);
            Assert.False(ready.IsSpool);
            Assert.Equal(good, ready.ErrorTarget);
            Assert.Equal(new[] { bad, folder }, selection.HeldBack);
            Assert.Equal(new[] { empty, headerOnly }, selection.Empty);

            var refused = SendVerdict.ForFiles(selection, false);
            Assert.Equal(ErrorIds.InvalidRows, refused.ErrorId);
            Assert.StartsWith($"Nothing was sent: 2 of 5 files are invalid or unreadable ({bad}, {folder}), so all 5 were held back", refused.Message);
            Assert.Contains("-SkipInvalid", refused.Fix);

            var skipping = SendVerdict.ForFiles(selection, true);
            Assert.True(skipping.Sends);
            Assert.Equal($"2 of 5 files are invalid or unreadable and are not sent (-SkipInvalid): {bad}, {folder}.", skipping.Warning);
        }

        [Fact]
        public void An_unreadable_file_keeps_its_reason()
        {
            var folder = Directory.CreateDirectory(Path.Combine(fixture.Folder, "x.csv")).FullName;
            var check = Check(folder);
            Assert.Null(check.Validation);
            Assert.True(check.Unreadable is IOException || check.Unreadable is UnauthorizedAccessException);
            Assert.False(check.HoldsNoRows);
        }

        [Fact]
        public void Only_empty_files_is_NothingToSend_naming_them()
        {
            var empty = fixture.WriteFile("empty.csv", string.Empty);
            var selection = new FileSelection(null, 1);
            selection.Add(Check(empty));
            var verdict = SendVerdict.ForFiles(selection, false);
            Assert.Equal(ErrorIds.NothingToSend, verdict.ErrorId);
            Assert.Equal($"The file ({empty}) held no rows, so nothing was sent. Check that the export ran.", verdict.Message);
        }

        [Fact]
        public void Skipped_and_empty_files_with_nothing_left_is_NothingToSend_after_the_warning()
        {
            var bad = fixture.WriteFile("bad.csv", Header + "KPI-1,Bogus,1,2026-11-28\r\n");
            var empty = fixture.WriteFile("empty.csv", string.Empty);
            var selection = new FileSelection(null, 2);
            selection.Add(Check(bad));
            selection.Add(Check(empty));
            var verdict = SendVerdict.ForFiles(selection, true);
            Assert.Equal(ErrorIds.NothingToSend, verdict.ErrorId);
            Assert.Equal($"None of the 2 files can be sent ({bad}, {empty}), so nothing was sent.", verdict.Message);
            Assert.NotNull(verdict.Warning);
        }

        [Fact]
        public void Several_files_under_one_FileName_are_numbered_and_one_keeps_the_name()
        {
            var a = fixture.WriteFile("a.csv", Header + "KPI-1,On Track,1,2026-11-28\r\n");
            var b = fixture.WriteFile("b.csv", Header + "KPI-2,On Track,1,2026-11-28\r\n");
            var several = new FileSelection("nightly.csv", 2);
            several.Add(Check(a));
            several.Add(Check(b));
            Assert.Equal(new[] { "nightly-001.csv", "nightly-002.csv" }, new[] { several.Ready[0].Name, several.Ready[1].Name });

            var one = new FileSelection("nightly.csv", 1);
            one.Add(Check(a));
            Assert.Equal("nightly.csv", one.Ready[0].Name);
        }

        [Fact]
        public void Patterns_that_matched_nothing_are_named()
        {
            Assert.Equal("-Path './x*.csv', 'y.csv' matched no file, so nothing was sent. Check the path and that the export ran.", SendVerdict.NoFiles(new[] { "./x*.csv", "y.csv" }).Message);
            Assert.StartsWith("No file could be read", SendVerdict.NoFiles(Array.Empty<string>()).Message);
        }

        [Theory]
        [InlineData(3, 2, 1, 0, false, "InvalidRows", "Nothing was sent: 1 of 3 rows is invalid")]
        [InlineData(3, 1, 2, 0, false, "InvalidRows", "Nothing was sent: 2 of 3 rows are invalid")]
        [InlineData(0, 0, 0, 0, false, "NothingToSend", "No rows came down the pipeline (the input was empty), so nothing was sent.")]
        [InlineData(0, 0, 0, 2, false, "NothingToSend", "The input held only $null (2 of them), no rows, so nothing was sent.")]
        [InlineData(3, 0, 3, 0, true, "NothingToSend", "All 3 rows were invalid and left out (-SkipInvalid), so nothing was sent.")]
        [InlineData(3, 2, 1, 0, true, null, "1 of 3 rows was invalid and is left out (-SkipInvalid); 2 will be sent.")]
        [InlineData(3, 1, 2, 0, true, null, "2 of 3 rows were invalid and are left out (-SkipInvalid); 1 will be sent.")]
        public void Rows_have_the_same_verdicts(long received, long accepted, long rejected, long nulls, bool skip, string errorId, string start)
        {
            var verdict = SendVerdict.ForRows(received, accepted, rejected, nulls, skip);
            Assert.Equal(errorId, verdict.ErrorId);
            Assert.StartsWith(start, errorId == null ? verdict.Warning : verdict.Message);
        }

        [Fact]
        public void An_input_of_only_Excel_padding_says_so() =>
            Assert.StartsWith("The input held only empty rows (4 of them), no updates, so nothing was sent.", SendVerdict.ForRows(0, 0, 0, 0, false, padding: 4).Message);

        [Theory]
        [InlineData("nightly", "nightly.csv")]
        [InlineData(" nightly.csv ", "nightly.csv")]
        [InlineData("nightly-2024.01.01", "nightly-2024.01.01.csv")]
        [InlineData("report.txt", "report.txt")]
        [InlineData(null, null)]
        public void Upload_names_follow_the_rule(string given, string used) => Assert.Equal(used, UploadNames.Check(given));

        [Theory]
        [InlineData("../x.csv")]
        [InlineData("a/b.csv")]
        [InlineData("name.")]
        [InlineData("a..csv")]
        [InlineData("-x.csv")]
        [InlineData("x[1].csv")]
        public void Names_AchieveIt_refuses_are_refused_with_the_rule(string name)
        {
            var e = Assert.Throws<ArgumentException>(() => UploadNames.Check(name));
            Assert.Contains("Use letters, digits, spaces and . _ - ( )", e.Message);
        }

        [Fact]
        public void Rows_are_named_by_the_time_and_numbered_when_split()
        {
            var at = new DateTimeOffset(2026, 11, 28, 22, 5, 9, TimeSpan.FromHours(-5));
            Assert.Equal("achieveit-updates-20261129-030509.csv", UploadNames.ForRows(at, UpdateFormat.Csv));
            Assert.Equal("achieveit-updates-20261129-030509.json", UploadNames.ForRows(at, UpdateFormat.Json));
            Assert.Equal("achieveit-updates-20261129-030509-002.csv", UploadNames.Numbered(UploadNames.ForRows(at, UpdateFormat.Csv), 2));
        }
    }
}
