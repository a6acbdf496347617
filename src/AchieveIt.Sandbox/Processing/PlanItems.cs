using System;
using System.Collections.Generic;
using System.IO;
using AchieveIt.Csv;

namespace AchieveIt.Sandbox.Processing
{
    /// <summary>The plan the sandbox knows (from --items): which External IDs exist and which carry a metric.</summary>
    public sealed class PlanItems
    {
        private readonly Dictionary<string, bool> hasMetric;

        private PlanItems(Dictionary<string, bool> hasMetric) => this.hasMetric = hasMetric;

        /// <summary>No plan: every External ID is accepted.</summary>
        public static PlanItems Open { get; } = new PlanItems(null);

        /// <summary>Reads a CSV of External ID, HasMetric (true/false/yes/no/1/0); a header row is skipped.</summary>
        public static PlanItems Load(string path)
        {
            var items = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
            using var stream = File.OpenRead(path);
            using var reader = new CsvRecordReader(stream);
            while (reader.TryRead(out var record))
            {
                if (record.IsBlank || record.Fields.Length < 1) continue;
                var id = record.Fields[0].Trim();
                if (string.Equals(id, "External ID", StringComparison.OrdinalIgnoreCase)) continue;
                var flag = record.Fields.Length > 1 ? record.Fields[1].Trim().ToLowerInvariant() : "false";
                items[id] = flag == "true" || flag == "yes" || flag == "1";
            }

            return new PlanItems(items);
        }

        /// <summary>Why the plan rejects an update, or null when it accepts it.</summary>
        public JobError Check(long line, string externalId, bool metricGiven)
        {
            if (hasMetric == null) return null;
            if (!hasMetric.TryGetValue(externalId, out var needsMetric))
            {
                return new JobError(line, "External ID", "UnknownExternalId", $"No plan item has the External ID '{externalId}'.");
            }

            return needsMetric && !metricGiven
                ? new JobError(line, "Current Metric Value", "MissingMetricValue", $"Plan item '{externalId}' has a metric, so the update needs a Current Metric Value.")
                : null;
        }
    }
}
