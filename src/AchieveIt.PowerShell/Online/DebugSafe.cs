using System.Management.Automation;
using System.Reflection;

namespace AchieveIt.PowerShell.Online
{
    /// <summary>
    /// -Debug never prompts in the module's cmdlets. PowerShell 7 turns -Debug on a compiled cmdlet into Inquire for
    /// its verbose and warning streams (Windows PowerShell 5.1 for its debug stream too): each such line asks "Continue
    /// with this operation?", and with no one to answer (-NonInteractive, a scheduled task) the command fails. So under
    /// -Debug a verbose line is written as a debug line (the debug stream never asks on PowerShell 7), and the warning
    /// and debug preferences that -Debug made Inquire are set back to Continue, unless -WarningAction was given.
    /// What -Debug adds over -Verbose: every HTTP exchange in full (ApiConnection.Trace).
    /// </summary>
    internal static class DebugSafe
    {
        private const BindingFlags Internal = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;

        /// <summary>True when -Debug was given to the command.</summary>
        public static bool Asked(PSCmdlet cmdlet) =>
            cmdlet.MyInvocation.BoundParameters.TryGetValue("Debug", out var given) && (given is SwitchParameter s ? s.IsPresent : given is bool b && b);

        /// <summary>WriteVerbose that never prompts: under -Debug (without -Verbose), the debug stream.</summary>
        public static void Note(this PSCmdlet cmdlet, string message)
        {
            if (Asked(cmdlet) && !cmdlet.MyInvocation.BoundParameters.ContainsKey("Verbose"))
            {
                Debug(cmdlet, message);
                return;
            }

            cmdlet.WriteVerbose(message);
        }

        /// <summary>WriteWarning that never prompts under -Debug.</summary>
        public static void Warn(this PSCmdlet cmdlet, string message)
        {
            if (Asked(cmdlet) && !cmdlet.MyInvocation.BoundParameters.ContainsKey("WarningAction")) Continue(cmdlet, "WarningPreference");
            cmdlet.WriteWarning(message);
        }

        /// <summary>WriteDebug that never prompts (Windows PowerShell 5.1 makes -Debug Inquire there too).</summary>
        public static void Debug(this PSCmdlet cmdlet, string message)
        {
            if (Asked(cmdlet)) Continue(cmdlet, "DebugPreference");
            cmdlet.WriteDebug(message);
        }

        // The command runtime's preference, set back from Inquire to Continue; left as it is where the runtime has no such setter.
        private static void Continue(PSCmdlet cmdlet, string preference)
        {
            var runtime = cmdlet.CommandRuntime;
            var property = runtime?.GetType().GetProperty(preference, Internal);
            if (property == null || !property.CanWrite || property.PropertyType != typeof(ActionPreference)) return;
            try
            {
                if ((ActionPreference)property.GetValue(runtime, null) == ActionPreference.Inquire) property.SetValue(runtime, ActionPreference.Continue, null);
            }
            catch (TargetInvocationException)
            {
                // A runtime that refuses the value keeps its own: the line may ask, as PowerShell itself would.
            }
        }
    }
}
