using System;
using System.Collections;
using System.Collections.Generic;
using System.Data;
using System.Linq;
using System.Management.Automation;
using AchieveIt.Rules;

namespace AchieveIt.PowerShell.Input
{
    /// <summary>
    /// Looks at the property names of the input once per shape (the first object of each type; for DataRows, of
    /// each table), so that a column no name matched is not dropped in silence, at no cost per row.
    /// </summary>
    internal sealed class InputShapes
    {
        private readonly HashSet<object> seen = new HashSet<object>();
        private readonly HashSet<string> warned = new HashSet<string>(StringComparer.Ordinal);
        private object last; // the shape of the object before: a stream of one shape costs a comparison a row

        /// <summary>A warning to write for this object's shape (once per shape and text), or null.</summary>
        public string Check(PSObject input)
        {
            var target = input?.BaseObject;
            if (target == null || target is IUpdate) return null; // an update object is read as itself, not by property
            var key = target is DataRow row ? (object)row.Table : target.GetType();
            if (ReferenceEquals(key, last)) return null;
            last = key;
            if (!seen.Add(key)) return null;
            var warning = PropertyNames.UnusedWarning(Names(input, target));
            return warning != null && warned.Add(warning) ? warning : null;
        }

        private static IEnumerable<string> Names(PSObject input, object target)
        {
            switch (target)
            {
                case DataRow row:
                    return row.Table.Columns.Cast<DataColumn>().Select(c => c.ColumnName).ToList();
                case IDictionary dictionary:
                    return dictionary.Keys.OfType<object>().Select(k => k.ToString()).ToList();
                case PSCustomObject _:
                    return input.Properties.Where(p => p.MemberType == PSMemberTypes.NoteProperty).Select(p => p.Name).ToList();
                default:
                    return input.Properties.Where(p => p.MemberType == PSMemberTypes.NoteProperty || p.MemberType == PSMemberTypes.Property).Select(p => p.Name).ToList();
            }
        }
    }
}
