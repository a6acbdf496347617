using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using AchieveIt.Rules;

namespace AchieveIt.PowerShell.Input
{
    /// <summary>
    /// Turns any pipeline object into an update in two steps: <see cref="ReadValues"/> takes the five column values
    /// from it on the pipeline thread (an update as it is, a dictionary by key, anything else (Import-Csv rows,
    /// DataRow, PSCustomObject) by property), and <see cref="Build"/> checks them on any thread. The property name
    /// that matched is remembered per column, so rows of one shape cost one lookup per column instead of one per alias.
    /// </summary>
    internal sealed class InputRowReader
    {
        private readonly string[] matchedName = new string[5];

        /// <summary>
        /// The column values of one object; false after adding its issues when a property could not be read.
        /// Only the pipeline thread may call this: a property may run a script.
        /// </summary>
        public bool ReadValues(PSObject input, long row, List<CsvIssue> issues, out RowValues values)
        {
            var target = input?.BaseObject;
            values = new RowValues(target);
            if (target is ProgressUpdate || target is MetricUpdate) return true;
            if (target is IDictionary dictionary)
            {
                for (var c = 0; c < 5; c++) values[c] = FromDictionary(dictionary, c);
                return true;
            }

            var readable = true;
            for (var c = 0; c < 5; c++)
            {
                try
                {
                    values[c] = input == null ? null : FromProperties(input, c);
                }
                catch (Exception e) when (e is GetValueException || e is ExtendedTypeSystemException || e is RuntimeException)
                {
                    // A getter that throws is this row's problem, not the pipeline's.
                    readable = false;
                    issues.Add(new CsvIssue(row, ColumnNames.Of((Column)c), string.Empty, RuleCodes.PropertyUnreadable, IssueSeverity.Error,
                        $"Reading the property for {ColumnNames.Of((Column)c)} failed: {(e.InnerException ?? e).Message.TrimEnd('.')}. Check the object (a computed property that throws)."));
                }
            }

            return readable;
        }

        /// <summary>Checks the values read: the update, or null after adding the row's issues (rows count input objects from 1). Any thread.</summary>
        public static IUpdate Build(long row, in RowValues values, List<CsvIssue> issues, UpdateType kind, Rules.DateConvention dates = null)
        {
            if (values.Target is ProgressUpdate update) return UpdateBuilder.Recheck(row, update, issues);
            if (values.Target is MetricUpdate metricUpdate) return UpdateBuilder.Recheck(row, metricUpdate, issues);
            try
            {
                return kind == UpdateType.Metric
                    ? (IUpdate)UpdateBuilder.MetricFromValues(row, values[0], values[2], values[3], values[4], issues, dates)
                    : UpdateBuilder.FromValues(row, values[0], values[1], values[2], values[3], values[4], issues, dates);
            }
            catch (Exception e) when (!(e is OperationCanceledException) && !(e is OutOfMemoryException))
            {
                // A value whose ToString throws (only values not made plain reach here, on the pipeline thread): this row's problem.
                issues.Add(new CsvIssue(row, string.Empty, string.Empty, RuleCodes.PropertyUnreadable, IssueSeverity.Error,
                    Rules.IssueFactory.Printable($"The text of a value could not be read: {(e.InnerException ?? e).Message.TrimEnd('.')}. Check the object (a value whose ToString throws).")));
                return null;
            }
        }

        /// <summary>
        /// True when the object holds no value at all (every property, field or key blank), as Excel's padding rows do:
        /// an object whose values are only in columns no name matched (a semicolon file read with commas) is not padding.
        /// Only the pipeline thread may call this: a property may run a script.
        /// </summary>
        public static bool HoldsNothing(PSObject input)
        {
            switch (input?.BaseObject)
            {
                case null:
                    return true;
                case System.Data.DataRow row:
                    foreach (var value in row.ItemArray)
                    {
                        if (!IsBlank(value)) return false;
                    }

                    return true;
                case IDictionary dictionary:
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        if (!IsBlank(entry.Value)) return false;
                    }

                    return true;
                default:
                    foreach (var property in input.Properties)
                    {
                        if (property.MemberType != PSMemberTypes.NoteProperty && property.MemberType != PSMemberTypes.Property) continue;
                        try
                        {
                            if (!IsBlank(property.Value)) return false;
                        }
                        catch (Exception e) when (e is GetValueException || e is ExtendedTypeSystemException || e is RuntimeException)
                        {
                            return false; // something is there, and it is not blank padding
                        }
                    }

                    return true;
            }
        }

        private static bool IsBlank(object value)
        {
            value = Unwrap(value);
            return value == null || value is DBNull || (value is string text && text.Trim().Length == 0);
        }

        private object FromProperties(PSObject input, int column)
        {
            var properties = input.Properties;
            var name = matchedName[column];
            if (name != null)
            {
                var cached = properties[name];
                if (cached != null) return Unwrap(cached.Value);
            }

            foreach (var candidate in InputNames.ByColumn[column])
            {
                var property = properties[candidate];
                if (property == null) continue;
                matchedName[column] = candidate;
                return Unwrap(property.Value);
            }

            return null;
        }

        private static object FromDictionary(IDictionary dictionary, int column)
        {
            foreach (var candidate in InputNames.ByColumn[column])
            {
                if (dictionary.Contains(candidate)) return Unwrap(dictionary[candidate]);
            }

            return null;
        }

        private static object Unwrap(object value) => value is PSObject wrapped ? wrapped.BaseObject : value;
    }
}
