using System.Management.Automation;
using AchieveIt.Http;
using AchieveIt.PowerShell.Completion;
using AchieveIt.PowerShell.Online;

namespace AchieveIt.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the current state of AchieveIt jobs.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AchieveItJob", DefaultParameterSetName = JobSet)]
    [OutputType(typeof(Job))]
    public sealed class GetAchieveItJobCommand : AchieveItOnlineCommand
    {
        private const string JobIdSet = "JobId";
        private const string JobSet = "Job";
        private ConnectionSettings settings;

        /// <summary>The job IDs, as Submit-AchieveItUpdates returned them.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = JobIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(JobIdCompleter))]
        public string[] JobId { get; set; }

        /// <summary>Jobs from Submit-AchieveItUpdates or an earlier Get/Wait; each is asked at the address it was submitted to.</summary>
        [Parameter(Mandatory = true, ParameterSetName = JobSet, ValueFromPipeline = true)]
        public Job[] Job { get; set; }

        protected override void BeginProcessing() => settings = ResolveSettings();

        protected override void ProcessRecord()
        {
            if (ParameterSetName == JobSet)
            {
                foreach (var job in Job)
                {
                    try
                    {
                        Query(JobTargets.ForJob(job, settings));
                    }
                    catch (AchieveItException e)
                    {
                        WriteError(OnlineErrors.From(e, job));
                    }
                }
            }
            else
            {
                foreach (var id in JobId) Query(JobTargets.ForId(id, settings));
            }
        }

        private void Query((Job Job, ConnectionSettings Settings) target)
        {
            var client = CreateClient(target.Settings);
            try
            {
                var answer = Run(token => client.GetStatusAsync(target.Job, token));
                target.Job.Observe(answer.State, answer.StatusCode, answer.Message, answer.At);
                JobHistory.Remember(target.Job);
                WriteObject(target.Job);
            }
            catch (AchieveItException e)
            {
                if (e.ErrorId == ErrorIds.ApiKeyRefused) ThrowTerminatingError(OnlineErrors.From(e, target.Job));
                WriteError(OnlineErrors.From(e, target.Job));
            }
        }
    }
}
