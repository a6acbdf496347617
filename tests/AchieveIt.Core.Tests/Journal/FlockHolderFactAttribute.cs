using System;
using System.Runtime.InteropServices;

namespace AchieveIt.Tests.Journal
{
    /// <summary>
    /// A fact about the journal's lock held by another process with flock(1), as .NET on Unix takes FileShare.None.
    /// Skipped, with the reason, where it cannot be proven that way: on Windows there is no flock (share modes lock
    /// there, and no test here holds one from another process), and on Mono, which keeps FileShare.None inside its own
    /// process (the Framework leg; .NET Framework on Windows uses the OS's share modes).
    /// </summary>
    public sealed class FlockHolderFactAttribute : FactAttribute
    {
        public FlockHolderFactAttribute()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                Skip = "Windows has no flock to hold the lock from another process; its share modes are not exercised by this test";
            }
            else if (Type.GetType("Mono.Runtime") != null)
            {
                Skip = "Mono differs from .NET Framework here: FileShare.None is kept per process by Mono, so another process's flock does not hold it back (on Windows, share modes are the OS's own)";
            }
        }
    }
}
