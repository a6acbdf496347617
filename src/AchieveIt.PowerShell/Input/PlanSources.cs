using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AchieveIt.Http;
using AchieveIt.Plans;
using AchieveIt.PowerShell.Online;

namespace AchieveIt.PowerShell.Input
{
    /// <summary>
    /// -PlanItems, read once per command: a path to a plan CSV file (one string naming a .csv file or an existing
    /// file, or a FileInfo), or items: strings (External IDs), AchieveIt.PlanItem objects (Get-AchieveItPlanItem),
    /// or any object with an External ID property (Import-Csv rows, SQL rows, hashtables), with an optional
    /// HasMetric property. A plan that cannot be used is a terminating PlanItemsInvalid error: nothing is checked or sent.
    /// </summary>
    internal static class PlanSources
    {
        /// <summary>
        /// The plan, or null when -PlanItems was not given. With <paramref name="states"/>, each item's state (name,
        /// status, value, last update) goes there in the same one read, for Compare-AchieveItUpdate and Submit's what-if.
        /// </summary>
        public static PlanItems Read(PSCmdlet cmdlet, object[] given, PlanComparer states = null)
        {
            if (given == null) return null;
            try
            {
                var path = AsPath(given);
                var plan = path != null ? FromFile(cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path), states) : FromObjects(given, states);
                cmdlet.Note($"Updates are checked against {plan.Count} plan item(s) from the {plan.Source}{(plan.KnowsMetrics ? ", which says which items have a metric" : string.Empty)}.");
                return plan;
            }
            catch (AchieveItException e)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(e, e.ErrorId, ErrorCategory.InvalidData, null));
                return null;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ItemNotFoundException || e is NotSupportedException)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(new AchieveItException(ErrorIds.PlanItemsInvalid, $"The plan file could not be read: {e.Message}", e),
                    ErrorIds.PlanItemsInvalid, ErrorCategory.ReadError, null));
                return null;
            }
        }

        // A plan file: its Status, Current Value, Last Updated, Name and Plan ID columns, found once, give each item's state.
        // A file written in this session (Get-AchieveItPlanItem | Export-Csv) writes values as its culture does.
        private static PlanItems FromFile(string path, PlanComparer states)
        {
            if (states == null) return PlanFile.Read(path);
            int[] at = null; // Name, Status, Current Value, Last Updated, Plan ID
            var culture = System.Globalization.CultureInfo.CurrentCulture;
            return PlanFile.Read(path, row =>
            {
                at = at ?? new[] { states.KeepsNames ? row.IndexOf("Name") : -1, row.IndexOf("Status"), row.IndexOf("Current Value"), row.IndexOf("Last Updated"), row.IndexOf("Plan ID") };
                if (at[0] < 0 && at[1] < 0 && at[2] < 0 && at[3] < 0) return; // bare IDs: nothing to compare with
                states.Add(row.ExternalId, ItemState.Read(row.ExternalId, row.Field(at[4]), row.Field(at[0]), row.Field(at[1]), row.Field(at[2]), row.Field(at[3]), culture));
            });
        }

        /// <summary>The plan, its "did you mean" given to as many unknown IDs as the command shows in full (-MaxIssues).</summary>
        public static PlanItems WithBudget(PlanItems plan, int maxIssues)
        {
            if (plan != null) plan.SuggestionBudget = maxIssues;
            return plan;
        }

        /// <summary>-PlanId: every plan's items, read through the command's connection before anything is checked or sent.</summary>
        public static async Task<PlanItems> ReadPlansAsync(PlanReader reader, string[] planIds, CancellationToken cancellation, Action<string> warn = null, Action<PlanItem> keep = null)
        {
            planIds = planIds.Select(p => p.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(); // a plan named twice is read once
            var builder = new PlanItems.Builder(planIds.Length == 1 ? $"plan '{planIds[0]}'" : $"plans {string.Join(", ", planIds.Select(p => "'" + p + "'"))}");
            foreach (var planId in planIds)
            {
                var pager = new PlanPager(reader, planId, warn: warn);
                while (!pager.Done)
                {
                    foreach (var item in await pager.NextAsync(cancellation).ConfigureAwait(false))
                    {
                        builder.Add(item.ExternalId, item.HasMetric, $"plan '{planId}' item {item.Id ?? item.Name}");
                        keep?.Invoke(item); // Compare-AchieveItUpdate keeps each item's state too
                    }
                }
            }

            return builder.Build();
        }

        // One string that names a CSV file (or an existing file), or one FileInfo: a plan file. Anything else: items.
        internal static string AsPath(object[] given)
        {
            if (given.Length != 1) return null;
            var only = Unwrap(given[0]);
            if (only is FileInfo file) return file.FullName;
            if (!(only is string text) || text.Trim().Length == 0) return null;
            return text.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || text.IndexOfAny(new[] { '/', '\\' }) >= 0 || File.Exists(text) ? text : null;
        }

        private static PlanItems FromObjects(object[] given, PlanComparer states)
        {
            var builder = new PlanItems.Builder("-PlanItems objects");
            var keys = new System.Collections.Generic.Dictionary<string, string>(StringComparer.Ordinal); // property names repeat: each compared form made once
            var culture = System.Globalization.CultureInfo.CurrentCulture;
            for (var i = 0; i < given.Length; i++)
            {
                var item = Unwrap(given[i]);
                var where = $"-PlanItems item {i + 1}";
                switch (item)
                {
                    case null:
                        continue;
                    case string id:
                        builder.Add(id, null, where);
                        break;
                    case PlanItem planItem:
                        builder.Add(planItem.ExternalId, planItem.HasMetric, where);
                        states?.Add(planItem);
                        break;
                    default:
                        var fields = item is IDictionary table
                            ? table.Keys.Cast<object>().Select(k => new Named(Key(keys, k?.ToString()), k?.ToString(), Unwrap(table[k]))).ToList()
                            : PSObject.AsPSObject(given[i]).Properties.Select(p => new Named(Key(keys, p.Name), p.Name, Unwrap(Value(p)))).ToList();
                        var externalId = Find(fields, "externalid", where, true);
                        builder.Add(externalId, Flag(fields, where), where);
                        states?.Add(externalId, ItemState.Read(externalId, Find(fields, "planid", where, false), Find(fields, "name", where, false), Find(fields, "status", where, false),
                            Raw(fields, "currentvalue"), Raw(fields, "lastupdated"), culture));
                        break;
                }
            }

            return builder.Build();
        }

        private static string Key(System.Collections.Generic.Dictionary<string, string> keys, string name)
        {
            name = name ?? string.Empty;
            if (keys.TryGetValue(name, out var key)) return key;
            key = PlanFile.NameKey(name);
            if (keys.Count < 10_000) keys.Add(name, key);
            return key;
        }

        private static object Raw(System.Collections.Generic.List<Named> fields, string key)
        {
            var value = fields.FirstOrDefault(m => m.Key == key)?.Value;
            return value is DBNull ? null : value;
        }

        private static string Find(System.Collections.Generic.List<Named> fields, string key, string where, bool required)
        {
            var found = fields.FirstOrDefault(m => m.Key == key);
            if (found == null && required)
            {
                throw new AchieveItException(ErrorIds.PlanItemsInvalid,
                    $"{where} has no External ID (its properties: {string.Join(", ", fields.Select(m => m.Name).Take(10))}). Give plan items with an ExternalId or 'External ID' property, or the External IDs as strings.");
            }

            var value = found?.Value;
            return value == null || value is DBNull ? null : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
        }

        private static bool? Flag(System.Collections.Generic.List<Named> fields, string where)
        {
            var value = fields.FirstOrDefault(m => m.Key == "hasmetric")?.Value;
            if (value == null || value is DBNull) return null;
            if (value is bool flag) return flag;
            try
            {
                return PlanFile.ParseFlag(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (FormatException e)
            {
                throw new AchieveItException(ErrorIds.PlanItemsInvalid, $"{where}, HasMetric: {e.Message}. Give true or false (or leave it out).");
            }
        }

        private static object Value(PSPropertyInfo property)
        {
            try
            {
                return property.Value;
            }
            catch (GetValueException)
            {
                return null;
            }
        }

        private static object Unwrap(object value) => value is PSObject wrapped ? wrapped.BaseObject : value;

        private sealed class Named
        {
            public Named(string key, string name, object value)
            {
                Key = key;
                Name = name;
                Value = value;
            }

            /// <summary>The name as compared (<see cref="PlanFile.NameKey"/>).</summary>
            public string Key { get; }

            public string Name { get; }

            public object Value { get; }
        }
    }
}
