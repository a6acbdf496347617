using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using AchieveIt.Csv;
using AchieveIt.Rules;

namespace AchieveIt.LoaderHarness
{
    /// <summary>
    /// One loading scenario in this process, as Windows PowerShell meets it: the module's entry assembly loaded from
    /// its folder, its resolver registered (DesktopResolver, as ModuleInitializer does there), the import's
    /// dependency check, then real work through the core: a CSV written and read back by the module's CsvHelper.
    /// Methods that name a type of the core are not inlined, so nothing of it loads before the resolver exists.
    /// </summary>
    public static class Scenarios
    {
        private const string OtherFirst = "another-CsvHelper-loaded-first-as-a-second-module-would";
        private const string OtherAfter = "another-CsvHelper-loaded-after-the-module";
        private const string NoResolver = "without-the-resolver-the-core-cannot-load";

        public static readonly string[] Names = { OtherFirst, OtherAfter, NoResolver };

        public static int Run(string scenario, string module, string other)
        {
            try
            {
                var entry = Assembly.LoadFrom(Path.Combine(module, "AchieveIt.PowerShell.dll"));
                switch (scenario)
                {
                    case OtherFirst:
                        LoadOther(other);
                        Register(entry);
                        Verify(entry);
                        UseTheCore();
                        ExpectBothCsvHelpers(module, other);
                        break;
                    case OtherAfter:
                        Register(entry);
                        Verify(entry);
                        UseTheCore();
                        LoadOther(other);
                        UseTheCore();
                        ExpectBothCsvHelpers(module, other);
                        break;
                    case NoResolver:
                        LoadOther(other);
                        try
                        {
                            Verify(entry);
                        }
                        catch (TargetInvocationException e) when (e.InnerException is FileNotFoundException || e.InnerException is FileLoadException)
                        {
                            Console.WriteLine("refused as expected: " + e.InnerException.Message);
                            break;
                        }

                        throw new InvalidOperationException("the core loaded without the resolver: the other scenarios would prove nothing");
                    default:
                        throw new ArgumentException("no such scenario: " + scenario);
                }

                return 0;
            }
            catch (Exception e)
            {
                Console.WriteLine(e);
                return 1;
            }
        }

        private static void LoadOther(string path) => Assembly.LoadFrom(path).GetType("CsvHelper.CsvReader", throwOnError: true);

        private static void Register(Assembly entry)
        {
            var resolve = entry.GetType("AchieveIt.PowerShell.Loading.DesktopResolver", throwOnError: true).GetMethod("Resolve");
            AppDomain.CurrentDomain.AssemblyResolve += (ResolveEventHandler)Delegate.CreateDelegate(typeof(ResolveEventHandler), resolve);
        }

        private static void Verify(Assembly entry) =>
            entry.GetType("AchieveIt.PowerShell.Loading.DependencyCheck", throwOnError: true).GetMethod("Verify").Invoke(null, null);

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void UseTheCore()
        {
            using (var spool = new UpdateSpool())
            {
                var issues = new List<CsvIssue>();
                spool.Add(UpdateBuilder.FromValues(1, "KPI-1", "on track", 0.3333333333333333, new DateTime(2026, 11, 28), "a, \"b\"", issues));
                var path = spool.Complete();
                try
                {
                    const string expected = "External ID,Status,Metric Value,As Of Date,Comment\r\nKPI-1,On Track,0.3333333333333333,2026-11-28,\"a, \"\"b\"\"\"\r\n";
                    var written = File.ReadAllText(path);
                    if (written != expected) throw new InvalidOperationException("the core wrote:\n" + written);
                    var read = CsvValidator.ValidateFile(path);
                    if (read.HasErrors || read.RowCount != 1) throw new InvalidOperationException("reading it back: " + string.Join("; ", read.Issues.Select(i => i.Message)));
                }
                finally
                {
                    File.Delete(path);
                }
            }
        }

        // The core is bound to the module's own CsvHelper, and the other module's copy is loaded beside it.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ExpectBothCsvHelpers(string module, string other)
        {
            var shipped = Path.Combine(module, "Dependencies", "CsvHelper.dll");
            var expected = AssemblyName.GetAssemblyName(shipped).Version;
            if (CsvEngine.Bound.Version != expected || !SamePath(CsvEngine.Location, shipped))
                throw new InvalidOperationException($"the core is bound to CsvHelper {CsvEngine.Bound.Version} from {CsvEngine.Location}, not {expected} from {shipped}");
            var loaded = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "CsvHelper").Select(a => a.GetName().Version + " " + a.Location).ToList();
            var otherVersion = AssemblyName.GetAssemblyName(other).Version;
            if (loaded.Count != 2 || !loaded.Any(l => l.StartsWith(otherVersion + " ", StringComparison.Ordinal)))
                throw new InvalidOperationException("CsvHelpers loaded: " + string.Join(", ", loaded));
            Console.WriteLine("CsvHelpers loaded side by side: " + string.Join(", ", loaded));
        }

        private static bool SamePath(string a, string b) => string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.OrdinalIgnoreCase);
    }
}
