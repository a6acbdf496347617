using System;
using System.Collections;

namespace AchieveIt.PowerShell.Input
{
    /// <summary>The five column values read from one pipeline object (External ID, Status, metric, date, comment), and the object itself.</summary>
    internal struct RowValues
    {
        private object externalId;
        private object status;
        private object metric;
        private object date;
        private object comment;

        public RowValues(object target)
        {
            Target = target;
            externalId = status = metric = date = comment = null;
        }

        /// <summary>The object read (its base object): an update object is checked as it is.</summary>
        public object Target { get; }

        public object this[int column]
        {
            get
            {
                switch (column)
                {
                    case 0: return externalId;
                    case 1: return status;
                    case 2: return metric;
                    case 3: return date;
                    default: return comment;
                }
            }

            set
            {
                switch (column)
                {
                    case 0: externalId = value; break;
                    case 1: status = value; break;
                    case 2: metric = value; break;
                    case 3: date = value; break;
                    default: comment = value; break;
                }
            }
        }

        /// <summary>
        /// Makes the values safe to check on another thread, on the pipeline thread: true when checking them then
        /// runs no code of the object's own. Text, numbers, dates, GUIDs, DBNull, arrays and update objects are
        /// safe as they are; any other value is replaced by its text (what the check would have taken from it).
        /// False, with the values unchanged, for a collection that is not an array and for an object whose text is
        /// blank (the check judges those by more than their text): such a row is checked on the pipeline thread.
        /// </summary>
        public bool MakePlain()
        {
            if (Target is ProgressUpdate || Target is MetricUpdate) return true;
            for (var c = 0; c < 5; c++)
            {
                var value = this[c];
                if (IsPlain(value)) continue;
                if (value is IEnumerable) return false;
                var text = Rules.UpdateBuilder.AsText(value);
                if (string.IsNullOrWhiteSpace(text)) return false;
                this[c] = text;
            }

            return true;
        }

        private static bool IsPlain(object value) =>
            value == null || value is string || value is DBNull || value.GetType().IsPrimitive || value is decimal || value is DateTime ||
            value is DateTimeOffset || value is Guid || value is TimeSpan || value is Array;
    }
}
