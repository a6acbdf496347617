using System;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;

namespace AchieveIt.PowerShell.Loading
{
    /// <summary>
    /// Keeps the module's dependencies (AchieveIt.Core, CsvHelper and what CsvHelper needs) out of other modules'
    /// way. Only this assembly is in the module's root; the rest is in Dependencies/. On PowerShell 7 they load
    /// in the module's own AssemblyLoadContext, so another module's CsvHelper of any version, loaded before or
    /// after, cannot replace ours. Windows PowerShell has no load contexts: a resolve handler answers with the
    /// copies the module ships, and a conflict it cannot resolve stops the import with a message naming it.
    /// </summary>
    /// <remarks>
    /// Every step is in a method of its own that is not inlined: a method that names a type of the core or of
    /// System.Runtime.Loader makes the JIT load that assembly before the method runs, which would be before the
    /// handlers exist (or, on Windows PowerShell, a type that is not there at all).
    /// </remarks>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        private static readonly object Gate = new object();
        private static bool handlersRegistered;
        private static bool typesRegistered;

        internal static bool IsWindowsPowerShell { get; } =
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        public void OnImport()
        {
            // Runspaces import in parallel (ForEach-Object -Parallel, runspace pools): each import takes this lock, so no
            // runspace verifies the dependencies before the handlers exist. The type accelerators are one process-wide
            // Dictionary that is not safe to write from two threads (parallel writes corrupted it and failed imports):
            // the first import that passes the check writes them, once.
            lock (Gate)
            {
                if (!handlersRegistered)
                {
                    if (IsWindowsPowerShell) RegisterResolveHandler();
                    else RegisterLoadContext();
                    handlersRegistered = true;
                }

                DependencyCheck.Verify();
                if (!typesRegistered && !IsWindowsPowerShell) ScriptTypes.Register();
                typesRegistered = true;
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void RegisterLoadContext() => DependencyLoadContext.Register(ModuleLayout.Dependencies);

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void RegisterResolveHandler() => AppDomain.CurrentDomain.AssemblyResolve += DesktopResolver.Resolve;
    }
}
