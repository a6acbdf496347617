using System;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using AchieveIt.Csv;

namespace AchieveIt.PowerShell.Loading
{
    /// <summary>
    /// At import, after the handlers exist: loads the core (so [AchieveIt.Job] and the other types resolve at once)
    /// and checks that it is bound to the CsvHelper the module ships. Where another module's copy won (Windows
    /// PowerShell only), the import stops with a message that names the assembly and both versions.
    /// </summary>
    internal static class DependencyCheck
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static void Verify()
        {
            var shipped = Path.Combine(ModuleLayout.Dependencies, "CsvHelper.dll");
            if (!File.Exists(shipped)) return; // a development build without the Dependencies folder
            var expected = AssemblyName.GetAssemblyName(shipped).Version;
            AssemblyName bound;
            try
            {
                bound = CsvEngine.Bound;
            }
            catch (Exception e) when (e is FileLoadException || e is FileNotFoundException || e is TypeLoadException)
            {
                throw new InvalidOperationException(
                    $"The AchieveIt module cannot load its CsvHelper {expected}: {e.Message} Another module loaded a conflicting CsvHelper first. " +
                    "Import AchieveIt in a new session before that module, or run it in PowerShell 7, where the module keeps its own copy.", e);
            }

            if (bound.Version != expected)
            {
                throw new InvalidOperationException(
                    $"The AchieveIt module needs CsvHelper {expected}, but CsvHelper {bound.Version} from '{CsvEngine.Location}' was loaded by another module first, " +
                    "and Windows PowerShell cannot hold both for this module. Import AchieveIt in a new session before that module, or use PowerShell 7.");
            }
        }
    }
}
