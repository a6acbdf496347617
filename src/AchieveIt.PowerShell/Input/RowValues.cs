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
        /// True when checking these values runs no code of the object's own (text, numbers, dates, GUIDs, DBNull,
        /// collections, update objects), so another thread may check them. Anything else is turned into text by its
        /// own ToString, which may need the pipeline thread (a COM object, a type with a script method).
        /// </summary>
        public bool IsPlain
        {
            get
            {
                if (Target is ProgressUpdate || Target is MetricUpdate) return true;
                for (var c = 0; c < 5; c++)
                {
                    if (!IsPlainValue(this[c])) return false;
                }

                return true;
            }
        }

        private static bool IsPlainValue(object value) =>
            value == null || value is string || value is DBNull || value.GetType().IsPrimitive || value is decimal || value is DateTime ||
            value is DateTimeOffset || value is Guid || value is TimeSpan || value is IEnumerable;
    }
}
