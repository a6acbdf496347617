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
        /// <summary>The plan, or null when -PlanItems was not given.</summary>
        public static PlanItems Read(PSCmdlet cmdlet, object[] given)
        {
            if (given == null) return null;
            try
            {
                var path = AsPath(given);
                var plan = path != null ? PlanFile.Read(cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path)) : FromObjects(given);
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

        private static PlanItems FromObjects(object[] given)
        {
            var builder = new PlanItems.Builder("-PlanItems objects");
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
                        break;
                    case IDictionary table:
                        builder.Add(Find(table.Keys.Cast<object>().Select(k => new Named(k?.ToString(), table[k])), "externalid", where, true), Flag(table.Keys.Cast<object>().Select(k => new Named(k?.ToString(), table[k])), where), where);
                        break;
                    default:
                        var properties = PSObject.AsPSObject(given[i]).Properties.Select(p => new Named(p.Name, Value(p))).ToList();
                        builder.Add(Find(properties, "externalid", where, true), Flag(properties, where), where);
                        break;
                }
            }

            return builder.Build();
        }

        private static string Find(System.Collections.Generic.IEnumerable<Named> members, string key, string where, bool required)
        {
            var list = members.ToList();
            var found = list.FirstOrDefault(m => PlanFile.NameKey(m.Name) == key);
            if (found == null && required)
            {
                throw new AchieveItException(ErrorIds.PlanItemsInvalid,
                    $"{where} has no External ID (its properties: {string.Join(", ", list.Select(m => m.Name).Take(10))}). Give plan items with an ExternalId or 'External ID' property, or the External IDs as strings.");
            }

            var value = Unwrap(found?.Value);
            return value == null || value is DBNull ? null : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
        }

        private static bool? Flag(System.Collections.Generic.IEnumerable<Named> members, string where)
        {
            var found = members.FirstOrDefault(m => PlanFile.NameKey(m.Name) == "hasmetric");
            var value = Unwrap(found?.Value);
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
            public Named(string name, object value)
            {
                Name = name;
                Value = value;
            }

            public string Name { get; }

            public object Value { get; }
        }
    }
}
