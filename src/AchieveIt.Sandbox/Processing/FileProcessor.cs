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
        private readonly PlanItems plan;

        public FileProcessor(PlanItems plan) => this.plan = plan;

        public string Process(string jobId, string kind, byte[] content, Action<AppliedUpdate> apply)
        {
            var errors = kind == JobKinds.Metric ? ProcessMetricFile(jobId, content, apply) : ProcessProgressFile(jobId, content, apply);
            return errors.Count == 0 ? null : JsonSerializer.Serialize(errors, Json);
        }

        private List<JobError> ProcessProgressFile(string jobId, byte[] content, Action<AppliedUpdate> apply)
        {
            var errors = new List<JobError>();
            var validation = CsvValidator.Validate(new MemoryStream(content, writable: false), (line, update) =>
            {
                var planError = plan.Check(line, update.ExternalId, update.MetricValue.HasValue);
                if (planError != null) errors.Add(planError);
                else if (errors.Count == 0) apply(ToApplied(jobId, line, update.ExternalId, update.Status, update.MetricValue, update.AsOfDate, update.Comment));
            });
            errors.InsertRange(0, validation.Issues.Where(i => i.Severity == IssueSeverity.Error).Select(i => new JobError(i.Line, i.Column, i.Code, i.Message)));
            return errors.OrderBy(e => e.Line).ToList();
        }

        // Metric files: External ID, Current Metric Value, As Of Date[, Comment]; the metric is required.
        private List<JobError> ProcessMetricFile(string jobId, byte[] content, Action<AppliedUpdate> apply)
        {
            var errors = new List<JobError>();
            var issues = new List<CsvIssue>();
            using var reader = new CsvRecordReader(new MemoryStream(content, writable: false));
            var first = true;
            while (reader.TryRead(out var record))
            {
                var f = record.Fields;
                if (record.IsBlank)
                {
                    errors.Add(new JobError(record.Line, string.Empty, RuleCodes.EmptyRow, "The row is empty."));
                    continue;
                }

                if (first && string.Equals(f[0].Trim(), ColumnNames.ExternalId, StringComparison.OrdinalIgnoreCase))
                {
                    first = false;
                    continue;
                }

                first = false;
                if (f.Length != 3 && f.Length != 4)
                {
                    errors.Add(new JobError(record.Line, string.Empty, RuleCodes.ColumnCount, $"The row has {f.Length} fields; a metric update has 3 or 4."));
                    continue;
                }

                issues.Clear();
                var id = FieldRules.CheckExternalId(record.Line, f[0], issues);
                var metric = FieldRules.CheckMetric(record.Line, f[1], issues);
                var date = FieldRules.CheckDate(record.Line, f[2], issues);
                if (metric == null && issues.Count == 0) errors.Add(new JobError(record.Line, ColumnNames.MetricValue, RuleCodes.InvalidMetricValue, "A metric update needs a value."));
                errors.AddRange(issues.Select(i => new JobError(i.Line, i.Column, i.Code, i.Message)));
                if (issues.Count > 0 || metric == null) continue;
                var planError = plan.Check(record.Line, id, true);
                if (planError != null) errors.Add(planError);
                else if (errors.Count == 0) apply(ToApplied(jobId, record.Line, id, null, metric, date.Value, f.Length > 3 ? f[3] : null));
            }

            return errors;
        }

        private static AppliedUpdate ToApplied(string jobId, long line, string id, string status, decimal? metric, DateTime date, string comment) =>
            new AppliedUpdate(jobId, line, id, status, metric.HasValue ? CsvFormat.FormatMetric(metric) : null, CsvFormat.FormatDate(date),
                string.IsNullOrEmpty(comment) ? null : comment, default);
    }
}
