using System;
using System.Diagnostics;
using System.Globalization;
using AchieveIt.Journal;

namespace AchieveIt.Tests.Journal
{
    /// <summary>Whether an intent's holder still runs: its process ID and start time, read again by another process.</summary>
    public class IntentHolderTests
    {
        // This process as another load of the module records it, its start time moved by the given ticks.
        private static string Holder(long shiftTicks)
        {
            using (var self = Process.GetCurrentProcess())
            {
                var parts = IntentHolder.Of(self, "another-load").Split(':');
                return parts[0] + ":" + (long.Parse(parts[1], CultureInfo.InvariantCulture) + shiftTicks).ToString(CultureInfo.InvariantCulture) + ":" + parts[2];
            }
        }

        [Fact]
        public void A_running_holder_is_alive_though_its_start_time_reads_a_little_differently_each_time()
        {
            Assert.True(IntentHolder.IsAlive(Holder(0)));
            Assert.True(IntentHolder.IsAlive(Holder(4_000))); // 0.4 ms: two readings of one process on Linux, measured
            Assert.True(IntentHolder.IsAlive(Holder(-4_000)));
        }

        [Fact]
        public void A_process_ID_that_started_at_another_time_is_another_process()
        {
            Assert.False(IntentHolder.IsAlive(Holder(TimeSpan.FromMinutes(1).Ticks)));
            Assert.False(IntentHolder.IsAlive(Holder(-TimeSpan.FromHours(1).Ticks)));
            Assert.False(IntentHolder.IsAlive("2147480000:1:gone"));
        }
    }
}
