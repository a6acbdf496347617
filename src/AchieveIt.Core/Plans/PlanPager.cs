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

        /// <param name="warn">Where a warning goes (a total the pages contradict); null: nowhere.</param>
        public PlanPager(PlanReader reader, string planId, long skip = 0, long? first = null, string sortKey = null, bool descending = false, Action<string> warn = null)
        {
            this.warn = warn ?? (_ => { });
            this.reader = reader;
            this.planId = planId;
            this.skip = Math.Max(0, skip);
            Done = skip >= (long)PlanReader.MaxPages * PlanReader.PageSize; // past the end of any plan: nothing to ask for
            this.first = first;
            this.sortKey = sortKey;
            this.descending = descending;
        }

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

            var take = (int)Math.Min(PlanReader.PageSize, first.HasValue ? first.Value - read : PlanReader.PageSize);
            var (page, fingerprint) = await reader.ReadPageAsync(planId, skip, take, sortKey, descending, cancellation).ConfigureAwait(false);
            Pages++;
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
