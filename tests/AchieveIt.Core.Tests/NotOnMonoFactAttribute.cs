using System;

namespace AchieveIt.Tests
{
    /// <summary>
    /// A fact that Mono cannot prove because Mono differs there from .NET Framework on Windows (and from .NET): the
    /// Framework leg reports it as skipped with the difference as its reason, never as passed.
    /// </summary>
    public sealed class NotOnMonoFactAttribute : FactAttribute
    {
        public NotOnMonoFactAttribute(string difference)
        {
            if (OnMono) Skip = "Mono differs from .NET Framework here: " + difference;
        }

        /// <summary>True when the tests run on Mono (the Framework leg on Unix).</summary>
        public static bool OnMono => Type.GetType("Mono.Runtime") != null;
    }
}
