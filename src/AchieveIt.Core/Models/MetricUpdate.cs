using System;

namespace AchieveIt
{
    /// <summary>One metric update for one plan item (no status; the metric value is required).</summary>
    /// <remarks>As for <see cref="ProgressUpdate"/>, the public constructor applies the rules, and Submit and Export check every one again.</remarks>
    public sealed class MetricUpdate : IUpdate, IEquatable<MetricUpdate>
    {
        /// <summary>A checked update; ArgumentException naming the rule when it breaks one.</summary>
        public MetricUpdate(string externalId, decimal metricValue, DateTime asOfDate, string comment)
            : this(Rules.UpdateBuilder.CheckedExternalId(externalId), metricValue, asOfDate, comment, Csv.CsvFormat.FormatMetric(metricValue))
        {
        }

        internal MetricUpdate(string externalId, decimal metricValue, DateTime asOfDate, string comment, string metricText)
        {
            ExternalId = externalId;
            MetricValue = metricValue;
            MetricText = metricText ?? Csv.CsvFormat.FormatMetric(metricValue);
            AsOfDate = asOfDate.Date;
            Comment = comment ?? string.Empty;
        }

        /// <summary>The plan item's External ID.</summary>
        public string ExternalId { get; }

        /// <summary>The current metric value (for a double smaller than 1e-28, the nearest decimal).</summary>
        public decimal MetricValue { get; }

        /// <summary>The metric exactly as it is written on the wire.</summary>
        public string MetricText { get; }

        /// <summary>The as-of date (the time part is always midnight).</summary>
        public DateTime AsOfDate { get; }

        /// <summary>An optional comment; empty when there is none.</summary>
        public string Comment { get; }

        public bool Equals(MetricUpdate other) =>
            other != null && ExternalId == other.ExternalId && MetricText == other.MetricText && AsOfDate == other.AsOfDate && Comment == other.Comment;

        public override bool Equals(object obj) => Equals(obj as MetricUpdate);

        public override int GetHashCode() => (ExternalId ?? string.Empty).GetHashCode() ^ AsOfDate.GetHashCode();

        public override string ToString() => ExternalId + " " + MetricText + " " + Csv.CsvFormat.FormatDate(AsOfDate);
    }
}
