using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace AchieveIt.Journal
{
    /// <summary>Reads the journal's lines back into submissions; a line that is not a whole entry is counted as damaged.</summary>
    internal static class JournalLine
    {
        /// <summary>A line's fields, or null when it is not a whole entry.</summary>
        public static Dictionary<string, string> Parse(string line) => FlatJson.Parse(line);

        public static DateTimeOffset? At(Dictionary<string, string> json) => json == null ? null : Time(json, "at");

        public static (IReadOnlyList<JournalSubmission> Submissions, int Damaged) Fold(IEnumerable<Dictionary<string, string>> lines)
        {
            var byId = new Dictionary<string, JournalSubmission>(StringComparer.Ordinal);
            var order = new List<JournalSubmission>();
            var states = new List<StateLine>();
            var damaged = 0;
            foreach (var json in lines)
            {
                var at = json == null ? null : Time(json, "at");
                var kind = json == null ? null : Text(json, "event");
                if (json == null || at == null || kind == null)
                {
                    damaged++;
                    continue;
                }

                var id = Text(json, "submission");
                switch (kind)
                {
                    case "intent" when id != null && Uri.TryCreate(Text(json, "baseUri"), UriKind.Absolute, out var baseUri):
                        var entry = new JournalSubmission
                        {
                            Id = id, At = at.Value, Environment = Text(json, "environment"), BaseUri = baseUri, FileName = Text(json, "fileName"),
                            Rows = long.TryParse(Text(json, "rows"), NumberStyles.None, CultureInfo.InvariantCulture, out var rows) ? rows : 0,
                            Sha256 = Text(json, "sha256"), KeyMark = Text(json, "key"), Holder = Text(json, "holder"), Outcome = UploadOutcome.Pending, State = JobState.Unknown,
                        };
                        byId[id] = entry;
                        order.Add(entry);
                        break;
                    case "queued" when id != null && byId.TryGetValue(id, out var queued):
                        queued.Outcome = UploadOutcome.Queued;
                        queued.JobId = Text(json, "jobId");
                        queued.StatusUri = Uri.TryCreate(Text(json, "statusUri"), UriKind.Absolute, out var statusUri) ? statusUri : null;
                        break;
                    case "notQueued" when id != null && byId.TryGetValue(id, out var notQueued):
                        notQueued.Outcome = UploadOutcome.NotQueued;
                        notQueued.ErrorId = Text(json, "error");
                        break;
                    case "unknown" when id != null && byId.TryGetValue(id, out var unknown):
                        unknown.Outcome = UploadOutcome.Unknown;
                        unknown.ErrorId = Text(json, "error");
                        break;
                    case "state" when Enum.TryParse<JobState>(Text(json, "state"), out var state):
                        states.Add(new StateLine
                        {
                            JobId = Text(json, "jobId"), BaseUri = Text(json, "baseUri"), State = state, At = at.Value,
                            Code = int.TryParse(Text(json, "statusCode"), NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : (int?)null,
                        });
                        break;
                    case "intent":
                    case "queued":
                    case "notQueued":
                    case "unknown":
                    case "state":
                        damaged++; // a whole line, but not a whole entry
                        break;
                }
            }

            foreach (var line in states)
            {
                foreach (var entry in order.Where(e => e.JobId == line.JobId && e.BaseUri?.AbsoluteUri == line.BaseUri))
                {
                    if (entry.StateAt.HasValue && entry.State == line.State) continue; // read again later: it finished when first recorded
                    entry.State = line.State;
                    entry.StatusCode = line.Code;
                    entry.StateAt = line.At;
                }
            }

            return (order, damaged);
        }

        /// <summary>True for an intent line (the first line of a submission).</summary>
        public static bool IsIntent(Dictionary<string, string> json) => Text(json, "event") == "intent";

        /// <summary>The submission a line belongs to, or null.</summary>
        public static string SubmissionOf(Dictionary<string, string> json) => Text(json, "submission");

        /// <summary>The job ID a queued line names, or null.</summary>
        public static string JobIdOf(Dictionary<string, string> json) => Text(json, "event") == "queued" ? Text(json, "jobId") : null;

        /// <summary>The address an intent line names, or null.</summary>
        public static Uri BaseUri(Dictionary<string, string> json) => Uri.TryCreate(Text(json, "baseUri"), UriKind.Absolute, out var uri) ? uri : null;

        private static string Text(Dictionary<string, string> json, string name) => json.TryGetValue(name, out var value) ? value : null;

        private static DateTimeOffset? Time(Dictionary<string, string> json, string name) =>
            json.TryGetValue(name, out var text) && DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var exact) ? exact : TimeLoose(json, name);

        // Lines written by hand or by another tool: any ISO-8601 time.
        private static DateTimeOffset? TimeLoose(Dictionary<string, string> json, string name) =>
            DateTimeOffset.TryParse(Text(json, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : (DateTimeOffset?)null;

        // A job's final state as one "state" line records it, applied after every submission is read.
        private sealed class StateLine
        {
            public string JobId { get; set; }

            public string BaseUri { get; set; }

            public JobState State { get; set; }

            public int? Code { get; set; }

            public DateTimeOffset At { get; set; }
        }
    }
}
