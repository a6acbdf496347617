using System;
using System.Collections.Generic;
using System.Globalization;

namespace AchieveIt
{
    /// <summary>
    /// One item of a plan as AchieveIt's plan export gave it: the fields an admin sorts and checks by, typed, and
    /// every field of the answer under its own name (<see cref="GetFields"/>: nothing the server sent is lost).
    /// </summary>
    public sealed class PlanItem
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Keys = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        private readonly IDictionary<string, object> fields;
        private readonly Dictionary<string, object> byKey;

        public PlanItem(string planId, IDictionary<string, object> fields)
        {
            PlanId = planId;
            this.fields = fields ?? new Dictionary<string, object>();
            byKey = new Dictionary<string, object>(this.fields.Count, StringComparer.Ordinal);
            foreach (var field in this.fields)
            {
                // Field names repeat on every item: each is turned into its compared form once per process (a bounded few).
                var key = Keys.Count < 10_000 ? Keys.GetOrAdd(field.Key ?? string.Empty, Plans.PlanFile.NameKey) : Plans.PlanFile.NameKey(field.Key);
                if (!byKey.ContainsKey(key)) byKey.Add(key, field.Value);
            }

            ExternalId = Text("externalid") ?? string.Empty;
            Id = Text("id");
            Name = Text("name");
            Status = Text("status");
            Level = Text("level");
            AssignedTo = Text("assignedtofullname") ?? Text("assignedto");
            CurrentValue = Number("currentvalue");
            Target = Number("target");
            Baseline = Number("baseline");
            Start = Date("start") ?? Date("startdate");
            Due = Date("due") ?? Date("duedate");
            LastUpdated = Date("lastupdated");
            HasMetric = Flag("hasmetric");
        }

        public string PlanId { get; }

        /// <summary>The External ID updates name the item by; empty when the item has none.</summary>
        public string ExternalId { get; }

        /// <summary>AchieveIt's own ID of the item, when the answer gives one.</summary>
        public string Id { get; }

        public string Name { get; }

        public string Status { get; }

        public decimal? CurrentValue { get; }

        public decimal? Target { get; }

        public decimal? Baseline { get; }

        public string Level { get; }

        public string AssignedTo { get; }

        public DateTime? Start { get; }

        public DateTime? Due { get; }

        public DateTime? LastUpdated { get; }

        /// <summary>Whether the item carries a metric, when the answer says (then -PlanItems checks MissingMetricValue).</summary>
        public bool? HasMetric { get; }

        /// <summary>
        /// Every field of the answer, under the name the server gave it: text, numbers (decimal), true/false, null, nested
        /// dictionaries and arrays. A method, not a property, so that Export-Csv writes the fields themselves (the cmdlet
        /// adds each as a property of its own name), not the dictionary's type name.
        /// </summary>
        public IDictionary<string, object> GetFields() => fields;

        public override string ToString() => string.IsNullOrEmpty(Name) ? ExternalId : ExternalId + " " + Name;

        /// <summary>A field's value by its compared name (<see cref="Plans.PlanFile.NameKey"/>: "lastupdated"), as the server gave it; null when absent.</summary>
        internal object Value(string key) => byKey.TryGetValue(key, out var value) ? value : null;

        private string Text(string key) => Value(key) is object value && !(value is IDictionary<string, object>) && !(value is object[]) ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;

        private decimal? Number(string key)
        {
            var value = Value(key);
            if (value is decimal number) return number;
            return value is string text && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : (decimal?)null;
        }

        private DateTime? Date(string key) =>
            Value(key) is string text && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : (DateTime?)null;

        private bool? Flag(string key)
        {
            var value = Value(key);
            if (value is bool flag) return flag;
            try
            {
                return value is string text ? Plans.PlanFile.ParseFlag(text) : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
