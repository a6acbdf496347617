using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AchieveIt.Http;

namespace AchieveIt.Plans
{
    /// <summary>
    /// Walks one plan's pages: skip advances by the items each page held, -First and -Skip map onto skip and take
    /// (-First 10 asks for one page of 10), and the end is an empty page, the total the answer gives, or -First.
    /// A page that repeats the previous one, or more pages than <see cref="PlanReader.MaxPages"/>, is PlanPagingBroken.
    /// </summary>
    public sealed class PlanPager
    {
        private readonly PlanReader reader;
        private readonly string planId;
        private readonly string sortKey;
        private readonly bool descending;
        private readonly long? first;
        private long skip;
        private long read;
        private string previous;
        private readonly Action<string> warn;
        private bool totalDistrusted;
        private long answered;
        private readonly IClock clock;
        private readonly DateTimeOffset started;
        private (DateTimeOffset At, long Items) paceFrom;

        /// <summary>The longest a whole plan read may take, whatever -Timeout says (a plan of 100,000 items takes minutes).</summary>
        public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(30);

        /// <summary>The window of the stall rule: a read that brings fewer than <see cref="MinItemsPerWindow"/> new items in it has stalled.</summary>
        public static readonly TimeSpan PaceWindow = TimeSpan.FromMinutes(5);

        /// <summary>The fewest new items a <see cref="PaceWindow"/> of a plan read must bring (a page of 1,500 comes in seconds).</summary>
        public const int MinItemsPerWindow = 100;

        /// <param name="reader">The plan export's reader over the command's connection.</param>
        /// <param name="planId">The plan to read.</param>
        /// <param name="skip">Items to leave out at the start (-Skip).</param>
        /// <param name="first">The most items to read (-First); null for all.</param>
        /// <param name="sortKey">The export's sort key (-SortBy); null for its own order.</param>
        /// <param name="descending">Sorts descending (-Descending).</param>
        /// <param name="warn">Where a warning goes (a total the pages contradict); null: nowhere.</param>
        /// <param name="clock">The clock the read's length and pace are judged by (tests give one of their own).</param>
        public PlanPager(PlanReader reader, string planId, long skip = 0, long? first = null, string sortKey = null, bool descending = false, Action<string> warn = null, IClock clock = null)
        {
            this.warn = warn ?? (_ => { });
            this.clock = clock ?? SystemClock.Instance;
            started = this.clock.UtcNow;
            paceFrom = (started, 0);
            this.reader = reader;
            this.planId = planId;
            this.skip = Math.Max(0, skip);
            Done = skip >= (long)PlanReader.MaxPages * PlanReader.PageSize; // past the end of any plan: nothing to ask for
            this.first = first;
            this.sortKey = sortKey;
            this.descending = descending;
        }

        /// <summary>The byte budget of the whole plan (<see cref="PlanReader.MaxPlanBytes"/>; a test sets it lower).</summary>
        internal long MaxBytes { get; set; } = PlanReader.MaxPlanBytes;

        /// <summary>Pages read so far.</summary>
        public int Pages { get; private set; }

        /// <summary>Items read so far.</summary>
        public long Items => read;

        /// <summary>The plan's total, once an answer gave one.</summary>
        public long? Total { get; private set; }

        public bool Done { get; private set; }

        /// <summary>The next page's items; empty once done.</summary>
        public async Task<IReadOnlyList<PlanItem>> NextAsync(CancellationToken cancellation)
        {
            if (Done) return Array.Empty<PlanItem>();
            if (Pages >= PlanReader.MaxPages)
            {
                throw Broken($"it has more than {PlanReader.MaxPages:N0} pages, more than any plan holds, so reading stopped (the server may be ignoring skip).");
            }

            CheckPace();
            var take = (int)Math.Min(PlanReader.PageSize, first.HasValue ? first.Value - read : PlanReader.PageSize);
            var (page, fingerprint) = await reader.ReadPageAsync(planId, skip, take, sortKey, descending, cancellation).ConfigureAwait(false);
            Pages++;
            answered += page.Bytes;
            if (answered > MaxBytes)
            {
                throw new AchieveItException(ErrorIds.PlanAnswerInvalid,
                    $"Plan '{planId}' could not be read whole: its answers passed {MaxBytes / (1024 * 1024)} MiB after {read} items, more than any plan needs, so reading stopped. Check -BaseUri and the plan ID.");
            }

            if (page.Total.HasValue && !totalDistrusted) Total = page.Total;
            if (page.Items.Count == 0)
            {
                Done = true;
                return page.Items;
            }

            if (fingerprint == previous)
            {
                throw Broken($"page {Pages} (skip={skip}) is the same as the page before it: the server ignores skip, so reading stopped instead of repeating items.");
            }

            previous = fingerprint;
            var items = page.Items;
            if (items.Count > take) items = Take(items, take); // a server that sends more than asked: never past -First
            if (Total.HasValue && skip + items.Count > Total.Value)
            {
                // A total the pages contradict is not trusted: reading goes on to an empty page (or -First), never cut short in silence.
                totalDistrusted = true;
                warn($"Plan '{planId}': the answer says the plan holds {Total.Value} items, but its pages hold more ({skip + items.Count} so far). " +
                     "The total is not trusted: reading goes on until an empty page.");
                Total = null;
            }

            skip += items.Count;
            read += items.Count;
            Done = (first.HasValue && read >= first.Value) || (Total.HasValue && skip >= Total.Value);
            return items;
        }

        // The read as a whole: at most MaxDuration, and at least MinItemsPerWindow new items in every PaceWindow, so a
        // server that trickles items (one a page, a page every few seconds) ends in PlanUnavailable, not in days.
        private void CheckPace()
        {
            var now = clock.UtcNow;
            if (now - started > MaxDuration)
            {
                throw new AchieveItException(ErrorIds.PlanUnavailable,
                    $"Plan '{planId}' could not be read within {MaxDuration.TotalMinutes:0} minutes, the longest a plan read may take: {read} items in {Pages} page(s). The plan export is too slow; try again later.");
            }

            if (now - paceFrom.At < PaceWindow) return;
            if (read - paceFrom.Items < MinItemsPerWindow)
            {
                throw new AchieveItException(ErrorIds.PlanUnavailable,
                    $"Plan '{planId}' stalled: the plan export brought {read - paceFrom.Items} new items in {PaceWindow.TotalMinutes:0} minutes (at least {MinItemsPerWindow} are expected), {read} in all, so reading stopped. Try again later.");
            }

            paceFrom = (now, read);
        }

        private static IReadOnlyList<PlanItem> Take(IReadOnlyList<PlanItem> items, int count)
        {
            var kept = new List<PlanItem>(count);
            for (var i = 0; i < count; i++) kept.Add(items[i]);
            return kept;
        }

        private AchieveItException Broken(string why) =>
            new AchieveItException(ErrorIds.PlanPagingBroken, $"Plan '{planId}' could not be read whole: {why} {read} items were read before it.");
    }
}
