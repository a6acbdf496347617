using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security;
using System.Text;

namespace AchieveIt.LoaderHarness
{
    /// <summary>
    /// Runs each loading scenario in a fresh process of its own (an AppDomain's loads cannot be undone) and prints one
    /// line per scenario, then "loader harness: N passed, N failed" (and NUnit XML with --nunit). Usage: harness.exe &lt;module folder&gt; &lt;another CsvHelper.dll&gt; [--nunit &lt;file&gt;].
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length == 3) return Scenarios.Run(args[0], args[1], args[2]);
            var nunit = args.Length == 4 && args[2] == "--nunit" ? args[3] : null;
            if (args.Length != 2 && nunit == null)
            {
                Console.Error.WriteLine("usage: AchieveIt.Loader.Harness.exe <module folder (out/AchieveIt)> <another CsvHelper.dll> [--nunit <results.xml>]");
                return 2;
            }

            int passed = 0, failed = 0;
            var cases = new StringBuilder();
            foreach (var scenario in Scenarios.Names)
            {
                var (ok, output) = RunChild(scenario, args[0], args[1]);
                Console.WriteLine((ok ? "  [PASS] " : "  [FAIL] ") + scenario);
                if (output.Trim().Length > 0) Console.WriteLine(Indent(output));
                if (ok) passed++;
                else failed++;
                cases.Append("    <test-case name=\"").Append(SecurityElement.Escape(scenario)).Append("\" result=\"").Append(ok ? "Passed\" />\n" : "Failed\">\n      <failure><message>" + SecurityElement.Escape(output.Trim()) + "</message></failure>\n    </test-case>\n");
            }

            Console.WriteLine($"loader harness: {passed} passed, {failed} failed");
            // The NUnit XML every other suite writes, so build.ps1 counts all of them one way.
            if (nunit != null)
            {
                File.WriteAllText(nunit, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<test-run total=\"" + (passed + failed) + "\" passed=\"" + passed + "\" failed=\"" + failed +
                    "\">\n  <test-suite type=\"Assembly\" name=\"loader harness\">\n" + cases + "  </test-suite>\n</test-run>\n", new UTF8Encoding(false));
            }

            return failed == 0 ? 0 : 1;
        }

        // The same runtime again (mono, or the .NET Framework itself on Windows) with this program and a scenario.
        private static (bool Ok, string Output) RunChild(string scenario, string module, string other)
        {
            var self = typeof(Program).Assembly.Location;
            var runtime = Process.GetCurrentProcess().MainModule.FileName;
            var onMono = Type.GetType("Mono.Runtime") != null;
            var info = new ProcessStartInfo(onMono ? runtime : self, (onMono ? Quote(self) + " " : string.Empty) + string.Join(" ", new[] { scenario, module, other }.Select(Quote)))
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using (var child = Process.Start(info))
            {
                var error = child.StandardError.ReadToEndAsync();
                var output = child.StandardOutput.ReadToEndAsync();
                if (!child.WaitForExit(120_000))
                {
                    child.Kill();
                    return (false, "did not finish in 120 s (stopped)");
                }

                return (child.ExitCode == 0, output.Result + error.Result);
            }
        }

        private static string Quote(string s) => "\"" + s.Replace("\"", "\\\"") + "\"";

        private static string Indent(string text) => string.Join(Environment.NewLine, text.Trim().Split('\n').Select(l => "      " + l.TrimEnd('\r')));
    }
}
