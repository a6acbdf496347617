using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using AchieveIt.Http;
using AchieveIt.Jobs;
using AchieveIt.Journal;

namespace AchieveIt.PowerShell.Online
{
    /// <summary>The online cmdlets' plan reading: the plan export over the command's connection, bounded by -Timeout.</summary>
    public abstract partial class AchieveItOnlineCommand
    {
        /// <summary>The plan export's reader over this command's connection (ACHIEVEIT_PLAN_PATH names another path).</summary>
        protected PlanReader CreatePlanReader(ConnectionSettings settings) =>
            new PlanReader(CreateClient(settings).Connection, PlanReader.PathFrom(System.Environment.GetEnvironmentVariables()));

        /// <summary>
        /// The plan of -PlanId (read through this command's connection, within what is left of <paramref name="timeoutSeconds"/>)
        /// or of -PlanItems, or null when neither is given; each item's state goes to <paramref name="states"/>. Both given is
        /// a terminating PlanItemsInvalid error, and so is neither when <paramref name="needsPlan"/> says why a plan is needed.
        /// </summary>
        protected Plans.PlanItems ReadPlan(string[] planIds, object[] planItems, ConnectionSettings settings, int? timeoutSeconds, Plans.PlanComparer states, string needsPlan = null)
        {
            var plan = ReadPlanItems(planIds, planItems, settings, timeoutSeconds, states, needsPlan);
            if (states.UnreadableCount > 0)
            {
                this.Warn($"{states.UnreadableCount} plan item(s) have a Current Value or Last Updated that cannot be read ({states.FirstUnreadable}); rows of those items that it would decide are NotCompared.");
            }

            return plan;
        }

        private Plans.PlanItems ReadPlanItems(string[] planIds, object[] planItems, ConnectionSettings settings, int? timeoutSeconds, Plans.PlanComparer states, string needsPlan)
        {
            if (planIds == null && planItems == null && needsPlan != null)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(needsPlan), ErrorIds.PlanItemsInvalid, ErrorCategory.InvalidArgument, null));
            }

            if (planIds == null)
            {
                return PowerShell.Input.PlanSources.Read(this, planItems, states); // the check and the states in one read
            }

            if (planItems == null) return ReadPlans(planIds, settings, Remaining(timeoutSeconds), timeoutSeconds, states.Add); // the plan read takes its share of the one deadline
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("Give -PlanId or -PlanItems, not both: the plan is read from AchieveIt (-PlanId) or from what you give (-PlanItems)."),
                ErrorIds.PlanItemsInvalid, ErrorCategory.InvalidArgument, planIds));
            return null;
        }

        /// <summary>Every item of these plans, read before anything is checked or sent; a plan that cannot be read is a terminating error (nothing is sent).</summary>
        /// <param name="planIds">The plans to read (-PlanId).</param>
        /// <param name="settings">The command's connection settings.</param>
        /// <param name="within">What is left of the command's -Timeout, or null for no limit.</param>
        /// <param name="timeoutSeconds">The -Timeout given, for the message.</param>
        /// <param name="keep">Given each item as it is read, when the command needs more than the check (Compare-AchieveItUpdate).</param>
        protected Plans.PlanItems ReadPlans(string[] planIds, ConnectionSettings settings, TimeSpan? within = null, int? timeoutSeconds = null, Action<PlanItem> keep = null)
        {
            using (var limit = within.HasValue ? new CancellationTokenSource(within.Value) : new CancellationTokenSource())
            try
            {
                var reader = CreatePlanReader(settings);
                var read = Run(token => PowerShell.Input.PlanSources.ReadPlansAsync(reader, planIds, token, QueueWarning, keep), limit.Token);
                this.Note($"Updates are checked against the {read.Count} items of {read.Source}.");
                return read;
            }
            catch (OperationCanceledException) when (limit.IsCancellationRequested)
            {
                ThrowTerminatingError(OnlineErrors.Make(ErrorIds.PlanUnavailable, $"The plan could not be read within -Timeout {timeoutSeconds} s, so nothing was checked or sent. Try again, or give a longer -Timeout.", planIds));
                return null;
            }
            catch (AchieveItException e)
            {
                ThrowTerminatingError(OnlineErrors.From(new AchieveItException(e.ErrorId, e.Message + " Nothing was sent.", e, e.StatusCode), planIds));
                return null;
            }
        }
    }
}
