using System;
using System.Runtime.InteropServices;

namespace AchieveIt.Http
{
    /// <summary>
    /// Whether the process runs on a .NET Framework 4.x runtime: .NET Framework itself (Windows PowerShell 5.1) or
    /// Mono, which implements it and whose HttpClient likewise sits on HttpWebRequest (the Framework leg of the tests).
    /// One test for every behaviour that differs there, so the Framework leg takes the branches Windows PowerShell takes.
    /// </summary>
    internal static class FrameworkRuntime
    {
        public static bool IsRunning { get; } =
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase) ||
            Type.GetType("Mono.Runtime") != null;
    }
}
