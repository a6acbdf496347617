using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace AchieveIt.PowerShell.Tests
{
    /// <summary>Submit-AchieveItUpdates and Wait-AchieveItJob (SubmitInput, OffThreadRows, SentJobs) against the sandbox over loopback.</summary>
    public class SubmitTests : IClassFixture<InProcessSandbox>
    {
        private readonly InProcessSandbox sandbox;

        public SubmitTests(InProcessSandbox sandbox) => this.sandbox = sandbox;

        private static string Rows(string prefix, int count, string date = "2026-11-28") =>
            string.Join(", ", Enumerable.Range(1, count).Select(i => $"[pscustomobject]@{{ ExternalId = '{prefix}-{i}'; Status = 'On Track'; Value = {i}; Date = '{date}' }}"));

        [Fact]
        public void Rows_are_sent_once_and_the_job_is_followed_to_its_end()
        {
            using var shell = new ModuleRunspace();
            var before = sandbox.Posts();
            var result = shell.Run($"{Rows("SENT", 3)} | Submit-AchieveItUpdates -BaseUri $base -ApiKey $key | Wait-AchieveItJob -BaseUri $base -ApiKey $key", sandbox.Variables());
            Assert.Null(result.Terminating);
            Assert.Empty(result.Errors);
            var job = result.Output.Last();
            Assert.Equal("Succeeded", job.Properties["State"].Value.ToString());
            Assert.Equal(before + 1, sandbox.Posts());
        }

        [Fact]
        public void A_file_of_day_first_dates_is_sent_rewritten_with_DateOrder_DayFirst_and_refused_without_it()
        {
            var file = Path.Combine(Path.GetTempPath(), "dayfirst-" + Guid.NewGuid().ToString("N") + ".csv");
            File.WriteAllText(file, "External ID,Status,Current Metric Value,As Of Date\r\nDAYF-1,On Track,1,05.12.2026\r\nDAYF-2,At Risk,2,6-12-2026 10:00\r\n");
            try
            {
                using var shell = new ModuleRunspace();
                var before = sandbox.Posts();
                var refused = shell.Run($"Submit-AchieveItUpdates -LiteralPath '{file}' -BaseUri $base -ApiKey $key", sandbox.Variables());
                Assert.Contains(refused.Errors, e => e.Exception.Message.Contains("-DateOrder DayFirst reads it as 2026-12-05"));
                Assert.Equal(before, sandbox.Posts());

                var result = shell.Run($"Submit-AchieveItUpdates -LiteralPath '{file}' -DateOrder DayFirst -BaseUri $base -ApiKey $key -Wait", sandbox.Variables());
                Assert.Null(result.Terminating);
                Assert.Empty(result.Errors);
                var job = Assert.Single(result.Output);
                Assert.Equal("Succeeded", job.Properties["State"].Value.ToString());
                Assert.Equal(Path.GetFileName(file), job.Properties["FileName"].Value.ToString()); // sent under the file's own name
                Assert.Equal(before + 1, sandbox.Posts());
                Assert.Equal("2026-12-05", sandbox.GetJsonAsync("sandbox/updates?externalId=DAYF-1").GetAwaiter().GetResult()[0].GetProperty("asOfDate").GetString());
                Assert.Equal("2026-12-06", sandbox.GetJsonAsync("sandbox/updates?externalId=DAYF-2").GetAwaiter().GetResult()[0].GetProperty("asOfDate").GetString());
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public void WhatIf_sends_nothing_and_writes_nothing_to_the_journal()
        {
            using var shell = new ModuleRunspace();
            var journal = Snapshot();
            var before = sandbox.Posts();
            var result = shell.Run($"{Rows("WHATIF", 2)} | Submit-AchieveItUpdates -BaseUri $base -ApiKey $key -WhatIf", sandbox.Variables());
            Assert.Empty(result.Errors);
            Assert.Empty(result.Output);
            Assert.Equal(before, sandbox.Posts());
            Assert.Equal(journal, Snapshot());
        }

        [Fact]
        public void An_invalid_row_sends_nothing_and_names_the_row_and_the_count()
        {
            using var shell = new ModuleRunspace();
            var before = sandbox.Posts();
            var result = shell.Run($"{Rows("BAD", 2)}, [pscustomobject]@{{ ExternalId = 'BAD-3'; Status = 'nope'; Date = '2026-11-28' }} | Submit-AchieveItUpdates -BaseUri $base -ApiKey $key", sandbox.Variables());
            Assert.Contains(result.ErrorIds, id => id.StartsWith("InvalidRows"));
            Assert.Contains("Input row 3", result.AllText);
            Assert.Contains("1 of 3 rows is invalid", result.AllText);
            Assert.Equal(before, sandbox.Posts());
        }

        [Fact]
        public void SkipInvalid_leaves_the_bad_row_out_says_so_and_sends_the_rest()
        {
            using var shell = new ModuleRunspace();
            var before = sandbox.Posts();
            var result = shell.Run($"{Rows("SKIP", 1)}, [pscustomobject]@{{ ExternalId = 'SKIP-2'; Status = 'On Track'; Date = 'bogus' }} | Submit-AchieveItUpdates -BaseUri $base -ApiKey $key -SkipInvalid", sandbox.Variables());
            Assert.Empty(result.Errors);
            Assert.Contains(result.Warnings, w => w.Contains("1 of 2 rows was invalid and is left out"));
            Assert.Equal(1, Convert.ToInt32(Assert.Single(result.Output).Properties["RowCount"].Value));
            Assert.Equal(before + 1, sandbox.Posts());
        }

        [Fact]
        public void The_same_rows_again_are_answered_with_the_first_job_and_not_sent_again()
        {
            using var shell = new ModuleRunspace();
            var script = $"{Rows("AGAIN", 2)} | Submit-AchieveItUpdates -BaseUri $base -ApiKey $key -FileName again.csv";
            var first = shell.Run(script, sandbox.Variables());
            var before = sandbox.Posts();
            var second = shell.Run(script, sandbox.Variables());
            Assert.Empty(second.Errors);
            Assert.Equal(first.Output.Single().Properties["JobId"].Value, second.Output.Single().Properties["JobId"].Value);
            Assert.Contains(second.Warnings, w => w.Contains("AchieveIt already has them"));
            Assert.Equal(before, sandbox.Posts());
        }

        [Fact]
        public void Only_empty_rows_is_NothingToSend_that_counts_them()
        {
            using var shell = new ModuleRunspace();
            var blank = "[pscustomobject]@{ ExternalId = ''; Status = ''; Value = ''; Date = '' }";
            var result = shell.Run($"{blank}, {blank}, {blank} | Submit-AchieveItUpdates -BaseUri $base -ApiKey $key", sandbox.Variables());
            Assert.Contains("only empty rows (3 of them)", result.AllText);
        }

        [Fact]
        public void Runspaces_racing_to_send_the_same_rows_make_one_upload_and_all_answer_with_its_job()
        {
            var before = sandbox.Posts();
            var script = $"{Rows("RACE", 50)} | Submit-AchieveItUpdates -BaseUri $base -ApiKey $key -FileName race.csv -WarningAction SilentlyContinue";
            var results = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            {
                using var shell = new ModuleRunspace();
                return shell.Run(script, sandbox.Variables());
            })).ToArray();
            Task.WaitAll(results);
            foreach (var result in results.Select(t => t.Result)) Assert.Empty(result.Errors);
            Assert.Single(results.Select(t => t.Result.Output.Single().Properties["JobId"].Value.ToString()).Distinct());
            Assert.Equal(before + 1, sandbox.Posts());
        }

        [Fact]
        public void The_key_appears_in_no_stream_even_with_Verbose_and_Debug()
        {
            using var shell = new ModuleRunspace();
            var result = shell.Run($"$DebugPreference = 'Continue'; {Rows("QUIET", 1)} | Submit-AchieveItUpdates -BaseUri $base -ApiKey $key -Verbose | Wait-AchieveItJob -BaseUri $base -ApiKey $key -Verbose", sandbox.Variables());
            Assert.Empty(result.Errors);
            Assert.NotEmpty(result.Verbose);
            Assert.DoesNotContain(InProcessSandbox.Key, result.AllText);
        }

        private static Dictionary<string, string> Snapshot() =>
            Directory.EnumerateFiles(ModuleRunspace.JournalFolder, "*", SearchOption.AllDirectories).ToDictionary(f => f, f => Convert.ToBase64String(File.ReadAllBytes(f)));
    }
}
