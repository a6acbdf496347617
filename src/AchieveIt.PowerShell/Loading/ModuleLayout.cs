using System.IO;

namespace AchieveIt.PowerShell.Loading
{
    /// <summary>
    /// Where the module keeps what it loads: Dependencies/ beside this assembly. A type of its own that names nothing
    /// of System.Management.Automation, so the Windows PowerShell resolver and the dependency check can be loaded and
    /// exercised without PowerShell (the Framework leg's loader harness does, under Mono).
    /// </summary>
    internal static class ModuleLayout
    {
        public static readonly string Dependencies =
            Path.Combine(Path.GetDirectoryName(typeof(ModuleLayout).Assembly.Location) ?? string.Empty, "Dependencies");
    }
}
