using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using AchieveIt.Plans;

namespace AchieveIt.PowerShell.Input
{
    /// <summary>
    /// What the plan says of each item now (status, current value, last update), for Compare-AchieveItUpdate and
    /// Submit-AchieveItUpdates -PlanItems: from Get-AchieveItPlanItem output, a plan CSV with Status, Current Value and Last Updated
    /// columns, or any objects or hashtables with those properties. An item given as a bare External ID has no state
    /// (its rows are NotCompared).
    /// </summary>
    internal static class PlanStates
    {
        /// <summary>Adds each item given to <paramref name="states"/> (the first of an External ID wins).</summary>
        public static void AddTo(PlanComparer states, PSCmdlet cmdlet, object[] given)
        {
            var path = PlanSources.AsPath(given);
            if (path != null)
            {
                foreach (var row in PlanFile.Rows(cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path)))
                {
                    var fields = new Dictionary<string, object>
                    {
                        ["externalId"] = row.ExternalId, ["name"] = row.Column("Name"), ["status"] = row.Column("Status"),
                        ["currentValue"] = row.Column("Current Value"), ["lastUpdated"] = row.Column("Last Updated"),
                    };
                    states.Add(new PlanItem(row.Column("Plan ID") ?? string.Empty, Readable(fields)));
                }

                return;
            }

            foreach (var entry in given)
            {
                var item = entry is PSObject wrapped ? wrapped.BaseObject : entry;
                switch (item)
                {
                    case null:
                        continue;
                    case PlanItem planItem:
                        states.Add(planItem);
                        break;
                    case string id:
                        states.Add(new PlanItem(string.Empty, new Dictionary<string, object> { ["externalId"] = id }));
                        break;
                    case IDictionary table:
                        var fromTable = new Dictionary<string, object>();
                        foreach (DictionaryEntry pair in table) fromTable[pair.Key?.ToString() ?? string.Empty] = Plain(pair.Value);
                        states.Add(new PlanItem(Text(fromTable, "planid"), Readable(fromTable)));
                        break;
                    default:
                        var fields = new Dictionary<string, object>();
                        foreach (var property in PSObject.AsPSObject(entry).Properties)
                        {
                            if (property.IsGettable && property.MemberType != PSMemberTypes.ScriptProperty) fields[property.Name] = Plain(Get(property));
                        }

                        states.Add(new PlanItem(Text(fields, "planid"), Readable(fields)));
                        break;
                }
            }
        }

        // A plan file exported in this session (Get-AchieveItPlanItem | Export-Csv) writes values as the session's culture
        // does: 0,45 and 20.11.2026 in de-DE, 20/11/2026 in en-GB. Text is read as AchieveIt's own (ISO dates, invariant
        // numbers) when it is that, else as this session writes it; what neither reads stays text, and the command warns.
        private static Dictionary<string, object> Readable(Dictionary<string, object> fields)
        {
            foreach (var key in fields.Keys.ToList())
            {
                if (!(fields[key] is string text) || text.Trim().Length == 0) continue;
                var name = PlanFile.NameKey(key);
                if (name == "currentvalue")
                {
                    if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ||
                        decimal.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.CurrentCulture, out number))
                    {
                        fields[key] = number;
                    }
                }
                else if (name == "lastupdated" && !IsoDate(text) && DateTime.TryParse(text, CultureInfo.CurrentCulture, DateTimeStyles.None, out var at))
                {
                    fields[key] = at.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
                }
            }

            return fields;
        }

        private static bool IsoDate(string text) =>
            text.Length >= 10 && char.IsDigit(text[0]) && char.IsDigit(text[3]) && text[4] == '-' && text[7] == '-';

        // Values as a plan export gives them: numbers as decimals, dates as ISO text, everything else as text.
        private static object Plain(object value)
        {
            value = value is PSObject wrapped ? wrapped.BaseObject : value;
            switch (value)
            {
                case null: return null;
                case decimal number: return number;
                case double real when !double.IsNaN(real) && !double.IsInfinity(real) && Math.Abs(real) < 7.9e28: return (decimal)real;
                case float single when !float.IsNaN(single) && !float.IsInfinity(single): return (decimal)single;
                case int whole: return (decimal)whole;
                case long big: return (decimal)big;
                case DateTime at: return at.ToString("o", CultureInfo.InvariantCulture);
                case DateTimeOffset at: return at.ToString("o", CultureInfo.InvariantCulture);
                case bool flag: return flag;
                default: return Convert.ToString(value, CultureInfo.InvariantCulture);
            }
        }

        private static object Get(PSPropertyInfo property)
        {
            try
            {
                return property.Value;
            }
            catch (GetValueException)
            {
                return null; // a getter that throws gives nothing, as the plan check reads it
            }
        }

        private static string Text(Dictionary<string, object> fields, string key)
        {
            foreach (var pair in fields)
            {
                if (PlanFile.NameKey(pair.Key) == key) return Convert.ToString(pair.Value, CultureInfo.InvariantCulture) ?? string.Empty;
            }

            return string.Empty;
        }
    }
}
