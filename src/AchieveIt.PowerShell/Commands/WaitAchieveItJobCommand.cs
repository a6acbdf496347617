using System.Collections.Generic;
using System.Management.Automation;
using AchieveIt.Http;
using AchieveIt.PowerShell.Completion;
using AchieveIt.PowerShell.Online;

namespace AchieveIt.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Waits until AchieveIt jobs finish, and writes each one as it does.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "AchieveItJob", DefaultParameterSetName = JobSet)]
    [OutputType(typeof(Job))]
    public sealed class WaitAchieveItJobCommand : AchieveItOnlineCommand
    {
        private const string JobIdSet = "JobId";
        private const string JobSet = "Job";
        private readonly List<(Job, AchieveItClient)> jobs = new List<(Job, AchieveItClient)>();
        private ConnectionSettings settings;

        /// <summary>The job IDs to wait for.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = JobIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(JobIdCompleter))]
        public string[] JobId { get; set; }

        /// <summary>Jobs from Submit-AchieveItUpdates or Get-AchieveItJob.</summary>
        [Parameter(Mandatory = true, ParameterSetName = JobSet, ValueFromPipeline = true)]
        public Job[] Job { get; set; }

        /// <summary>Seconds to wait at most. By default it waits until every job is done, as Wait-Job does.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int? Timeout { get; set; }

        protected override void BeginProcessing() => settings = ResolveSettings();

        protected override void ProcessRecord()
        {
            if (ParameterSetName == JobSet)
            {
                foreach (var job in Job)
                {
                    try
                    {
                        Add(JobTargets.ForJob(job, settings));
                    }
                    catch (AchieveItException e)
                    {
                        WriteError(OnlineErrors.From(e, job));
                    }
                }
            }
            else
            {
                foreach (var id in JobId) Add(JobTargets.ForId(id, settings));
            }
        }

        protected override void EndProcessing()
        {
            try
            {
                WaitForJobs(jobs, Timeout);
            }
            catch (AchieveItException e)
            {
                ThrowTerminatingError(OnlineErrors.From(e, null));
            }
        }

        private void Add((Job Job, ConnectionSettings Settings) target)
        {
            JobHistory.Remember(target.Job);
            if (target.Job.IsFinished)
            {
                WriteFinished(target.Job);
                return;
            }

            jobs.Add((target.Job, CreateClient(target.Settings)));
        }
    }
}
