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
        /// safe as they are; any other value is replaced by an <see cref="ObjectText"/> of its text, which the check
        /// treats exactly as it treats the object. False, with every value unchanged, for a collection that is not an
        /// array and for a value whose ToString throws: such a row is checked on the pipeline thread, as before.
        /// </summary>
        public bool MakePlain()
        {
            if (Target is IUpdate) return true;
            string[] texts = null;
            for (var c = 0; c < 5; c++)
            {
                var value = this[c];
                if (IsPlain(value)) continue;
                if (value is IEnumerable) return false;
                try
                {
                    (texts = texts ?? new string[5])[c] = Rules.UpdateBuilder.AsText(value);
                }
                catch (Exception)
                {
                    return false; // the pipeline thread meets the same failure, in its place among the rows
                }
            }

            for (var c = 0; texts != null && c < 5; c++)
            {
                if (texts[c] != null) this[c] = new ObjectText(texts[c]);
            }

            return true;
        }

        private static bool IsPlain(object value) =>
            value == null || value is string || value is DBNull || value.GetType().IsPrimitive || value is decimal || value is DateTime ||
            value is DateTimeOffset || value is Guid || value is TimeSpan || value is Array;
    }
}
