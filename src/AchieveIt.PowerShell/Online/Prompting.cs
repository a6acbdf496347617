using System.Management.Automation;

namespace AchieveIt.PowerShell.Online
{
    /// <summary>What ShouldProcess will do, known before it is called: so that work done only for its message (a look at the journal) or only for a real run (a file beside the destination) is done only then.</summary>
    internal static class Prompting
    {
        /// <summary>True under -WhatIf (given, or $WhatIfPreference): nothing may be written.</summary>
        public static bool WhatIf(PSCmdlet cmdlet)
        {
            if (cmdlet.MyInvocation.BoundParameters.TryGetValue("WhatIf", out var given)) return given is SwitchParameter s ? s.IsPresent : given is bool b && b;
            var preference = cmdlet.SessionState.PSVariable.GetValue("WhatIfPreference");
            if (preference is PSObject wrapped) preference = wrapped.BaseObject;
            return preference is SwitchParameter sw ? sw.IsPresent : preference is bool on && on;
        }

        /// <summary>True when ShouldProcess will show its message: -WhatIf, -Confirm, or a $ConfirmPreference at or below <paramref name="impact"/>.</summary>
        public static bool ShowsMessage(PSCmdlet cmdlet, ConfirmImpact impact)
        {
            if (WhatIf(cmdlet)) return true;
            if (cmdlet.MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm)) return confirm is SwitchParameter c ? c.IsPresent : confirm is bool b && b;
            var preference = cmdlet.SessionState.PSVariable.GetValue("ConfirmPreference");
            if (preference is PSObject wrapped) preference = wrapped.BaseObject;
            return preference is ConfirmImpact level && level != ConfirmImpact.None && level <= impact;
        }
    }
}
