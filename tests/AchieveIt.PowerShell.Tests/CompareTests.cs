using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;

namespace AchieveIt.PowerShell.Tests
{
    /// <summary>The sandbox with a plan whose items have a status, a value and a last update.</summary>
    public sealed class PlanSandbox : InProcessSandbox
    {
        public const string Plan = "5a1d6b0e-8c3f-4b7a-9e21-3f0c2d4b6a10";
        public static readonly string ItemsFile = WriteItems(
            "KPI-1,true,Revenue,On Track,0.45,2026-11-20\r\nKPI-2,true,Churn,At Risk,14,2026-11-25\r\nKPI-3,false,Launch,,,\r\nKPI-4,true,Margin,On Track,,2026-11-01\r\n");

        public PlanSandbox()
            : base(ItemsFile)
        {
        }
    }

    /// <summary>Compare-AchieveItUpdate: each valid row set beside its item; nothing sent, nothing written.</summary>
    public class CompareTests : IClassFixture<PlanSandbox>
    {
        private readonly PlanSandbox sandbox;

        public CompareTests(PlanSandbox sandbox) => this.sandbox = sandbox;

        private static string Row(string id, string status, string value, string date, string comment = "") => InProcessSandbox.Row(id, status, value, date, comment);

        private ScriptResult Compare(string rows, string extra = "-PlanId $plan")
        {
            using var shell = new ModuleRunspace();
            return shell.Run($"{rows} | Compare-AchieveItUpdate -BaseUri $base -ApiKey $key {extra}",
                new Dictionary<string, object>(sandbox.Variables()) { ["plan"] = PlanSandbox.Plan, ["planFile"] = PlanSandbox.ItemsFile });
        }

        private static Dictionary<string, string> Types(ScriptResult result) =>
            result.Output.ToDictionary(o => o.Properties["Address"].Value.ToString(), o => o.Properties["ChangeType"].Value.ToString());

        [Fact]
        public void Each_change_type_against_the_live_plan_and_nothing_sent()
        {
            var before = sandbox.Posts();
            var result = Compare(string.Join(", ",
                Row("KPI-1", "on track", "0.450", "2026-11-28"),        // same status in another case, same number: NoChange
                Row("KPI-2", "Off Track", "14", "2026-11-28"),          // status moves: Modify
                Row("KPI-1", "On Track", "0.45", "2026-11-28", "note"), // a comment: Modify
                Row("KPI-2", "At Risk", "14", "2026-11-24"),            // before the item's last update: Older
                Row("KPI-3", "On Track", "", "2026-11-28"),             // the plan gives no status: NotCompared
                Row("KPI-4", "On Track", "3", "2026-11-28")));          // the plan gives no value: NotCompared
            Assert.Empty(result.Errors);
            Assert.Equal(new Dictionary<string, string>
            {
                ["input row 1"] = "NoChange", ["input row 2"] = "Modify", ["input row 3"] = "Modify",
                ["input row 4"] = "Older", ["input row 5"] = "NotCompared", ["input row 6"] = "NotCompared",
            }, Types(result));
            var moved = result.Output[1];
            Assert.Equal(("At Risk", "Off Track", "Churn", PlanSandbox.Plan), (moved.Properties["StatusBefore"].Value, moved.Properties["StatusAfter"].Value, moved.Properties["Name"].Value, moved.Properties["PlanId"].Value));
            Assert.Equal(before, sandbox.Posts());
        }

