using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using AchieveIt.Http;
using AchieveIt.Plans;
using AchieveIt.PowerShell.Completion;
using AchieveIt.PowerShell.Online;

namespace AchieveIt.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the items of AchieveIt plans from the plan export, a page at a time, with their External IDs and current values.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AchieveItPlanItem", SupportsPaging = true)]
    [OutputType(typeof(PlanItem))]
    public sealed class GetAchieveItPlanItemCommand : AchieveItOnlineCommand
    {
        private const int ProgressId = 0x4150;
        private ConnectionSettings settings;
        private PlanReader reader;

        /// <summary>The plan's ID (the plan card's Options menu, "Copy Plan ID"). Several are read one after another. Binds from the pipeline by value and by property name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] PlanId { get; set; }

        /// <summary>The field AchieveIt sorts the items by (sortKey): sequenceId (default), name, level, status, start, due, currentValue, lastUpdated, ... (tab completes).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(SortKeyCompleter))]
        public string SortBy { get; set; }

        /// <summary>Sorts in descending order (sortDirection=desc); with -SortBy, or by sequenceId.</summary>
        [Parameter]
        public SwitchParameter Descending { get; set; }

        /// <summary>Seconds the whole read of one plan may take (default: no limit; each page still has 100 s). A plan not read in time is error PlanUnavailable, after the items already written.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int? Timeout { get; set; }

        protected override void BeginProcessing()
        {
            settings = ResolveSettings();
            try
            {
                reader = CreatePlanReader(settings);
            }
            catch (AchieveItException e)
            {
                ThrowTerminatingError(OnlineErrors.From(e, null));
            }
        }

        protected override void ProcessRecord()
        {
            foreach (var planId in PlanId) Read(planId.Trim());
        }

        // One plan, page by page: each page's items are written as it arrives, so memory does not grow with the plan.
        private void Read(string planId)
        {
            var first = PagingParameters.First == ulong.MaxValue ? (long?)null : (long)Math.Min(PagingParameters.First, long.MaxValue);
            var pager = new PlanPager(reader, planId, (long)Math.Min(PagingParameters.Skip, long.MaxValue), first, SortBy ?? (Descending ? "sequenceId" : null), Descending, QueueWarning);
            var progress = new ProgressRecord(ProgressId, $"Reading plan {planId}", "Starting");
            using (var limit = Timeout.HasValue ? new CancellationTokenSource(TimeSpan.FromSeconds(Timeout.Value)) : new CancellationTokenSource())
            {
                try
                {
                    var counted = !PagingParameters.IncludeTotalCount;
                    while (!pager.Done && first != 0)
                    {
                        var items = Run(token => pager.NextAsync(token), limit.Token);
                        if (!counted)
                        {
                            // First, as -IncludeTotalCount does: exact when the answer gives a total, else what this page shows.
                            counted = true;
                            WriteObject(PagingParameters.NewTotalCount((ulong)(pager.Total ?? pager.Items), pager.Total.HasValue ? 1.0 : 0.0));
                        }

                        foreach (var item in items) WriteObject(PlanItemObjects.Wrap(item));
                        progress.StatusDescription = $"{pager.Items} items in {pager.Pages} page(s)" + (pager.Total.HasValue ? $" of {pager.Total}" : string.Empty);
                        if (pager.Total > 0) progress.PercentComplete = (int)Math.Min(100, pager.Items * 100 / pager.Total.Value);
                        WriteProgress(progress);
                    }

                    this.Note($"Plan {planId}: {pager.Items} items in {pager.Pages} page(s).");
                }
                catch (OperationCanceledException) when (limit.IsCancellationRequested)
                {
                    WriteError(OnlineErrors.Make(ErrorIds.PlanUnavailable, $"Plan '{planId}' was not read whole within -Timeout {Timeout} s: {pager.Items} items were written. Try again with a longer -Timeout.", planId));
                }
                catch (AchieveItException e)
                {
                    if (e.ErrorId == ErrorIds.ApiKeyRefused || e.ErrorId == ErrorIds.InsecureUri || e.ErrorId == ErrorIds.InvalidSetting) ThrowTerminatingError(OnlineErrors.From(e, planId));
                    WriteError(OnlineErrors.From(e, planId));
                }
                finally
                {
                    progress.RecordType = ProgressRecordType.Completed;
                    WriteProgress(progress);
                }
            }
        }
    }
}
