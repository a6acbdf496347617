using System;

namespace AchieveIt.Http
{
    /// <summary>
    /// Where the API is: a base URI plus the two path templates. The job-status path is not in the vendor's
    /// documentation; api/jobs/{jobId} is our assumption, and one setting.
    /// </summary>
    public sealed class AchieveItEnvironment
    {
        public const string DefaultSubmitPath = "api/progressupdates/{fileName}";
        public const string DefaultStatusPath = "api/jobs/{jobId}";

        public static readonly AchieveItEnvironment Commercial = new AchieveItEnvironment("Commercial", new Uri("https://api.achieveit.com/"));
        public static readonly AchieveItEnvironment Government = new AchieveItEnvironment("Government", new Uri("https://gov-api.achieveit.com/"));

        public AchieveItEnvironment(string name, Uri baseUri, string submitPath = DefaultSubmitPath, string statusPath = DefaultStatusPath)
        {
            if (baseUri == null || !baseUri.IsAbsoluteUri) throw new ArgumentException("The base URI must be absolute, such as https://api.achieveit.com.", nameof(baseUri));
            Name = name;
            BaseUri = baseUri.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? baseUri : new Uri(baseUri.AbsoluteUri + "/");
            SubmitPath = submitPath;
            StatusPath = statusPath;
        }

        public string Name { get; }

        public Uri BaseUri { get; }

        public string SubmitPath { get; }

        public string StatusPath { get; }

        /// <summary>Commercial or Government by name (any case), or null.</summary>
        public static AchieveItEnvironment FromName(string name)
        {
            if (string.Equals(name, Commercial.Name, StringComparison.OrdinalIgnoreCase)) return Commercial;
            if (string.Equals(name, Government.Name, StringComparison.OrdinalIgnoreCase)) return Government;
            return null;
        }

        /// <summary>An environment at any other base URI (for example the sandbox).</summary>
        public static AchieveItEnvironment Custom(Uri baseUri) => new AchieveItEnvironment("Custom", baseUri);

        public const string MetricSubmitPath = "api/metricupdates/{fileName}";

        public Uri SubmitUri(string fileName, UpdateType kind = UpdateType.Progress) =>
            new Uri(BaseUri, (kind == UpdateType.Metric ? MetricSubmitPath : SubmitPath).Replace("{fileName}", Uri.EscapeDataString(fileName)));

        public Uri StatusUri(string jobId) => new Uri(BaseUri, StatusPath.Replace("{jobId}", Uri.EscapeDataString(jobId)));
    }
}
