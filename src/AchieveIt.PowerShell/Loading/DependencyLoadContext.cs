using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace AchieveIt.PowerShell.Loading
{
    /// <summary>
    /// PowerShell 7: the module's own load context. The default context learns of it only through its Resolving
    /// event, and only for what this entry assembly references (AchieveIt.Core); everything the core needs then
    /// resolves here, from Dependencies/, except the runtime's own assemblies, which always come from the runtime.
    /// </summary>
    internal sealed class DependencyLoadContext : AssemblyLoadContext
    {
        private static readonly string[] EntryReferences = { "AchieveIt.Core" };
        private static DependencyLoadContext instance;
        private readonly string folder;
        private readonly HashSet<string> platform;

        private DependencyLoadContext(string folder)
        {
            this.folder = folder;
            platform = PlatformAssemblies();
        }

        public static void Register(string folder)
        {
            instance = new DependencyLoadContext(folder);
            Default.Resolving += ResolveEntryReference;
        }

        protected override Assembly Load(AssemblyName name)
        {
            if (platform.Contains(name.Name)) return null; // the runtime's copy, newer than the netstandard shims we ship
            var path = Path.Combine(folder, name.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }

        private static Assembly ResolveEntryReference(AssemblyLoadContext context, AssemblyName name) =>
            Array.IndexOf(EntryReferences, name.Name) >= 0 ? instance.LoadFromAssemblyName(name) : null;

        private static HashSet<string> PlatformAssemblies()
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
            foreach (var path in list.Split(Path.PathSeparator))
            {
                if (path.Length > 0) names.Add(Path.GetFileNameWithoutExtension(path));
            }

            return names;
        }
    }
}
