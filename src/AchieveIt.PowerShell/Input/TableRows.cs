using System.Collections.Generic;
using System.Data;
using System.Linq;
using System.Management.Automation;

namespace AchieveIt.PowerShell.Input
{
    /// <summary>
    /// SQL results as they come: Invoke-Sqlcmd -OutputAs DataTables, a DataAdapter's DataSet, or ",$table" pipe one
    /// DataTable, DataView or DataSet as a single object. Such an object stands for its rows, so it is read as them.
    /// </summary>
    internal static class TableRows
    {
        /// <summary>
        /// The rows <paramref name="input"/> stands for (a DataRowView stands for its DataRow), or null when it is a row itself. A DataSet with more than one
        /// table cannot say which table holds the updates: <paramref name="refused"/> then names them, and no rows are given.
        /// </summary>
        public static IEnumerable<PSObject> Of(PSObject input, out string refused)
        {
            refused = null;
            switch (input?.BaseObject)
            {
                case DataTable table:
                    return Rows(table.DefaultView);
                case DataView view:
                    return Rows(view);
                case DataRowView rowView:
                    return new[] { PSObject.AsPSObject(rowView.Row) }; // a DataView piped the usual way: its rows, read as DataRows
                case DataSet set when set.Tables.Count == 1:
                    return Rows(set.Tables[0].DefaultView);
                case DataSet set:
                    // Names as data: shortened, control characters escaped, at most five of them.
                    var names = set.Tables.Cast<DataTable>().Take(5).Select(t => "'" + Rules.IssueFactory.Printable(Rules.IssueFactory.Shorten(t.TableName)) + "'").ToList();
                    var more = set.Tables.Count > names.Count ? $" and {set.Tables.Count - names.Count} more" : string.Empty;
                    refused = set.Tables.Count == 0
                        ? "The DataSet holds no table, so it holds no rows. Check the query that filled it."
                        : $"The DataSet holds {set.Tables.Count} tables ({string.Join(", ", names)}{more}), and only one of them can hold the updates. Pipe that table's rows: $dataSet.Tables[{names[0]}] (or $dataSet.Tables[0]).";
                    return Enumerable.Empty<PSObject>();
                default:
                    return null;
            }
        }

        // A DataView's rows as DataRows (the view's sort and filter kept), so each is read as any DataRow is.
        private static IEnumerable<PSObject> Rows(DataView view)
        {
            foreach (DataRowView row in view) yield return PSObject.AsPSObject(row.Row);
        }
    }
}
