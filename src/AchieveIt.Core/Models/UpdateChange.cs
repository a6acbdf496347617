using System;

namespace AchieveIt
{
    /// <summary>What one update would change in AchieveIt (Compare-AchieveItUpdate, Submit -WhatIf with a plan).</summary>
    public enum ChangeType
    {
        /// <summary>The status or the value would change, or the row carries a comment.</summary>
        Modify,

        /// <summary>The same status (any case) and the same value (as numbers): only the as-of date would move.</summary>
        NoChange,

        /// <summary>The row's As Of Date is before the item's last update: a stale row, whatever else it changes.</summary>
        Older,

        /// <summary>The plan gave no status or no value where the row has one: nothing can be said.</summary>
        NotCompared,
    }

    /// <summary>One valid row set beside its plan item: before and after, and what kind of change it is.</summary>
    public sealed class UpdateChange
    {
        public UpdateChange(string externalId, string name, ChangeType changeType, string statusBefore, string statusAfter, decimal? valueBefore, decimal? valueAfter,
            DateTime? lastUpdated, DateTime asOfDate, string comment, string address, string planId)
        {
            ExternalId = externalId;
            Name = name;
            ChangeType = changeType;
            StatusBefore = statusBefore;
            StatusAfter = statusAfter;
            ValueBefore = valueBefore;
            ValueAfter = valueAfter;
            ValueChange = valueBefore.HasValue && valueAfter.HasValue ? valueAfter - valueBefore : null;
            LastUpdated = lastUpdated;
            AsOfDate = asOfDate;
            Comment = comment;
            Address = address;
            PlanId = planId;
        }

        public string ExternalId { get; }

        /// <summary>The item's name in the plan, when the plan gives one.</summary>
        public string Name { get; }

        public ChangeType ChangeType { get; }

        /// <summary>The item's status in the plan now; null when the plan gave none.</summary>
        public string StatusBefore { get; }

        /// <summary>The row's status (null for a metric update or a row without one).</summary>
        public string StatusAfter { get; }

        public decimal? ValueBefore { get; }

        public decimal? ValueAfter { get; }

        /// <summary>After minus before, when both are known.</summary>
        public decimal? ValueChange { get; }

        /// <summary>When AchieveIt last recorded an update of the item, per the plan.</summary>
        public DateTime? LastUpdated { get; }

        public DateTime AsOfDate { get; }

        public string Comment { get; }

        /// <summary>Where the row is: "line N of FILE" or "input row N".</summary>
        public string Address { get; }

        public string PlanId { get; }
    }
}
