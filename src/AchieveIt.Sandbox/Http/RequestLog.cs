using System;
using System.Collections.Generic;
using System.Linq;

namespace AchieveIt.Sandbox.Http
{
    /// <summary>
    /// One request the sandbox received. It records whether a key came and which of the configured keys it was
    /// (1 for the first --api-key, 2 for the second; null when none matched), never the key.
    /// </summary>
    public sealed record RequestEntry(string Method, string Path, DateTime Time, int Status, bool HadAuthorization, long? ContentLength, string BodySha256, int? KeyNumber = null, bool Aborted = false);

    /// <summary>Where a handler leaves the hash of the body it read, for the log.</summary>
    public static class BodyHash
    {
        public const string Item = "AchieveIt.BodySha256";
    }

    /// <summary>The last requests, newest last, for tests to see what reached the server.</summary>
    public sealed class RequestLog
    {
        /// <summary>Where a handler marks a request whose client stopped before the end of its body.</summary>
        public const string AbortedItem = "AchieveIt.Aborted";

        private const int Capacity = 1000;
        private readonly object gate = new object();
        private readonly Queue<RequestEntry> entries = new Queue<RequestEntry>();

        public void Add(RequestEntry entry)
        {
            lock (gate)
            {
                entries.Enqueue(entry);
                while (entries.Count > Capacity) entries.Dequeue();
            }
        }

        public IReadOnlyList<RequestEntry> Snapshot()
        {
            lock (gate) return entries.ToList();
        }

        public void Clear()
        {
            lock (gate) entries.Clear();
        }
    }
}
