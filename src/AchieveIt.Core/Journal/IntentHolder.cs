using System;
using System.Diagnostics;
using System.Globalization;

namespace AchieveIt.Journal
{
    /// <summary>
    /// Who wrote an intent, so that an upload still on its way is told from one whose process ended: the process ID,
    /// the process's start time (a process ID is reused; the pair is not) and a mark of this load of the module (runspaces
    /// of one process share it). A holder that is alive has its upload in flight: wait for its outcome, never send again.
    /// </summary>
    internal static class IntentHolder
    {
        private static readonly string ProcessMark = Guid.NewGuid().ToString("N");
        private static readonly Lazy<string> Current = new Lazy<string>(() =>
        {
            using (var self = Process.GetCurrentProcess())
            {
                return self.Id.ToString(CultureInfo.InvariantCulture) + ":" + StartTicks(self) + ":" + ProcessMark;
            }
        });

        /// <summary>This process, as an intent records it.</summary>
        public static string Here => Current.Value;

        /// <summary>True when the holder is this process or a process still running (the same ID and start time).</summary>
        public static bool IsAlive(string holder)
        {
            if (string.IsNullOrEmpty(holder)) return false;
            var parts = holder.Split(':');
            if (parts.Length != 3) return false;
            if (parts[2] == ProcessMark) return true;
            if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return false;
            try
            {
                using (var process = Process.GetProcessById(id))
                {
                    return !process.HasExited && SameStart(StartTicks(process), parts[1]);
                }
            }
            catch (Exception e) when (e is ArgumentException || e is InvalidOperationException || e is System.ComponentModel.Win32Exception || e is NotSupportedException)
            {
                return false; // no such process (any more), or one we may not look at
            }
        }

        /// <summary>Whether the holder is this very process: "this process" or "process N" in a message.</summary>
        public static bool IsHere(string holder) => holder != null && holder.EndsWith(":" + ProcessMark, StringComparison.Ordinal);

        /// <summary>The holder's process ID, for a message.</summary>
        public static string ProcessId(string holder) => holder?.Split(':')[0] ?? "?";

        /// <summary>
        /// The most two readings of one process's start time differ by. Linux derives it from the boot time, itself
        /// worked out from the uptime at each reading: two readings of one process were measured 0.4 ms apart, so an
        /// exact match called a live upload's process ended. A process ID reused within this window is not a worry.
        /// </summary>
        internal static readonly TimeSpan StartTolerance = TimeSpan.FromSeconds(2);

        // Two readings of a start time (ticks as text, "0" when unreadable) that name the same process start.
        internal static bool SameStart(string now, string recorded)
        {
            if (!long.TryParse(now, NumberStyles.None, CultureInfo.InvariantCulture, out var a) || !long.TryParse(recorded, NumberStyles.None, CultureInfo.InvariantCulture, out var b)) return false;
            return Math.Abs(a - b) <= StartTolerance.Ticks;
        }

        /// <summary>A holder as another load of the module in process <paramref name="process"/> records it (tests).</summary>
        internal static string Of(Process process, string mark) => process.Id.ToString(CultureInfo.InvariantCulture) + ":" + StartTicks(process) + ":" + mark;

        private static string StartTicks(Process process)
        {
            try
            {
                return process.StartTime.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is InvalidOperationException || e is System.ComponentModel.Win32Exception || e is NotSupportedException)
            {
                return "0";
            }
        }
    }
}
