using System;

namespace AchieveIt
{
    /// <summary>The two kinds of update the API takes: progress (status and metric) and metric only.</summary>
    public enum UpdateType
    {
        /// <summary>POST /api/progressupdates: External ID, Status, Metric Value, As Of Date[, Comment].</summary>
        Progress,

        /// <summary>POST /api/metricupdates: External ID, Current Metric Value (required), As Of Date[, Comment].</summary>
        Metric,
    }

    /// <summary>How updates travel: CSV (every kind), or the vendor's JSON array (progress updates only).</summary>
    public enum UpdateFormat
    {
        Csv,
        Json,
    }

    /// <summary>What both kinds of update share, for the writers, the spool and the duplicate check.</summary>
    public interface IUpdate
    {
        string ExternalId { get; }

        /// <summary>The metric exactly as written on the wire; empty when there is none.</summary>
        string MetricText { get; }

        DateTime AsOfDate { get; }

        string Comment { get; }
    }
}
