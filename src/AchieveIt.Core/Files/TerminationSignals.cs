using System;
using System.Collections.Generic;
using System.Reflection;

namespace AchieveIt.Files
{
    /// <summary>
    /// Runs an action when the process is told to end by SIGTERM or SIGHUP (.NET 6+, so PowerShell 7.2+ on Unix),
    /// where PowerShell exits without raising ProcessExit. The runtime's own handling then goes on as before.
    /// netstandard2.0 cannot name PosixSignalRegistration, so it is found by reflection; elsewhere this does nothing.
    /// </summary>
    internal static class TerminationSignals
    {
        private static Action onSignal;

        /// <summary>The registrations (to be kept alive by the caller), or null where the runtime has none.</summary>
        public static object Register(Action action)
        {
            onSignal = action;
            var registration = Type.GetType("System.Runtime.InteropServices.PosixSignalRegistration, System.Runtime.InteropServices", false);
            var signal = Type.GetType("System.Runtime.InteropServices.PosixSignal, System.Runtime.InteropServices", false);
            var context = Type.GetType("System.Runtime.InteropServices.PosixSignalContext, System.Runtime.InteropServices", false);
            if (registration == null || signal == null || context == null) return null;
            var handlerType = typeof(Action<>).MakeGenericType(context);
            var create = registration.GetMethod("Create", new[] { signal, handlerType });
            if (create == null) return null;
            var handler = Delegate.CreateDelegate(handlerType, typeof(TerminationSignals).GetMethod(nameof(OnSignal), BindingFlags.NonPublic | BindingFlags.Static));
            var kept = new List<object>();
            foreach (var name in new[] { "SIGTERM", "SIGHUP" })
            {
                try
                {
                    kept.Add(create.Invoke(null, new[] { Enum.Parse(signal, name), handler }));
                }
                catch (TargetInvocationException)
                {
                    // Not supported on this platform (Windows has no SIGTERM registration): ProcessExit remains.
                }
            }

            return kept;
        }

        private static void OnSignal(object context) => onSignal?.Invoke();
    }
}
