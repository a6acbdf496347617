using System;

namespace AchieveIt
{
    /// <summary>One progress update for one plan item: the unit the AchieveIt API accepts.</summary>
    /// <remarks>
    /// The public constructor applies the rules (a script cannot make an invalid update and have it sent); the
    /// rule set itself builds through the internal one after checking. Submit and Export check every update they
    /// receive again, since an object can be made without any constructor.
    /// </remarks>
    public sealed class ProgressUpdate : IUpdate, IEquatable<ProgressUpdate>
    {
        private string metricText; // written when first asked for: a file's rows are checked by the million and never written

        /// <summary>A checked update; ArgumentException naming the rule (such as InvalidStatus) when it breaks one.</summary>
        public ProgressUpdate(string externalId, string status, decimal? metricValue, DateTime asOfDate, string comment)
            : this(externalId, Rules.UpdateBuilder.CheckedStatus(externalId, status), metricValue, asOfDate, comment, checkedAlready: true)
        {
        }

        internal ProgressUpdate(string externalId, string status, decimal? metricValue, DateTime asOfDate, string comment, bool checkedAlready, string metricText = null)
        {
            this.metricText = metricText;
            ExternalId = externalId;
            Status = status;
            MetricValue = metricValue;
            AsOfDate = asOfDate.Date;
            Comment = comment ?? string.Empty;
        }

        /// <summary>The plan item's External ID.</summary>
        public string ExternalId { get; }

        /// <summary>One of the seven statuses, in canonical spelling.</summary>
        public string Status { get; }

        /// <summary>The current metric value, or null when the update carries none (for a double smaller than 1e-28, the nearest decimal).</summary>
        public decimal? MetricValue { get; }

        /// <summary>The metric exactly as it is written on the wire (empty when there is none): a double keeps every digit that makes it that double.</summary>
        public string MetricText => metricText ?? (metricText = Csv.CsvFormat.FormatMetric(MetricValue));

        /// <summary>The as-of date (the time part is always midnight).</summary>
        public DateTime AsOfDate { get; }

        /// <summary>An optional comment; empty when there is none.</summary>
        public string Comment { get; }

        public bool Equals(ProgressUpdate other) =>
            other != null && ExternalId == other.ExternalId && Status == other.Status &&
            MetricText == other.MetricText && AsOfDate == other.AsOfDate && Comment == other.Comment;

        public override bool Equals(object obj) => Equals(obj as ProgressUpdate);

        public override int GetHashCode() => (ExternalId ?? string.Empty).GetHashCode() ^ AsOfDate.GetHashCode();

        public override string ToString() =>
            ExternalId + " " + Status + " " + MetricText + " " + Csv.CsvFormat.FormatDate(AsOfDate);
    }
}
