using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AchieveIt.PowerShell.Errors;
using AchieveIt.PowerShell.Online;
using AchieveIt.Rules;

namespace AchieveIt.PowerShell.Input
{
    /// <summary>
    /// Pipeline objects made into checked updates one at a time, as New-AchieveItUpdate and Compare-AchieveItUpdate read
    /// them: a DataTable, DataView or one-table DataSet as its rows, a hashtable by its keys, anything else by its
    /// properties (or by the values its command bound); Excel's trailing empty rows held and left out; every rule, the
    /// plan check included, with each issue written as an error or a warning that names the input row.
    /// </summary>
    internal sealed class RowUpdates
    {
        private readonly PSCmdlet cmdlet;
        private readonly Plans.PlanItems plan;
        private readonly UpdateType kind;
        private readonly DateConvention dates;
        private readonly List<CsvIssue> issues = new List<CsvIssue>();
        private readonly InputShapes shapes = new InputShapes();
        private readonly TrailingBlankRows blanks = new TrailingBlankRows("input row");
        private readonly InputRowReader reader = new InputRowReader();
        private bool warnedStatus;

        public RowUpdates(PSCmdlet cmdlet, Plans.PlanItems plan, UpdateType kind, DateOrder order)
        {
            this.cmdlet = cmdlet;
            this.plan = plan;
            this.kind = kind;
            dates = new DateConvention(order, "input row");
        }

        /// <summary>The input row the last update or issue came from (1 for the first).</summary>
        public long Row { get; private set; }

        /// <summary>
        /// Takes one pipeline object; <paramref name="bound"/> gives the values its command bound from it by property name
        /// (New-AchieveItUpdate), or is null to read them from its properties. Each valid update goes to <paramref name="made"/>.
        /// </summary>
        public void Take(PSObject input, Func<RowValues> bound, Action<IUpdate> made)
        {
            var rows = TableRows.Of(input, out var refused);
            if (rows == null && (input?.BaseObject is System.Collections.IDictionary || bound == null))
            {
                rows = new[] { input }; // a hashtable binds no parameter by property name: its keys are read as a row's are
            }

            if (rows == null)
            {
                Build(input, bound(), made);
                return;
            }

            if (refused != null)
            {
                Row++;
                cmdlet.WriteError(IssueErrors.ForInput(new CsvIssue(Row, string.Empty, string.Empty, RuleCodes.DataSetTables, IssueSeverity.Error, refused), input));
                return;
            }

            foreach (var tableRow in rows)
            {
                issues.Clear();
                if (!reader.ReadValues(tableRow, Row + 1, issues, out var values))
                {
                    Row++;
                    Write(tableRow, null);
                    continue;
                }

                Build(tableRow, values, made);
            }
        }

        /// <summary>
        /// At the end of the input: the warning about Excel's padding and about the session's date culture; an error when
        /// updates were written before a later row showed the input writes dates day first (the caller stops with it).
        /// </summary>
        public ErrorRecord Finish()
        {
            var padding = blanks.PaddingWarning();
            if (padding != null) cmdlet.Warn(padding);
            var late = dates.Finish();
            var culture = dates.CultureWarning(System.Globalization.CultureInfo.CurrentCulture);
            if (culture != null) cmdlet.Warn(culture);
            if (late.Count == 0) return null;
            return new ErrorRecord(new FormatException(
                    $"{dates.Retroactive} update(s) were written before a later row showed that this input writes dates day first, and their dates could be read either way:" +
                    string.Concat(late.Select(i => System.Environment.NewLine + "  " + IssueErrors.InputText(i))) +
                    System.Environment.NewLine + "The pipeline was stopped, so nothing after this command sent them. State the order: -DateOrder DayFirst (or MonthFirst)."),
                RuleCodes.AmbiguousDate, ErrorCategory.InvalidData, null);
        }

        private void Build(PSObject input, RowValues values, Action<IUpdate> made)
        {
            Row++;
            issues.Clear();
            var shape = shapes.Check(input);
            if (shape != null) cmdlet.Warn(shape);
            var metric = kind == UpdateType.Metric;
            if (metric && values[1] != null && !warnedStatus)
            {
                warnedStatus = true;
                cmdlet.Warn("A metric update has no Status: the Status given is not used.");
            }

            var blank = !(values.Target is IUpdate) && UpdateBuilder.IsBlankRow(values[0], metric ? null : values[1], values[2], values[3], values[4]);
            if (blank && input != null && InputRowReader.HoldsNothing(input))
            {
                blanks.Hold(Row); // Excel's padding if only empty rows follow; EmptyRow if a row with values does
                return;
            }

            foreach (var held in blanks.Release()) cmdlet.WriteError(IssueErrors.ForInput(held, null));
            if (blank && input != null)
            {
                cmdlet.WriteError(IssueErrors.ForInput(UpdateBuilder.NoKnownColumnIssue(Row), input)); // values, but in no column read
                return;
            }

            var update = InputRowReader.Build(Row, values, issues, kind, dates);
            if (update != null && plan != null && !plan.Check(Row, update, issues)) update = null;
            Write((object)input ?? new { ExternalId = values[0], Status = values[1], MetricValue = values[2], AsOfDate = values[3], Comment = values[4] },
                (values.Target as IUpdate)?.ExternalId ?? values[0] as string);
            if (update != null) made(update);
        }

        private void Write(object target, string id)
        {
            for (var i = 0; i < issues.Count; i++) issues[i] = issues[i].InRow(null, id); // "Input row 2 (KPI-7)": the row and its External ID
            foreach (var issue in issues)
            {
                if (issue.Severity == IssueSeverity.Error) cmdlet.WriteError(IssueErrors.ForInput(issue, target));
                else cmdlet.Warn(IssueErrors.InputText(issue));
            }
        }
    }
}
