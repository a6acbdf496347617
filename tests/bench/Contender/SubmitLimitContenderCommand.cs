using System.Management.Automation;

namespace AchieveIt.Bench
{
    /// <summary>
    /// The physical limit for a compiled consumer of update rows: Submit-AchieveItUpdates' three parameter sets (rows
    /// from the pipeline; -Path; -LiteralPath bound by property name, alias PSPath), and per row the five column
    /// values read by name as Submit reads them (Properties[name].Value, the PSObject unwrapped), and nothing else:
    /// no check, no CSV, no upload. The benchmark reports the module's pipeline against it.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Submit, "LimitContender", DefaultParameterSetName = ObjectSet)]
    public sealed class SubmitLimitContenderCommand : PSCmdlet
    {
        private const string ObjectSet = "InputObject";
        private static readonly string[] Names = { "External ID", "Status", "Current Metric Value", "As Of Date", "Comment" };
        private long rows;
        private int sink;

        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ObjectSet)]
        [AllowNull]
        public PSObject InputObject { get; set; }

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Path")]
        [SupportsWildcards]
        public string[] Path { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "LiteralPath", ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        public string[] LiteralPath { get; set; }

        protected override void ProcessRecord()
        {
            if (InputObject == null) return;
            rows++;
            var properties = InputObject.Properties;
            for (var c = 0; c < Names.Length; c++)
            {
                var value = properties[Names[c]]?.Value;
                if (value is PSObject wrapped) value = wrapped.BaseObject;
                if (value != null) sink ^= System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(value); // used, so no step can be left out
            }
        }

        protected override void EndProcessing() => WriteObject(rows);
    }
}
