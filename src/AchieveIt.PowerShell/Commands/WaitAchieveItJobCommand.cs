using System.Collections.Generic;
using System.Management.Automation;
using AchieveIt.Http;
using AchieveIt.PowerShell.Online;

namespace AchieveIt.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Waits until AchieveIt jobs finish, and writes each one as it does.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "AchieveItJob", DefaultParameterSetName = JobSet)]
    [OutputType(typeof(Job))]
    public sealed class WaitAchieveItJobCommand : AchieveItJobCommand
    {
        private readonly List<(Job, AchieveItClient)> jobs = new List<(Job, AchieveItClient)>();

        /// <summary>Seconds to wait at most: a hard limit, even for a server that never answers (it returns within about two seconds of it). By default it waits until every job is done, as Wait-Job does.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int? Timeout { get; set; }

        protected override void OnJob((Job Job, ConnectionSettings Settings) target)
        {
            RunspaceState.For(this).Jobs.Remember(target.Job);
            if (target.Job.IsFinished)
            {
                WriteFinished(target.Job);
                return;
            }

            jobs.Add((target.Job, CreateClient(target.Settings)));
        }

        protected override void EndProcessing() => WaitForJobs(jobs, Timeout);
    }
}
