using System.Collections.Generic;
using System.Linq;

namespace AchieveIt.PowerShell.Online
{
    /// <summary>The jobs one runspace submitted or looked at, newest first, for -JobId completion (at most 100).</summary>
    internal sealed class JobHistory
    {
        private const int Capacity = 100;
        private readonly object gate = new object();
        private readonly List<Job> jobs = new List<Job>();

        public void Remember(Job job)
        {
            lock (gate)
            {
                jobs.RemoveAll(j => j.JobId == job.JobId);
                jobs.Insert(0, job);
                if (jobs.Count > Capacity) jobs.RemoveAt(jobs.Count - 1);
            }
        }

        public IReadOnlyList<Job> Recent()
        {
            lock (gate) return jobs.ToList();
        }
    }
}