        [Fact]
        public void Rows_that_break_a_rule_or_name_an_unknown_item_are_the_errors_Submit_writes_not_changes()
        {
            var result = Compare(string.Join(", ", Row("KPI-1", "bogus", "1", "2026-11-28"), Row("KPI-404", "On Track", "1", "2026-11-28"), Row("KPI-2", "At Risk", "15", "2026-11-28")));
            Assert.Equal(new[] { "InvalidStatus", "UnknownExternalId" }, result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
            Assert.Contains("Input row 2 (KPI-404)", result.Errors[1].Exception.Message);
            Assert.Equal("input row 3", Assert.Single(result.Output).Properties["Address"].Value);
        }

        [Fact]
        public void ExcludeChangeType_leaves_types_out_and_a_plan_file_is_a_plan()
        {
            var rows = string.Join(", ", Row("KPI-1", "On Track", "0.45", "2026-11-28"), Row("KPI-2", "Off Track", "14", "2026-11-28"));
            var result = Compare(rows, "-PlanItems $planFile -ExcludeChangeType NoChange");
            Assert.Empty(result.Errors);
            Assert.Equal("Modify", Assert.Single(result.Output).Properties["ChangeType"].Value.ToString());
        }

        [Fact]
        public void A_file_is_compared_line_by_line()
        {
            var file = Path.Combine(Path.GetTempPath(), "compare-" + Guid.NewGuid().ToString("N") + ".csv");
            File.WriteAllText(file, "External ID,Status,Current Metric Value,As Of Date\r\nKPI-1,At Risk,0.5,2026-11-28\r\nKPI-2,At Risk,14,2026-11-28\r\n");
            try
            {
                using var shell = new ModuleRunspace();
                var result = shell.Run("Compare-AchieveItUpdate -LiteralPath $file -PlanItems $planFile",
                    new Dictionary<string, object> { ["file"] = file, ["planFile"] = PlanSandbox.ItemsFile });
                Assert.Empty(result.Errors);
                Assert.Equal(new[] { "Modify", "NoChange" }, result.Output.Select(o => o.Properties["ChangeType"].Value.ToString()));
                Assert.Equal($"line 2 of {Path.GetFileName(file)}", result.Output[0].Properties["Address"].Value);
                Assert.Equal(0.05m, result.Output[0].Properties["ValueChange"].Value);
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public void The_table_shows_a_symbol_per_type_and_before_and_after()
        {
            using var shell = new ModuleRunspace();
            var result = shell.Run($"{string.Join(", ", Row("KPI-1", "At Risk", "1", "2026-11-28"), Row("KPI-2", "At Risk", "14", "2026-11-28"), Row("KPI-2", "At Risk", "14", "2026-11-01"), Row("KPI-3", "On Track", "", "2026-11-28"))} | " +
                "Compare-AchieveItUpdate -PlanItems $planFile | Format-Table | Out-String -Width 200", new Dictionary<string, object> { ["planFile"] = PlanSandbox.ItemsFile });
            var lines = result.Output.Single().ToString().Split('\n').Select(l => l.TrimEnd()).Where(l => l.Contains("KPI-")).ToList();
            Assert.Equal(new[] { '~', '=', '!', '?' }, lines.Select(l => l.TrimStart()[0]));
            Assert.Contains("On Track -> At Risk", lines[0]);
            Assert.Contains("0.45 -> 1", lines[0]);
            Assert.Contains("+0.55", lines[0]);
        }

        [Fact]
        public void A_later_row_of_one_item_is_compared_with_the_item_as_the_earlier_row_leaves_it()
        {
            var result = Compare(string.Join(", ", Row("KPI-2", "Achieved", "5", "2026-11-28"), Row("KPI-2", "On Track", "1", "2026-11-27"), Row("KPI-2", "Achieved", "5", "2026-11-29")),
                "-PlanItems $planFile");
            Assert.Equal(new[] { "Modify", "Older", "NoChange" }, result.Output.Select(o => o.Properties["ChangeType"].Value.ToString()));
        }

        [Fact]
        public void A_plan_file_written_in_a_day_first_culture_is_read_as_it_was_written()
        {
            var plan = Path.Combine(Path.GetTempPath(), "compare-de-" + Guid.NewGuid().ToString("N") + ".csv");
            File.WriteAllText(plan, "\"ExternalId\",\"Status\",\"CurrentValue\",\"LastUpdated\"\r\n\"KPI-1\",\"On Track\",\"0,45\",\"20.11.2026 00:00:00\"\r\n");
            try
            {
                using var shell = new ModuleRunspace();
                var result = shell.Run("[cultureinfo]::CurrentCulture = 'de-DE'; " + string.Join(", ", Row("KPI-1", "On Track", "0.45", "2026-11-28"), Row("KPI-1", "On Track", "0.45", "2026-11-19")) +
                    " | Compare-AchieveItUpdate -PlanItems $plan", new Dictionary<string, object> { ["plan"] = plan });
                Assert.Empty(result.Errors);
                Assert.Equal(new[] { "NoChange", "Older" }, result.Output.Select(o => o.Properties["ChangeType"].Value.ToString()));
            }
            finally
            {
                File.Delete(plan);
            }
        }

        [Fact]
        public void A_last_update_that_cannot_be_read_makes_the_row_NotCompared_with_a_warning()
        {
            using var shell = new ModuleRunspace();
            var result = shell.Run("[pscustomobject]@{ ExternalId = 'A-1'; Status = 'On Track'; Date = '2020-01-01' } | Compare-AchieveItUpdate -PlanItems @{ ExternalId = 'A-1'; Status = 'On Track'; LastUpdated = 'garbage' }");
            Assert.Equal("NotCompared", Assert.Single(result.Output).Properties["ChangeType"].Value.ToString());
            Assert.Contains(result.Warnings, w => w.Contains("Last Updated 'garbage' of item 'A-1'"));
        }

        [Fact]
        public void Files_piped_from_Get_ChildItem_are_compared_and_an_empty_input_says_nothing_was_compared()
        {
            var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "compare-files-" + Guid.NewGuid().ToString("N"))).FullName;
            File.WriteAllText(Path.Combine(folder, "kpis.csv"), "External ID,Status,Current Metric Value,As Of Date\r\nKPI-2,At Risk,14,2026-11-28\r\n");
            try
            {
                using var shell = new ModuleRunspace();
                var piped = shell.Run("Get-ChildItem $folder -Filter *.csv | Compare-AchieveItUpdate -PlanItems $planFile", new Dictionary<string, object> { ["folder"] = folder, ["planFile"] = PlanSandbox.ItemsFile });
                Assert.Empty(piped.Errors);
                Assert.Equal("NoChange", Assert.Single(piped.Output).Properties["ChangeType"].Value.ToString());
                var empty = shell.Run("@() | Compare-AchieveItUpdate -PlanItems $planFile", new Dictionary<string, object> { ["planFile"] = PlanSandbox.ItemsFile });
                Assert.Contains(empty.Warnings, w => w.StartsWith("Nothing was compared"));
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }

        [Fact]
        public void A_plans_control_characters_never_reach_the_terminal()
        {
            using var shell = new ModuleRunspace();
            var result = shell.Run("$PSStyle.OutputRendering = 'PlainText'; $item = @{ ExternalId = 'A-1'; Status = \"$([char]27)]0;pwned$([char]7)On Track\"; CurrentValue = 1 }; " +
                "[pscustomobject]@{ ExternalId = 'A-1'; Status = 'At Risk'; Value = 1; Date = '2026-11-28' } | Compare-AchieveItUpdate -PlanItems $item | Format-Table | Out-String -Width 200");
            var text = result.Output.Single().ToString();
            Assert.False(text.Contains('\u001b'), text.Replace("\u001b", "<ESC>"));
            Assert.False(text.Contains('\u0007'), text.Replace("\u0007", "<BEL>"));
            Assert.Contains("?]0;pwned?On Track -> ", text);
        }
    }
}
