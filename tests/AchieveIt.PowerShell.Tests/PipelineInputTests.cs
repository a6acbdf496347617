using System.Collections.Generic;
using System.Data;
using System.Linq;

namespace AchieveIt.PowerShell.Tests
{
    /// <summary>The PowerShell layer's reading of pipeline input (PipelineUpdates, InputRowReader, TableRows, BadRowReport), with no server.</summary>
    public class PipelineInputTests
    {
        private const string Blank = "[pscustomobject]@{ 'External ID' = ''; Status = ''; 'Metric Value' = ''; 'As Of Date' = '' }";

        private static string Row(string id, string date = "2026-11-28", string comment = "") =>
            $"[pscustomobject]@{{ 'External ID' = '{id}'; Status = 'On Track'; 'Metric Value' = '1'; 'As Of Date' = '{date}'; Comment = \"{comment}\" }}";

        [Fact]
        public void Trailing_empty_rows_are_left_out_with_one_warning_and_no_error()
        {
            using var shell = new ModuleRunspace();
            var result = shell.Run($"{Row("KPI-1")}, {Row("KPI-2")}, {Blank}, {Blank}, {Blank} | New-AchieveItUpdate");
            Assert.Empty(result.Errors);
            Assert.Equal(new[] { "KPI-1", "KPI-2" }, result.Output.Select(o => o.Properties["ExternalId"].Value));
            var warning = Assert.Single(result.Warnings, w => w.Contains("empty row"));
            Assert.Contains("ends with 3 empty rows (input rows 3-5", warning);
        }

        [Fact]
        public void An_empty_row_followed_by_a_row_with_values_is_EmptyRow_naming_its_row()
        {
            using var shell = new ModuleRunspace();
            var result = shell.Run($"{Row("KPI-1")}, {Blank}, {Row("KPI-2")} | New-AchieveItUpdate");
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("EmptyRow", error.FullyQualifiedErrorId);
            Assert.Contains("Input row 2", error.Exception.Message);
        }

        [Fact]
        public void A_hashtable_is_read_by_its_keys()
        {
            using var shell = new ModuleRunspace();
            var result = shell.Run("@{ ExternalId = 'KPI-9'; Status = 'at risk'; Value = '0.450'; Date = '2026-11-28' } | New-AchieveItUpdate");
            Assert.Empty(result.Errors);
            var update = Assert.Single(result.Output);
            Assert.Equal("KPI-9", update.Properties["ExternalId"].Value);
            Assert.Equal("At Risk", update.Properties["Status"].Value?.ToString());
        }

        [Theory]
        [InlineData("DataTable")]
        [InlineData("DataView")]
        [InlineData("DataSet")]
        public void A_sql_result_piped_as_one_object_is_read_as_its_rows(string kind)
        {
            var table = KpiTable("kpis");
            object input = kind == "DataView" ? table.DefaultView : table;
            if (kind == "DataSet")
            {
                var set = new DataSet();
                set.Tables.Add(table);
                input = set;
            }

            using var shell = new ModuleRunspace();
            var result = shell.Run(", $in | New-AchieveItUpdate", new Dictionary<string, object> { ["in"] = input });
            Assert.Empty(result.Errors);
            Assert.Empty(result.Warnings);
            Assert.Equal(new[] { "KPI-1", "KPI-2" }, result.Output.Select(o => o.Properties["ExternalId"].Value));
        }

        [Fact]
        public void A_dataset_of_several_tables_is_refused_naming_them()
        {
            var set = new DataSet();
            set.Tables.Add(KpiTable("kpis"));
            set.Tables.Add(KpiTable("archive"));
            using var shell = new ModuleRunspace();
            var result = shell.Run(", $in | New-AchieveItUpdate", new Dictionary<string, object> { ["in"] = set });
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("DataSetTables", error.FullyQualifiedErrorId);
            Assert.Contains("'kpis', 'archive'", error.Exception.Message);
        }

        [Fact]
        public void Properties_that_match_no_column_are_named_in_one_warning()
        {
            using var shell = new ModuleRunspace();
            var result = shell.Run("[pscustomobject]@{ ExternalId = 'KPI-1'; Status = 'On Track'; Date = '2026-11-28'; Owner = 'ann'; Region = 'EU' } | New-AchieveItUpdate");
            Assert.Empty(result.Errors);
            var warning = Assert.Single(result.Warnings);
            Assert.Contains("'Owner', 'Region'", warning);
        }

        [Theory]
        [InlineData("05.12.2026")]
        [InlineData("5.12.2026 10:00")]
        [InlineData("05-12-2026")]
        public void DateOrder_DayFirst_reads_dotted_and_dashed_dates_day_first(string date)
        {
            using var shell = new ModuleRunspace();
            var result = shell.Run($"{Row("KPI-1", date)} | New-AchieveItUpdate -DateOrder DayFirst");
            Assert.Empty(result.Errors);
            Assert.Equal(new System.DateTime(2026, 12, 5), ((System.DateTime)Assert.Single(result.Output).Properties["AsOfDate"].Value).Date);
        }

        [Fact]
        public void Without_DateOrder_a_dotted_date_names_the_parameter_that_reads_it()
        {
            using var shell = new ModuleRunspace();
            var result = shell.Run($"{Row("KPI-1", "05.12.2026")} | New-AchieveItUpdate");
            Assert.Contains("-DateOrder DayFirst", Assert.Single(result.Errors).Exception.Message);
        }

        [Fact]
        public void A_C1_control_character_is_ControlCharacter_naming_the_row_and_field()
        {
            using var shell = new ModuleRunspace();
            var result = shell.Run($"{Row("KPI-1")}, {Row("KPI-2", comment: "10$([char]0x96)20")} | New-AchieveItUpdate");
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("ControlCharacter", error.FullyQualifiedErrorId);
            Assert.Contains("Input row 2", error.Exception.Message);
            Assert.Contains("Comment", error.Exception.Message);
        }

        [Fact]
        public void The_largest_double_is_too_large_for_AchieveIt()
        {
            using var shell = new ModuleRunspace();
            var result = shell.Run("[pscustomobject]@{ ExternalId = 'KPI-1'; Status = 'On Track'; Value = [double]::MaxValue; Date = '2026-11-28' } | New-AchieveItUpdate");
            Assert.Contains("too large for AchieveIt", Assert.Single(result.Errors).Exception.Message);
        }

        [Fact]
        public void Under_ErrorActionPreference_Stop_the_first_bad_row_stops_the_script_with_its_ID()
        {
            using var shell = new ModuleRunspace();
            var result = shell.Run($"$ErrorActionPreference = 'Stop'; {Row("KPI-1", "bogus")} | New-AchieveItUpdate; 'not reached'");
            Assert.NotNull(result.Terminating);
            Assert.DoesNotContain(result.Output, o => o.ToString() == "not reached");
            Assert.Contains(result.ErrorIds, id => id.StartsWith("InvalidDate") || id.StartsWith("Invalid"));
        }

        private static DataTable KpiTable(string name)
        {
            var table = new DataTable(name);
            table.Columns.Add("External ID");
            table.Columns.Add("Status");
            table.Columns.Add("Metric Value", typeof(decimal));
            table.Columns.Add("As Of Date", typeof(System.DateTime));
            table.Rows.Add("KPI-1", "On Track", 1.5m, new System.DateTime(2026, 11, 28));
            table.Rows.Add("KPI-2", "At Risk", System.DBNull.Value, new System.DateTime(2026, 11, 28));
            return table;
        }
    }
}
