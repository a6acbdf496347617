using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Extensions.Configuration;

namespace AchieveIt.Sandbox
{
    /// <summary>How a sandbox was started: its keys, where it stores, how slowly it processes.</summary>
    public sealed class SandboxOptions
    {
        public const string Section = "Sandbox";

        /// <summary>API keys the sandbox accepts (Authorization: API-KEY &lt;key&gt;).</summary>
        public List<string> ApiKeys { get; set; } = new List<string>();

        /// <summary>SQLite database file, or ":memory:"; empty for a file in the temp folder.</summary>
        public string Database { get; set; }

        /// <summary>How long each job waits before it is processed, so callers see 202 first.</summary>
        public int ProcessingDelayMs { get; set; } = 1000;

        /// <summary>Optional CSV of the plan's items: External ID, HasMetric, and optionally Plan ID, Name, Status, Current Value.</summary>
        public string ItemsFile { get; set; }

        /// <summary>The most items one plan export page holds, whatever take asks (the vendor's article: 1,500).</summary>
        public int PlanTakeCap { get; set; } = 1500;

        /// <summary>"object" ({"items":[...],"total":N}, default) or "array" (a bare array): the plan export's answer.</summary>
        public string PlanShape { get; set; } = "object";

        /// <summary>"camel" (externalId, default), "snake" (external_id) or "pascal" (ExternalID): the plan export's field names.</summary>
        public string PlanSpelling { get; set; } = "camel";

        /// <summary>The plan export ignores skip (a broken server, for tests).</summary>
        public bool PlanIgnoresSkip { get; set; }

        /// <summary>Keys whose user cannot see any plan (403 on the plan export).</summary>
        public List<string> NoPlanAccessKeys { get; set; } = new List<string>();

        /// <summary>Fields every plan item is served with besides its own, as NAME=VALUE (--plan-field): odd names such as PSObject or ToString.</summary>
        public List<string> PlanFields { get; set; } = new List<string>();

        /// <summary>The benchmark's fast receiver: uploads are read and thrown away, answered with a new job ID.</summary>
        public bool DiscardUploads { get; set; }

        /// <summary>The largest upload accepted; larger ones get 413 and their connection is closed unread.</summary>
        public int MaxUploadMb { get; set; } = 50;

        /// <summary>How many bodies are received at once; later uploads wait for a slot.</summary>
        public int MaxConcurrentUploads { get; set; } = 4;

        /// <summary>
        /// Where the database lives when --database is not given: a folder of the user's own (0700 on Unix) beside the
        /// module's journal, never a file in the shared temp folder that another user could read, replace or link.
        /// </summary>
        public static string DefaultFolder()
        {
            var local = System.Environment.GetFolderPath(System.Environment.SpecialFolder.LocalApplicationData, System.Environment.SpecialFolderOption.DoNotVerify);
            if (string.IsNullOrEmpty(local)) local = Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".local", "share");
            var app = Path.Combine(local, "AchieveIt");
            AchieveIt.Files.PrivateFolder.Ensure(app);
            return AchieveIt.Files.PrivateFolder.Ensure(Path.Combine(app, "sandbox"));
        }

        /// <summary>Reads and checks the options; a sandbox without a key refuses to start.</summary>
        public static SandboxOptions From(IConfiguration configuration)
        {
            var options = configuration.GetSection(Section).Get<SandboxOptions>() ?? new SandboxOptions();
            if (options.ApiKeys.Count == 0 || options.ApiKeys.Any(string.IsNullOrWhiteSpace))
            {
                throw new InvalidOperationException("Give at least one key: --api-key KEY (repeat for more).");
            }

            if (string.IsNullOrEmpty(options.Database)) options.Database = Path.Combine(DefaultFolder(), "achieveit-sandbox.db");
            return options;
        }
    }
}
