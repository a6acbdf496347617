using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;
using AchieveIt.Http;
using AchieveIt.Rules;

using AchieveIt.PowerShell.Online;

namespace AchieveIt.PowerShell.Errors
{
    /// <summary>
    /// How Submit and Export report bad rows so that every one is named before anything stops:
    /// <list type="bullet">
    /// <item>interactively (ErrorAction Continue and the like): one error record per bad row as it comes;</item>
    /// <item>under ErrorAction Stop: nothing per row (the first record would stop the command after one row); the
    /// closing InvalidRows error lists them all instead;</item>
    /// <item>with -SkipInvalid (the user accepted that bad rows are left out): warnings, never an error.</item>
    /// </list>
    /// At most the issue limit is written or listed; every one is counted. The closing InvalidRows error carries the
    /// issues it lists as its target (an array of AchieveIt.CsvIssue).
    /// </summary>
    internal sealed class BadRowReport
    {
        private const int ListedInMessage = 1000;
        private readonly PSCmdlet cmdlet;
        private readonly bool skipInvalid;
        private readonly bool deferErrors;
        private readonly List<(CsvIssue Issue, string Text)> listed = new List<(CsvIssue, string)>();
        private long warningsWritten;

        /// <summary>How many warnings of one code are written one by one before the rest are summarised with a count.</summary>
        public const int SameKindShown = 20;
        private readonly Dictionary<string, long> sameKind = new Dictionary<string, long>(StringComparer.Ordinal);
        private readonly Dictionary<string, long> summarised = new Dictionary<string, long>(StringComparer.Ordinal); // what WarnAboutUnshown said of each code
        private long notKeptSaid;

        public BadRowReport(PSCmdlet cmdlet, bool skipInvalid, int limit)
        {
            this.cmdlet = cmdlet;
            this.skipInvalid = skipInvalid;
            deferErrors = !skipInvalid && StopsOnError(cmdlet);
            Log = new IssueLog(limit);
        }

        /// <summary>Every issue counted, the first kept.</summary>
        public IssueLog Log { get; }

        public bool HasErrors => Log.HasErrors;

        /// <summary>Reports one issue; <paramref name="text"/> is its full sentence ("Input row 3, Status: ..."), <paramref name="target"/> the bad input.</summary>
        public void Report(CsvIssue issue, string text, object target)
        {
            var keep = Log.Total < Log.Limit;
            Log.Add(issue);
            if (issue.Severity == IssueSeverity.Error && listed.Count < Math.Min(ListedInMessage, Log.Limit)) listed.Add((issue, text));
            if (!keep) return; // counted; the closing message says how many more
            if (issue.Severity == IssueSeverity.Warning && !FirstOfItsKind(issue.Code)) return; // summarised at the end
            if (issue.Severity == IssueSeverity.Warning || skipInvalid)
            {
                warningsWritten++;
                cmdlet.Warn(skipInvalid && issue.Severity == IssueSeverity.Error ? text + " (left out: -SkipInvalid)" : text);
            }
            else if (!deferErrors)
            {
                cmdlet.WriteError(IssueErrors.Make(issue, text, target));
            }
        }

        /// <summary>A warning about the input as a whole (not a row), such as properties that match no column.</summary>
        public void Warn(string text) => cmdlet.Warn(text);

        // The first SameKindShown warnings of one code are written one by one; the rest are counted for one summary line.
        private bool FirstOfItsKind(string code)
        {
            sameKind.TryGetValue(code, out var seen);
            sameKind[code] = seen + 1;
            return seen < SameKindShown;
        }

