using System;
using System.Collections.Generic;
using System.Linq;

namespace AchieveIt.Sandbox.Faults
{
    /// <summary>The faults waiting to happen, taken first in, first out, each used up after its count.</summary>
    public sealed class FaultBook
    {
        private readonly object gate = new object();
        private readonly List<FaultRule> rules = new List<FaultRule>();

        /// <summary>Checks and stores a rule; returns why it is not valid, or null.</summary>
        public string Add(FaultRule rule)
        {
            if (rule == null || !FaultActions.All.Contains(rule.Action)) return "action must be one of: " + string.Join(", ", FaultActions.All);
            if (rule.Target != FaultTargets.Submit && rule.Target != FaultTargets.Status && rule.Target != FaultTargets.Plan && rule.Target != FaultTargets.Any) return "target must be submit, status, plan or any";
            if (rule.Count < 1) return "count must be 1 or more";
            if (rule.Action == FaultActions.Status && rule.Status != 202 && (rule.Status < 400 || rule.Status > 599) && !(rule.Status == 200 && rule.Target == FaultTargets.Plan))
            {
                return "status must be 202 or 400-599 (or 200 for target plan: an answer that is not a page)";
            }

            if (rule.Action == FaultActions.Redirect && (!new[] { 301, 302, 303, 307, 308 }.Contains(rule.Status) || string.IsNullOrEmpty(rule.Location))) return "redirect needs status 301, 302, 303, 307 or 308 and a location";
            if (rule.Action == FaultActions.Delay && rule.DelayMs <= 0) return "delay needs delayMs";
            lock (gate) rules.Add(rule);
            return null;
        }

        /// <summary>Takes one use of the first rule that matches a request of this target, or null.</summary>
        public FaultRule TakeForRequest(string target) =>
            Take(r => r.Action != FaultActions.FailJob && (r.Target == FaultTargets.Any || r.Target == target));

        /// <summary>Takes one use of a failJob rule, or null.</summary>
        public FaultRule TakeJobFailure() => Take(r => r.Action == FaultActions.FailJob);

        public void Clear()
        {
            lock (gate) rules.Clear();
        }

        private int delaying;

        /// <summary>Requests a delay fault is holding now (GET /sandbox/faults): a test waits for its request to be held rather than sleep.</summary>
        public int Delaying => System.Threading.Volatile.Read(ref delaying);

        /// <summary>Counts a request as held until the returned handle is disposed.</summary>
        public IDisposable Hold()
        {
            System.Threading.Interlocked.Increment(ref delaying);
            return new Held(this);
        }

        private sealed class Held : IDisposable
        {
            private FaultBook book;

            public Held(FaultBook book) => this.book = book;

            public void Dispose()
            {
                if (System.Threading.Interlocked.Exchange(ref book, null) is FaultBook held) System.Threading.Interlocked.Decrement(ref held.delaying);
            }
        }

        private FaultRule Take(Func<FaultRule, bool> match)
        {
            lock (gate)
            {
                var rule = rules.FirstOrDefault(match);
                if (rule == null) return null;
                if (--rule.Count == 0) rules.Remove(rule);
                return rule;
            }
        }
    }
}
