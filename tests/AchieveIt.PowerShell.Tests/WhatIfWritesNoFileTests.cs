using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AchieveIt.Files;

namespace AchieveIt.PowerShell.Tests
{
    /// <summary>
    /// Tests that count what every command of this process makes (the spool files) run alone, after the parallel ones:
    /// another class spooling rows at the same time would be counted as a write.
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class WatchesSharedFolders
    {
        public const string Name = "Watches the folders every command shares";
    }

    /// <summary>-WhatIf changes no file anywhere: no spool file, not even for a moment, and nothing beside a destination.</summary>
    [Collection(WatchesSharedFolders.Name)]
    public class WhatIfWritesNoFileTests : IClassFixture<WhatIfSandbox>
    {
        private static readonly DateTime Stamp = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc); // any file made and removed in a folder moves its time

        private readonly WhatIfSandbox sandbox;

        public WhatIfWritesNoFileTests(WhatIfSandbox sandbox) => this.sandbox = sandbox;

        [Fact]
        public void Submit_and_Export_under_WhatIf_write_no_spool_file_and_nothing_beside_the_destination()
        {
            var work = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "whatif-nofile-" + Guid.NewGuid().ToString("N"))).FullName;
            try
            {
                var file = Path.Combine(work, "kept.csv");
                File.WriteAllText(file, "External ID,Status,Current Metric Value,As Of Date\r\nFI-1,On Track,1,2026-11-20\r\nFI-2,At Risk,3,2026-11-28\r\n");
                var dayFirst = Path.Combine(work, "dayfirst.csv");
                File.WriteAllText(dayFirst, "External ID,Status,Current Metric Value,As Of Date\r\nFI-1,On Track,1,28.11.2026\r\n");
                var destination = Directory.CreateDirectory(Path.Combine(work, "destination")).FullName;
                // The spool folder is the user's, shared with every other process (the other test projects run beside
                // this one): this process's own count of files made is the witness there, not the folder's time.
                var made = SpoolFiles.Created;
                Directory.SetLastWriteTimeUtc(work, Stamp);
                Directory.SetLastWriteTimeUtc(destination, Stamp);

                // The rows: a late comment (the comment column's rewrite), a plan with rows left out, a file sent as the rows it keeps, a file of day-first dates rewritten.
                var rows = string.Join(", ", InProcessSandbox.Row("EX-1", "On Track", "0.45", "2026-11-20"), InProcessSandbox.Row("EX-2", "Off Track", "12", "2026-11-28", "late, noted"));
                using var shell = new ModuleRunspace();
                var result = shell.Run(
                    $"{rows} | Submit-AchieveItUpdates -BaseUri $base -ApiKey $key -WhatIf\n" +
                    $"{rows} | Submit-AchieveItUpdates -BaseUri $base -ApiKey $key -PlanId $plan -ExcludeChangeType NoChange -WhatIf\n" +
                    $"Submit-AchieveItUpdates -LiteralPath '{file}' -BaseUri $base -ApiKey $key -PlanItems $planFile -ExcludeChangeType NoChange -WhatIf\n" +
                    $"Submit-AchieveItUpdates -LiteralPath '{dayFirst}' -DateOrder DayFirst -BaseUri $base -ApiKey $key -WhatIf\n" +
                    $"{rows} | Export-AchieveItCsv -LiteralPath '{Path.Combine(destination, "out.csv")}' -WhatIf",
                    new Dictionary<string, object>(sandbox.Variables()) { ["plan"] = WhatIfSandbox.Plan, ["planFile"] = WhatIfSandbox.ItemsFile });

                Assert.Null(result.Terminating);
                Assert.Empty(result.Errors);
                Assert.Equal(2, result.Information.Count(l => l.StartsWith("What if: the changes in AchieveIt, item by item", StringComparison.Ordinal))); // both plan commands listed their rows
                Assert.Equal(made, SpoolFiles.Created);
                Assert.Equal(Stamp, Directory.GetLastWriteTimeUtc(work));
                Assert.Equal(Stamp, Directory.GetLastWriteTimeUtc(destination));
                Assert.Empty(Directory.GetFileSystemEntries(destination));

                // The witness sees a write: the same rows exported for real make temporary files (the late comment, two).
                Assert.Empty(shell.Run($"{rows} | Export-AchieveItCsv -LiteralPath '{Path.Combine(destination, "real.csv")}'").Errors);
                Assert.Equal(made + 2, SpoolFiles.Created);
            }
            finally
            {
                Directory.Delete(work, true);
            }
        }
    }
}
