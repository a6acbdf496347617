using System;
using System.Linq;
using System.Management.Automation;

namespace AchieveIt.PowerShell.Online
{
    /// <summary>A plan item as written to the pipeline: the typed item, and each other field of the answer as a property of its own name.</summary>
    internal static class PlanItemObjects
    {
        private static readonly System.Collections.Generic.HashSet<string> Typed =
            new System.Collections.Generic.HashSet<string>(typeof(PlanItem).GetProperties().Select(p => p.Name), StringComparer.OrdinalIgnoreCase);

        private static readonly System.Collections.Generic.HashSet<string> Reserved = new System.Collections.Generic.HashSet<string>(
            new[] { "PSObject", "psbase", "psadapted", "psextended", "pstypenames" }, StringComparer.OrdinalIgnoreCase);

        public static PSObject Wrap(PlanItem item)
        {
            var wrapped = PSObject.AsPSObject(item);
            foreach (var field in item.GetFields())
            {
                // A field the typed properties already show (externalId, name, currentValue, ...) is not repeated.
                if (string.IsNullOrEmpty(field.Key) || Typed.Contains(field.Key)) continue;
                // A field named as a member the object has (ToString, GetFields) or as one PowerShell reserves (PSObject,
                // psbase) would hide that member or end the command: it stays readable through GetFields(), never as a property.
                if (wrapped.Members[field.Key] != null || Reserved.Contains(field.Key)) continue;
                try
                {
                    wrapped.Properties.Add(new PSNoteProperty(field.Key, field.Value));
                }
                catch (ExtendedTypeSystemException)
                {
                    // a name PowerShell refuses that the list above does not know: GetFields() still has it
                }
            }

            return wrapped;
        }
    }
}
