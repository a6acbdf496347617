using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Threading;

namespace AchieveIt.PowerShell
{
    /// <summary>
    /// Loads the module's third-party DLLs from its Dependencies folder. Windows PowerShell has no binding
    /// redirects for a module, so a dependency asked for at another version (CsvHelper wants System.Memory 4.0.1.1,
    /// another module loaded 4.0.1.2) would fail to load; this handler answers with the copy the module ships.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        private static readonly string Dependencies =
            Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty, "Dependencies");

        private static int registered;

        public void OnImport()
        {
            if (Interlocked.Exchange(ref registered, 1) == 0) AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        }

        private static Assembly Resolve(object sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name).Name;
            var path = Path.Combine(Dependencies, name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }
    }
}
