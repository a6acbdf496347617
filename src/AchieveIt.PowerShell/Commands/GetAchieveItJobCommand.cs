using System.Management.Automation;
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
        protected override void OnJob((Job Job, ConnectionSettings Settings) target)
        {
            var client = CreateClient(target.Settings);
            try
            {
                var answer = Run(token => client.GetStatusAsync(target.Job, token));
                target.Job.Observe(answer.State, answer.StatusCode, answer.Message, answer.At);
                RunspaceState.For(this).Jobs.Remember(target.Job);
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
