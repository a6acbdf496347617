using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using AchieveIt.PowerShell.Input;

namespace AchieveIt.PowerShell.Tests
{
    /// <summary>The check worker's hand-off: every row checked once, in order; a failure reaches the pipeline thread; no row outlives its check.</summary>
    public class OffThreadRowsTests
    {
        private static RowValues Values(long row)
        {
            var values = new RowValues(null);
            values[0] = "KPI-" + row;
            return values;
        }

        [Fact]
        public void Every_row_is_checked_once_in_order_across_drains_and_the_ring_wrapping()
        {
            var seen = new List<long>();
            using var rows = new OffThreadRows((row, values, issues) =>
            {
                seen.Add(row);
                if (row % 1000 == 0) issues.Add(new CsvIssue(row, string.Empty, string.Empty, "X", IssueSeverity.Warning, "every thousandth"));
            });
            for (long row = 1; row <= 100_000; row++)
            {
                rows.Post(row, null, Values(row));
                if (row == 5_000) rows.Drain(); // a row checked on the pipeline thread in between
            }

            rows.Finish();
            Assert.Equal(100_000, seen.Count);
            for (var i = 0; i < seen.Count; i++) Assert.Equal(i + 1, seen[i]);
            var issues = 0;
            while (rows.TryTakeIssue(out var issue, out _))
            {
                issues++;
                Assert.Equal(issues * 1000L, issue.Line);
            }

            Assert.Equal(100, issues);
        }

        [Fact]
        public void A_failure_of_the_worker_is_thrown_on_the_pipeline_thread()
        {
            using var rows = new OffThreadRows((row, values, issues) =>
            {
                if (row == 300) throw new IOException("disk full");
            });
            var thrown = Record.Exception(() =>
            {
                for (long row = 1; row <= 100_000; row++) rows.Post(row, null, Values(row));
                rows.Finish();
            });
            Assert.Equal("disk full", Assert.IsType<IOException>(thrown).Message);
        }

        [Fact]
        public void A_row_is_let_go_once_it_is_checked()
        {
            using var rows = new OffThreadRows((row, values, issues) => { });
            var posted = Post(rows);
            rows.Drain(); // checked; the worker keeps running for rows to come
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            Assert.False(posted.TryGetTarget(out _), "the ring still holds a checked row");
            rows.Finish();
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static WeakReference<PSObject> Post(OffThreadRows rows)
        {
            var input = new PSObject(new object());
            rows.Post(1, input, Values(1));
            return new WeakReference<PSObject>(input);
        }
    }
}
