using System;
using AchieveIt.Http;

namespace AchieveIt.Tests.Http
{
    /// <summary>The module's client for a <see cref="RawHttpServer"/> (kept apart so the server alone is shared with the PowerShell layer's tests).</summary>
    public static class RawHttpServerClients
    {
        /// <summary>A client for this server with the test key (<see cref="Submissions.SubmissionFixture.Settings"/>).</summary>
        public static AchieveItClient Client(this RawHttpServer server, RetryPolicy retry = null, TimeSpan? uploadStallTimeout = null) =>
            new AchieveItClient(Submissions.SubmissionFixture.Settings(server.Uri), retry: retry, uploadStallTimeout: uploadStallTimeout);
    }
}
