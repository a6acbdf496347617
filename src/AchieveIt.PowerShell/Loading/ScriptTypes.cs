using System;
using System.Linq;
using System.Management.Automation;
using System.Runtime.CompilerServices;

namespace AchieveIt.PowerShell.Loading
{
    /// <summary>
    /// PowerShell 7 does not look inside a module's own load context when a script names a type, so the core's
    /// public types ([AchieveIt.Job], [AchieveIt.ProgressUpdate], [AchieveIt.Csv.CsvFormat], ...) are registered
    /// under their full names as type accelerators: scripts name them exactly as before, and they are the very
    /// types the cmdlets use.
    /// </summary>
    internal static class ScriptTypes
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static void Register()
        {
            var accelerators = typeof(PSObject).Assembly.GetType("System.Management.Automation.TypeAccelerators");
            var add = accelerators?.GetMethod("Add", new[] { typeof(string), typeof(Type) });
            if (add == null) return; // not this PowerShell's shape: type literals then need the full assembly name
            foreach (var type in typeof(Job).Assembly.GetExportedTypes().Where(t => !t.IsNested))
            {
                add.Invoke(null, new object[] { type.FullName, type });
            }
        }
    }
}
