using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace AchieveIt.PowerShell.Tests
{
    /// <summary>The sandbox with a plan for Submit's what-if: each test has items of its own, as submitting changes them.</summary>
    public sealed class WhatIfSandbox : InProcessSandbox
    {
        public const string Plan = PlanSandbox.Plan; // the sandbox's plan when its items file names none
        public static readonly string ItemsFile = WriteItems(
            "EX-1,true,Revenue,On Track,0.45,2026-11-20\r\nEX-2,true,Churn,At Risk,14,2026-11-25\r\n" +
            "NO-1,true,One,On Track,1,2026-11-20\r\nNO-2,true,Two,On Track,2,2026-11-20\r\n" +
            "WI-1,true,Revenue,On Track,0.45,2026-11-20\r\nWI-2,true,Churn,At Risk,14,2026-11-25\r\nWI-3,false,Launch,,,\r\n" +
            "OLD-1,true,Old,On Track,1,2026-11-25\r\n" +
            "RT-1,true,Round,On Track,1,2026-11-20\r\nRT-2,true,Trip,At Risk,2,2026-11-20\r\n" +
            "FI-1,true,File one,On Track,1,2026-11-20\r\nFI-2,true,File two,On Track,2,2026-11-20\r\n");

        public WhatIfSandbox()
            : base(ItemsFile)
        {
        }
    }

    /// <summary>Submit-AchieveItUpdates with a plan: -WhatIf lists the changes, -ExcludeChangeType leaves rows out, Older is warned.</summary>
    public class WhatIfTests : IClassFixture<WhatIfSandbox>
    {
        private readonly WhatIfSandbox sandbox;

        public WhatIfTests(WhatIfSandbox sandbox) => this.sandbox = sandbox;

        private static string Row(string id, string status, string value, string date, string comment = "") => InProcessSandbox.Row(id, status, value, date, comment);

        private ScriptResult Run(string script)
        {
            using var shell = new ModuleRunspace();
            return shell.Run(script, new Dictionary<string, object>(sandbox.Variables()) { ["plan"] = WhatIfSandbox.Plan, ["planFile"] = WhatIfSandbox.ItemsFile });
        }

        private int Updates(string id) => sandbox.GetJsonAsync("sandbox/updates?externalId=" + id).GetAwaiter().GetResult().GetArrayLength();

        [Fact]
        public void ExcludeChangeType_NoChange_sends_exactly_the_changed_rows_and_names_the_rest()
        {
            var result = Run($"{Row("EX-1", "on track", "0.450", "2026-11-28")}, {Row("EX-2", "Off Track", "14", "2026-11-28")} | " +
                "Submit-AchieveItUpdates -BaseUri $base -ApiKey $key -PlanId $plan -ExcludeChangeType NoChange -Wait");
            Assert.Null(result.Terminating);
            Assert.Empty(result.Errors);
            Assert.Equal("Succeeded", Assert.Single(result.Output).Properties["State"].Value.ToString());
            Assert.Contains(result.Warnings, w => w == "1 unchanged row(s) left out (-ExcludeChangeType NoChange): EX-1.");
            Assert.Equal((0, 1), (Updates("EX-1"), Updates("EX-2")));
        }

        [Fact]
        public void When_every_row_is_unchanged_nothing_is_sent_no_job_is_written_and_the_command_succeeds()
        {
            var before = sandbox.Posts();
            var result = Run($"$ErrorActionPreference = 'Stop'; {Row("NO-1", "On Track", "1", "2026-11-28")}, {Row("NO-2", "On Track", "2.0", "2026-11-28")} | " +
                "Submit-AchieveItUpdates -BaseUri $base -ApiKey $key -PlanItems $planFile -ExcludeChangeType NoChange, Older -Wait; 'after'");
            Assert.Null(result.Terminating);
            Assert.Empty(result.Errors);
            Assert.Equal("after", Assert.Single(result.Output).ToString());
            Assert.Contains(result.Warnings, w => w.StartsWith("Nothing was sent: every valid row was left out by -ExcludeChangeType (2 rows)"));
            Assert.Contains(result.Warnings, w => w == "2 unchanged row(s) left out (-ExcludeChangeType NoChange): NO-1, NO-2.");
            Assert.Equal(before, sandbox.Posts());
        }

        [Fact]
        public void Past_20_OlderUpdate_warnings_the_rest_are_counted_in_one_line()
        {
            var plan = Path.Combine(Path.GetTempPath(), "achieveit-plan-" + Guid.NewGuid().ToString("N") + ".csv");
            File.WriteAllText(plan, "External ID,HasMetric,Name,Status,Current Value,Last Updated\r\n" +
                string.Concat(Enumerable.Range(1, 25).Select(i => $"OLD-{i},true,Old {i},On Track,1,2026-11-25\r\n")));
            try
            {
                var rows = string.Join(", ", Enumerable.Range(1, 25).Select(i => Row("OLD-" + i, "At Risk", "2", "2026-11-01")));
                var result = Run($"{rows} | Submit-AchieveItUpdates -BaseUri $base -ApiKey $key -PlanItems '{plan}' -WhatIf");
                Assert.Empty(result.Errors);
                var older = result.Warnings.Where(w => w.Contains("OLD-")).ToList();
                Assert.Equal(20, older.Count);
                Assert.Contains(result.Warnings, w => w == "5 more OlderUpdate warnings like the 20 above were not written one by one (25 in all).");
            }
            finally
            {
                File.Delete(plan);
            }
        }

        [Fact]
        public void WhatIf_lists_each_change_and_the_summary_and_sends_nothing()
        {
            var before = sandbox.Posts();
            var rows = string.Join(", ", Row("WI-1", "On Track", "0.45", "2026-11-28"), Row("WI-2", "Off Track", "12", "2026-11-28"),
                Row("WI-2", "At Risk", "14", "2026-11-01"), Row("WI-3", "On Track", "", "2026-11-28"));
            var result = Run($"{rows} | Submit-AchieveItUpdates -BaseUri $base -ApiKey $key -PlanId $plan -WhatIf");
            Assert.Empty(result.Errors);
            Assert.Empty(result.Output);
            Assert.StartsWith("What if: the changes in AchieveIt, item by item", result.Information[0]);
            Assert.Equal(new[] { "= WI-1", "~ WI-2", "! WI-2", "? WI-3" }, result.Information.Skip(1).Take(4).Select(l => l.Substring(0, 6)));
            Assert.Contains("At Risk -> Off Track", result.Information[2]);
            Assert.Contains("14 -> 12", result.Information[2]);
            Assert.Contains("-2", result.Information[2]);
            Assert.Equal("What if: 1 to change, 1 unchanged, 1 older than AchieveIt's latest update, 1 not compared.", result.Information.Last());
            Assert.Equal(before, sandbox.Posts());

            var excluded = Run($"{rows} | Submit-AchieveItUpdates -BaseUri $base -ApiKey $key -PlanId $plan -WhatIf -ExcludeChangeType NoChange, NotCompared");
            Assert.Equal(new[] { "~ WI-2", "! WI-2" }, excluded.Information.Skip(1).Take(2).Select(l => l.Substring(0, 6)));
            Assert.Equal(4, excluded.Information.Count);
            Assert.Equal(before, sandbox.Posts());
        }

        [Fact]
        public void Without_a_plan_WhatIf_lists_nothing_and_ExcludeChangeType_is_refused()
        {
            var plain = Run($"{Row("WI-1", "On Track", "1", "2026-11-28")} | Submit-AchieveItUpdates -BaseUri $base -ApiKey $key -WhatIf");
            Assert.Empty(plain.Information);
            Assert.Empty(plain.Errors);
            var refused = Run($"{Row("WI-1", "On Track", "1", "2026-11-28")} | Submit-AchieveItUpdates -BaseUri $base -ApiKey $key -ExcludeChangeType NoChange");
            Assert.StartsWith("PlanItemsInvalid", refused.ErrorIds.Single());
            Assert.Contains("-ExcludeChangeType needs the plan", refused.AllText);
        }

        [Fact]
        public void An_older_row_is_warned_with_both_dates_whether_it_is_sent_or_left_out()
        {
            var before = sandbox.Posts();
            var sent = Run($"{Row("OLD-1", "On Track", "1", "2026-11-20")} | Submit-AchieveItUpdates -BaseUri $base -ApiKey $key -PlanItems $planFile -WhatIf");
            var warning = Assert.Single(sent.Warnings, w => w.Contains("OlderUpdate") || w.Contains("before AchieveIt's latest update"));
            Assert.Contains("Input row 1 (OLD-1)", warning);
            Assert.Contains("2026-11-20", warning);
            Assert.Contains("(2026-11-25)", warning);
            var left = Run($"{Row("OLD-1", "On Track", "1", "2026-11-20")} | Submit-AchieveItUpdates -BaseUri $base -ApiKey $key -PlanItems $planFile -ExcludeChangeType Older");
            Assert.Contains(left.Warnings, w => w.Contains("before AchieveIt's latest update of item 'OLD-1'"));
            Assert.Contains(left.Warnings, w => w == "1 older row(s) left out (-ExcludeChangeType Older): OLD-1.");
            Assert.Equal(before, sandbox.Posts());
        }

        [Fact]
        public void Submitted_and_applied_the_same_rows_compare_as_unchanged()
        {
            var rows = $"{Row("RT-1", "At Risk", "1.5", "2026-11-28")}, {Row("RT-2", "achieved", "3", "2026-11-28")}";
            var sent = Run($"{rows} | Submit-AchieveItUpdates -BaseUri $base -ApiKey $key -PlanId $plan -Wait");
            Assert.Equal("Succeeded", Assert.Single(sent.Output).Properties["State"].Value.ToString());
            var again = Run($"{rows} | Compare-AchieveItUpdate -BaseUri $base -ApiKey $key -PlanId $plan");
            Assert.Equal(new[] { "NoChange", "NoChange" }, again.Output.Select(o => o.Properties["ChangeType"].Value.ToString()));
        }

        [Fact]
        public void A_file_with_rows_left_out_is_sent_as_the_rows_it_keeps()
        {
            var file = Path.Combine(Path.GetTempPath(), "whatif-" + Guid.NewGuid().ToString("N") + ".csv");
            File.WriteAllText(file, "External ID,Status,Current Metric Value,As Of Date\r\nFI-1,On Track,1,2026-11-28\r\nFI-2,At Risk,3,2026-11-28\r\n");
            try
            {
                var whatIf = Run($"Submit-AchieveItUpdates -LiteralPath '{file}' -BaseUri $base -ApiKey $key -PlanId $plan -WhatIf");
                Assert.Equal(new[] { "= FI-1", "~ FI-2" }, whatIf.Information.Skip(1).Take(2).Select(l => l.Substring(0, 6)));
                var result = Run($"Submit-AchieveItUpdates -LiteralPath '{file}' -BaseUri $base -ApiKey $key -PlanId $plan -ExcludeChangeType NoChange -Wait");
                Assert.Empty(result.Errors);
                Assert.Equal("Succeeded", Assert.Single(result.Output).Properties["State"].Value.ToString());
                Assert.Equal(Path.GetFileName(file), result.Output[0].Properties["FileName"].Value);
                Assert.Equal((0, 1), (Updates("FI-1"), Updates("FI-2")));
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public void Submit_warns_of_plan_values_it_cannot_read_as_Compare_does()
        {
            var result = Run($"{Row("WI-1", "On Track", "1", "2026-11-28")} | Submit-AchieveItUpdates -BaseUri $base -ApiKey $key -WhatIf " +
                "-PlanItems @{ 'External ID' = 'WI-1'; Status = 'On Track'; 'Current Value' = '1e400'; 'Last Updated' = 'garbage' }");
            Assert.Contains(result.Warnings, w => w.StartsWith("1 plan item(s) have a Current Value or Last Updated that cannot be read (Last Updated 'garbage' of item 'WI-1')"));
            Assert.StartsWith("? WI-1", result.Information[1]);
        }

        [Fact]
        public void A_refused_input_does_not_say_what_would_have_been_left_out_and_the_summary_counts_the_rows_left_out()
        {
            var refused = Run($"{Row("EX-1", "On Track", "0.45", "2026-11-28")}, {Row("EX-2", "bogus", "14", "2026-11-28")} | " +
                "Submit-AchieveItUpdates -BaseUri $base -ApiKey $key -PlanId $plan -ExcludeChangeType NoChange");
            Assert.Contains(refused.ErrorIds, id => id.StartsWith("InvalidRows"));
            Assert.DoesNotContain(refused.Warnings, w => w.Contains("left out (-ExcludeChangeType"));
            var whatIf = Run($"{Row("EX-1", "On Track", "0.45", "2026-11-28")}, {Row("EX-2", "Off Track", "14", "2026-11-28")} | " +
                "Submit-AchieveItUpdates -BaseUri $base -ApiKey $key -PlanId $plan -ExcludeChangeType NoChange -WhatIf");
            Assert.Equal("What if: 1 to change, 1 unchanged, 0 older than AchieveIt's latest update, 0 not compared; 1 left out by -ExcludeChangeType.", whatIf.Information.Last());
        }

        [Fact]
        public void A_file_every_row_of_which_is_left_out_is_named()
        {
            var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "whatif-files-" + Guid.NewGuid().ToString("N"))).FullName;
            File.WriteAllText(Path.Combine(folder, "a.csv"), "External ID,Status,Current Metric Value,As Of Date\r\nFI-1,On Track,1,2026-11-28\r\n");
            File.WriteAllText(Path.Combine(folder, "b.csv"), "External ID,Status,Current Metric Value,As Of Date\r\nFI-2,At Risk,9,2026-11-28\r\n");
            try
            {
                var result = Run($"Submit-AchieveItUpdates -Path '{folder}/*.csv' -BaseUri $base -ApiKey $key -PlanId $plan -ExcludeChangeType NoChange -WhatIf");
                Assert.Empty(result.Errors);
                Assert.Contains(result.Warnings, w => w == "'a.csv' is not sent: -ExcludeChangeType leaves out every row of it.");
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }
    }
}
