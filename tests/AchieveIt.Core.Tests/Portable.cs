using System;
using System.Diagnostics;

namespace AchieveIt.Tests
{
    /// <summary>
    /// What the tests need that .NET and .NET Framework (the Mono leg) offer differently, in one place: the form each
    /// runtime has, so the same tests run on both.
    /// </summary>
    public static class Portable
    {
        /// <summary>
        /// Bytes allocated so far. .NET counts every allocation on every thread; .NET Framework has no such counter, so
        /// there it is the managed heap's size without a collection, which still sees a buffer that held a whole file.
        /// </summary>
        public static long AllocatedBytes()
        {
#if FRAMEWORK_LEG
            return GC.GetTotalMemory(false);
#else
            return GC.GetTotalAllocatedBytes(true);
#endif
        }

        /// <summary>A symbolic link (Unix): File.CreateSymbolicLink on .NET, ln -s where the runtime has no API for it.</summary>
        public static void SymbolicLink(string link, string target)
        {
#if FRAMEWORK_LEG
            Run("ln", "-s", target, link);
#else
            System.IO.File.CreateSymbolicLink(link, target);
#endif
        }

        /// <summary>Runs a program to its end; its output, or InvalidOperationException when it fails.</summary>
        public static string Run(string command, params string[] arguments)
        {
            var quoted = new System.Text.StringBuilder();
            foreach (var argument in arguments) quoted.Append(quoted.Length == 0 ? string.Empty : " ").Append('"').Append(argument.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append('"');
            var info = new ProcessStartInfo(command, quoted.ToString()) { UseShellExecute = false, RedirectStandardOutput = true };
            using (var process = Process.Start(info))
            {
                var output = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode != 0) throw new InvalidOperationException($"{command} failed");
                return output;
            }
        }
    }
}
