using System;
using System.IO;
using System.Reflection;

namespace AchieveIt.PowerShell.Loading
{
    /// <summary>
    /// Windows PowerShell: no binding redirects for a module, so a dependency asked for at another version (CsvHelper
    /// wants System.Memory 4.0.1.1, another module loaded 4.0.1.2) would fail to load; this answers with the copy
    /// the module ships. Strong-named assemblies of different versions load side by side.
    /// </summary>
    internal static class DesktopResolver
    {
        public static Assembly Resolve(object sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name).Name;
            var path = Path.Combine(ModuleLayout.Dependencies, name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }
    }
}
