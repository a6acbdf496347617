using System;
using System.Management.Automation;
using System.Threading;
using AchieveIt.Http;
using AchieveIt.PowerShell.Online;

namespace AchieveIt.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the current state of AchieveIt jobs.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AchieveItJob", DefaultParameterSetName = JobSet)]
    [OutputType(typeof(Job))]
    public sealed class GetAchieveItJobCommand : AchieveItJobCommand
    {
        /// <summary>Seconds to spend on one job's status at most, retries included (default 60). A job whose status could not be read in that time is error StatusUnavailable.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int Timeout { get; set; } = 60;

        protected override void OnJob((Job Job, ConnectionSettings Settings) target)
        {
            var client = CreateClient(target.Settings);
            using (var limit = new CancellationTokenSource(TimeSpan.FromSeconds(Timeout)))
            {
                try
                {
                    var answer = Run(token => client.GetStatusAsync(target.Job, token), limit.Token);
                    target.Job.Observe(answer.State, answer.StatusCode, answer.Message, answer.At);
                    RunspaceState.For(this).Jobs.Remember(target.Job);
                    WriteObject(target.Job);
                }
                catch (OperationCanceledException) when (limit.IsCancellationRequested)
                {
                    WriteError(OnlineErrors.Make(ErrorIds.StatusUnavailable,
                        $"The status of job {target.Job.Describe()} could not be read within {Timeout} s (-Timeout). Try again later, or wait for it: Wait-AchieveItJob -JobId {target.Job.JobId}", target.Job));
                }
                catch (AchieveItException e)
                {
                    if (e.ErrorId == ErrorIds.ApiKeyRefused) ThrowTerminatingError(OnlineErrors.From(e, target.Job));
                    WriteError(OnlineErrors.From(e, target.Job));
                }
            }
        }
    }
}
