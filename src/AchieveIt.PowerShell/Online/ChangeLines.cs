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
        public void Summary(PlanComparer compare) => Line("What if: " + compare.Summary() + ".");

        private void Line(string text) => cmdlet.WriteInformation(new HostInformationMessage { Message = text }, new[] { "PSHOST" });
    }
}
