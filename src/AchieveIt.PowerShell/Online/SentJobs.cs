using System.Collections.Generic;
using System.Management.Automation;
using AchieveIt.Http;

namespace AchieveIt.PowerShell.Online
{
    /// <summary>The jobs a command queued and has not written yet, each with the client that follows it.</summary>
    internal sealed class SentJobs
    {
        private readonly List<(Job Job, AchieveItClient Client)> jobs = new List<(Job, AchieveItClient)>();

        public void Add(Job job, AchieveItClient client) => jobs.Add((job, client));

        /// <summary>The jobs, taken out: none is written twice.</summary>
        public List<(Job Job, AchieveItClient Client)> Clear()
        {
            var taken = new List<(Job Job, AchieveItClient Client)>(jobs);
            jobs.Clear();
            return taken;
        }

        /// <summary>Writes the jobs (taken out first: a downstream stop while writing must not write them twice).</summary>
        public void WriteTo(Cmdlet cmdlet)
        {
            foreach (var (job, _) in Clear()) cmdlet.WriteObject(job);
        }
    }
}
