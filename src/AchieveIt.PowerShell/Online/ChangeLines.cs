using System.Management.Automation;
using AchieveIt.Plans;

namespace AchieveIt.PowerShell.Online
{
    /// <summary>
    /// Submit-AchieveItUpdates -WhatIf with a plan: one line per row it would send, as Compare-AchieveItUpdate's table
    /// shows it (<see cref="ChangeListing"/>), then the summary. Written to the host as Write-Host writes (the information
    /// stream, tagged PSHOST): on the screen, and in 6>&amp;1 or -InformationVariable for a script.
    /// </summary>
    internal sealed class ChangeLines
    {
        private readonly Cmdlet cmdlet;
        private bool started;

        public ChangeLines(Cmdlet cmdlet)
        {
            this.cmdlet = cmdlet;
        }

        public void Write(UpdateChange change)
        {
            if (!started)
            {
                started = true;
                Line("What if: the changes in AchieveIt, item by item (~ change, = unchanged, ! older than AchieveIt's latest update, ? not compared):");
            }

            Line(ChangeListing.Line(change));
        }

        /// <summary>The summary line, after the listing.</summary>
        public static void Summary(Cmdlet cmdlet, PlanComparer compare) => Line(cmdlet, "What if: " + compare.Summary() + ".");

        /// <summary>The summary for the -WhatIf and -Confirm message: " (3 to change, 12 unchanged, ...)", or empty without a comparison.</summary>
        public static string InMessage(PlanComparer compare, int files) =>
            compare == null ? string.Empty : $" ({(files > 1 ? "this command's rows: " : string.Empty)}{compare.Summary()})";

        private void Line(string text) => Line(cmdlet, text);

        private static void Line(Cmdlet cmdlet, string text) => cmdlet.WriteInformation(new HostInformationMessage { Message = text }, new[] { "PSHOST" });
    }
}
