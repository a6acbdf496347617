using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using AchieveIt.Csv;
using AchieveIt.Rules;
using AchieveIt.Sandbox.Storage;

namespace AchieveIt.Sandbox.Processing
{
    /// <summary>
    /// Judges an uploaded file with the shared rule set (and the plan, when one is loaded) and hands each good row
    /// to be applied. Returns the job's errors as JSON, or null when the file may be applied.
    /// </summary>
    public sealed class FileProcessor
    {
        private static readonly JsonSerializerOptions Json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        private readonly AchieveIt.Plans.PlanItems plan;

        public FileProcessor(Plans.PlanCatalog catalog) => plan = catalog.Check;

        public string Process(string jobId, string kind, byte[] content, Action<AppliedUpdate> apply)
        {
            var errors = kind == JobKinds.Metric ? ProcessMetricFile(jobId, content, apply) : ProcessProgressFile(jobId, content, apply);
            return errors.Count == 0 ? null : JsonSerializer.Serialize(errors, Json);
        }

        private List<JobError> ProcessProgressFile(string jobId, byte[] content, Action<AppliedUpdate> apply) =>
            IsJson(content) ? ProcessProgressJson(jobId, content, apply) : ProcessCsv(jobId, content, UpdateType.Progress, apply);

        // Metric files: External ID, Current Metric Value, As Of Date[, Comment]; the same rule set as the module's (-UpdateType Metric).
        private List<JobError> ProcessMetricFile(string jobId, byte[] content, Action<AppliedUpdate> apply) =>
            ProcessCsv(jobId, content, UpdateType.Metric, apply);

        private List<JobError> ProcessCsv(string jobId, byte[] content, UpdateType kind, Action<AppliedUpdate> apply)
        {
            var errors = new List<JobError>();
            var validation = CsvValidator.Validate(new MemoryStream(content, writable: false), (line, update) =>
            {
                if (errors.Count == 0) apply(ToApplied(jobId, line, update, kind));
            }, new CsvCheckOptions { Kind = kind, Plan = plan });
            errors.InsertRange(0, validation.Issues.Where(i => i.Severity == IssueSeverity.Error).Select(i => new JobError(i.Line, i.Column, i.Code, i.Message)));
            return errors.OrderBy(e => e.Line).ToList();
        }

        /// <summary>True when the body is a JSON array (the vendor's JSON form of progress updates).</summary>
        public static bool IsJson(byte[] content) => JsonMark(content) == true;

        /// <summary>Whether the first byte that is not white space opens a JSON array; null when there is none yet.</summary>
        public static bool? JsonMark(ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
            {
                if (b == ' ' || b == '\t' || b == '\r' || b == '\n') continue;
                return b == '[';
            }

            return null;
        }

        /// <summary>Runs the JSON check on a generated 1 MB body a few times (at start, in the background).</summary>
        public static void WarmUp()
        {
            var body = new System.Text.StringBuilder("[");
            for (var i = 0; i < 10000; i++)
            {
                body.Append(i == 0 ? "\n" : ",\n").Append("{\"externalId\":\"KPI-").Append(i).Append("\",\"status\":\"On Track\",\"metricValue\":1.5,\"asOfDate\":\"2026-11-28\",\"comment\":\"a, \\\"b\\\"\"}");
            }

            var bytes = System.Text.Encoding.UTF8.GetBytes(body.Append("\n]").ToString());
            for (var i = 0; i < 12; i++) JsonProblem(bytes);
        }

        /// <summary>Null when the body is a well-formed JSON array of objects, else what is wrong (the upload is refused with 400). Streams: no document is built.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // one long loop per upload: no slow first tier
        public static string JsonProblem(byte[] content)
        {
            try
            {
                var reader = new Utf8JsonReader(content, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return "The JSON body must be an array of updates.";
                var items = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items++;
                    if (reader.TokenType != JsonTokenType.StartObject) return $"Item {items} of the JSON array is not an object.";
                    reader.Skip();
                }

                while (reader.Read())
                {
                    // Anything after the array is an error Utf8JsonReader reports.
                }

                return items == 0 ? "The JSON array holds no updates." : null;
            }
            catch (JsonException e)
            {
                return "The body is not valid JSON: " + e.Message;
            }
        }

        // JSON bodies: each item is one update, numbered from 1 as the "line" in errors.
        private List<JobError> ProcessProgressJson(string jobId, byte[] content, Action<AppliedUpdate> apply)
        {
            var errors = new List<JobError>();
            var issues = new List<CsvIssue>();
            var good = new List<(long, ProgressUpdate)>();
            using var document = JsonDocument.Parse(content);
            long item = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                item++;
                issues.Clear();
                string Text(string name) => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                string metric = null;
                if (element.TryGetProperty("metricValue", out var number))
                {
                    if (number.ValueKind == JsonValueKind.Number) metric = number.GetRawText();
                    else if (number.ValueKind != JsonValueKind.Null)
                    {
                        errors.Add(new JobError(item, ColumnNames.MetricValue, RuleCodes.InvalidMetricValue, "metricValue must be a JSON number, or left out."));
                        continue;
                    }
                }

                var update = UpdateBuilder.FromText(item, Text("externalId"), Text("status"), metric, Text("asOfDate"), Text("comment"), issues);
                if (update != null && (plan == null || plan.Check(item, update, issues))) good.Add((item, update));
                errors.AddRange(issues.Where(i => i.Severity == IssueSeverity.Error).Select(i => new JobError(i.Line, i.Column, i.Code, i.Message)));
            }

            if (errors.Count == 0)
            {
                foreach (var (line, update) in good) apply(ToApplied(jobId, line, update, UpdateType.Progress));
            }

            return errors;
        }

        private static AppliedUpdate ToApplied(string jobId, long line, IUpdate update, UpdateType kind) =>
            new AppliedUpdate(jobId, line, update.ExternalId, (update as ProgressUpdate)?.Status, update.MetricText.Length > 0 ? update.MetricText : null,
                CsvFormat.FormatDate(update.AsOfDate), string.IsNullOrEmpty(update.Comment) ? null : update.Comment, default,
                kind == UpdateType.Metric ? JobKinds.Metric : JobKinds.Progress);
    }
}
