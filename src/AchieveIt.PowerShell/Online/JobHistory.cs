using System.Collections.Generic;
using System.Linq;

namespace AchieveIt.PowerShell.Online
{
    /// <summary>The jobs this session submitted or looked at, newest first, for -JobId completion.</summary>
    internal static class JobHistory
    {
        private const int Capacity = 100;
        private static readonly object Gate = new object();
        private static readonly List<Job> Jobs = new List<Job>();

        public static void Remember(Job job)
        {
            lock (Gate)
            {
                Jobs.RemoveAll(j => j.JobId == job.JobId);
                Jobs.Insert(0, job);
                if (Jobs.Count > Capacity) Jobs.RemoveAt(Jobs.Count - 1);
            }
        }

        public static IReadOnlyList<Job> Recent()
        {
            lock (Gate) return Jobs.ToList();
        }
    }
}
