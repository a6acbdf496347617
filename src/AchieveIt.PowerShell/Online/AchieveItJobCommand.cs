using System.Management.Automation;
using AchieveIt.Http;
using AchieveIt.PowerShell.Completion;

namespace AchieveIt.PowerShell.Online
{
    /// <summary>What Get-AchieveItJob and Wait-AchieveItJob share: jobs by ID or as objects, asked at the configured address.</summary>
    public abstract class AchieveItJobCommand : AchieveItOnlineCommand
    {
        protected const string JobIdSet = "JobId";
        protected const string JobSet = "Job";

        /// <summary>The job IDs, as Submit-AchieveItUpdates returned them. IDs used in this session tab-complete.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = JobIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(JobIdCompleter))]
        public string[] JobId { get; set; }

        /// <summary>Jobs from Submit-AchieveItUpdates, Get-AchieveItJob or Wait-AchieveItJob.</summary>
        [Parameter(Mandatory = true, ParameterSetName = JobSet, ValueFromPipeline = true)]
        public Job[] Job { get; set; }

        protected ConnectionSettings Settings { get; private set; }

        protected override void BeginProcessing() => Settings = ResolveSettings();

        protected override void ProcessRecord()
        {
            if (ParameterSetName == JobSet)
            {
                foreach (var job in Job)
                {
                    try
                    {
                        OnJob(JobTargets.ForJob(job, Settings));
                    }
                    catch (AchieveItException e)
                    {
                        WriteError(OnlineErrors.From(e, job));
                    }
                }
            }
            else
            {
                foreach (var id in JobId) OnJob(JobTargets.ForId(id, Settings));
            }
        }

        /// <summary>Handles one job: a copy of what was given, with the settings to ask with.</summary>
        protected abstract void OnJob((Job Job, ConnectionSettings Settings) target);
    }
}