        /// <summary>A warning that says how many issues were counted but not shown, if any (called again, it says only what is new).</summary>
        public void WarnAboutUnshown()
        {
            foreach (var kind in sameKind)
            {
                summarised.TryGetValue(kind.Key, out var said);
                if (kind.Value <= Math.Max(said, SameKindShown)) continue;
                summarised[kind.Key] = kind.Value;
                cmdlet.Warn($"{kind.Value - Math.Max(said, SameKindShown)} more {kind.Key} warnings like the {SameKindShown} above were not written one by one ({kind.Value} in all).");
            }

            if (Log.NotKept > notKeptSaid)
            {
                notKeptSaid = Log.NotKept;
                cmdlet.Warn($"{Log.NotKept} more issues were counted but not shown (the first {Log.Limit} were; -MaxIssues changes that). In all: {Log.Summary()}.");
            }
        }

        /// <summary>
        /// The closing error: what was not done, the counts, and the fix. Under ErrorAction Stop (no row was written on its
        /// own) it names every bad row (up to the limit, then "and N more"); otherwise each was written already, so it
        /// counts them and refers to them rather than writing them twice. Its target holds the issues either way.
        /// </summary>
        public ErrorRecord InvalidRows(string nothingDone, string fix)
        {
            var message = new StringBuilder(nothingDone.TrimEnd('.')).Append(": ").Append(Log.Summary()).Append('.');
            if (deferErrors)
            {
                foreach (var (_, text) in listed) message.Append(System.Environment.NewLine).Append("  ").Append(text);
                var more = Log.ErrorCount - listed.Count;
                if (more > 0) message.Append(System.Environment.NewLine).Append($"  ... and {more} more.");
            }
            else
            {
                var notWritten = Log.ErrorCount - listed.Count;
                message.Append(notWritten > 0
                    ? $" The first {listed.Count} are written above (and held in this error's TargetObject); {notWritten} more were counted but not written (-MaxIssues)."
                    : " Each is written above (and held in this error's TargetObject).");
            }

            message.Append(System.Environment.NewLine).Append(fix);
            var issues = listed.Select(l => l.Issue).ToArray();
            return new ErrorRecord(new AchieveItException(ErrorIds.InvalidRows, message.ToString()), ErrorIds.InvalidRows, ErrorCategory.InvalidData, issues);
        }

        /// <summary>
        /// For a terminating error that ends the command before the closing InvalidRows error (MixedUpdateTypes,
        /// FormatRefused): under ErrorAction Stop the bad rows met so far were held back for that closing error, so
        /// they are told here instead. Empty when nothing was held back.
        /// </summary>
        public string HeldBackRows()
        {
            if (!deferErrors || listed.Count == 0) return string.Empty;
            var message = new StringBuilder(System.Environment.NewLine).Append("The rows before it had issues too: ").Append(Log.Summary()).Append('.');
            foreach (var (_, text) in listed) message.Append(System.Environment.NewLine).Append("  ").Append(text);
            var more = Log.ErrorCount - listed.Count;
            if (more > 0) message.Append(System.Environment.NewLine).Append($"  ... and {more} more.");
            return message.ToString();
        }

        /// <summary>FormatRefused: -Format Json with metric updates, naming the bad rows held back before it.</summary>
        public ErrorRecord FormatRefused(string format) =>
            new ErrorRecord(new ArgumentException(
                "-Format Json is for progress updates: the vendor documents JSON bodies for progress updates only, so metric updates are sent as CSV. Leave out -Format Json." + HeldBackRows()),
                ErrorIds.FormatRefused, ErrorCategory.InvalidArgument, format);

        /// <summary>True when a non-terminating error would stop this command (-ErrorAction Stop or $ErrorActionPreference = 'Stop').</summary>
        public static bool StopsOnError(PSCmdlet cmdlet)
        {
            object preference = null;
            if (cmdlet.MyInvocation.BoundParameters.TryGetValue("ErrorAction", out var given)) preference = given;
            else preference = cmdlet.SessionState.PSVariable.GetValue("ErrorActionPreference");
            if (preference is PSObject wrapped) preference = wrapped.BaseObject;
            if (preference is ActionPreference action) return action == ActionPreference.Stop;
            return string.Equals(preference as string, "Stop", StringComparison.OrdinalIgnoreCase);
        }
    }
}
