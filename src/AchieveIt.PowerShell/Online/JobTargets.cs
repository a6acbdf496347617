using AchieveIt.Http;

namespace AchieveIt.PowerShell.Online
{
    /// <summary>Turns what Get/Wait were given (a job or an ID) into a job to ask about, at the configured address only.</summary>
    internal static class JobTargets
    {
        /// <summary>A copy of the job, so the object the user holds keeps its state; the key never follows a job to another origin.</summary>
        public static (Job Job, ConnectionSettings Settings) ForJob(Job job, ConnectionSettings settings)
        {
            if (job.BaseUri != null && !UriRules.SameOrigin(job.BaseUri, settings.Environment.BaseUri))
            {
                throw new AchieveItException(ErrorIds.EnvironmentMismatch,
                    $"Job {job.JobId} was submitted to {job.BaseUri}, but this command uses {settings.Environment.BaseUri}. Add -BaseUri {job.BaseUri} (or the matching -Environment).");
            }

            return (job.Copy(), settings);
        }

        public static (Job Job, ConnectionSettings Settings) ForId(string jobId, ConnectionSettings settings)
        {
            var environment = settings.Environment;
            return (new Job(jobId.Trim(), null, null, environment.Name, environment.BaseUri, null, null), settings);
        }
    }
}
