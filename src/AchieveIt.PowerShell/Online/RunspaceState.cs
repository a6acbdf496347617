using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using AchieveIt.Http;

namespace AchieveIt.PowerShell.Online
{
    /// <summary>
    /// What the module remembers between commands, for one runspace only: the Connect-AchieveIt settings and the
    /// jobs it saw. Parallel runbooks (ForEach-Object -Parallel, [powershell]::Create()) each have their own, so
    /// one runspace's key never reaches another's upload. The state belongs to one import of the module:
    /// after Remove-Module and Import-Module it starts empty (disconnected). A runspace that PowerShell resets for
    /// reuse (ForEach-Object -Parallel reuses its runspaces) also starts disconnected: a marker kept in the
    /// runspace's global variables, which the reset clears, tells.
    /// </summary>
    internal sealed class RunspaceState
    {
        private static readonly object Gate = new object();
        private static readonly ConditionalWeakTable<Runspace, RunspaceState> ByRunspace = new ConditionalWeakTable<Runspace, RunspaceState>();
        private static readonly RunspaceState NoRunspace = new RunspaceState(null);
        private const int SubmissionCapacity = 10000;
        private readonly PSModuleInfo module;
        private readonly Dictionary<string, ConnectionSettings> submittedWith = new Dictionary<string, ConnectionSettings>(StringComparer.OrdinalIgnoreCase);
        private readonly Queue<string> order = new Queue<string>();
        private SettingsSource connection;

        private const string MarkerVariable = "AchieveItRunspaceMarker";
        private readonly object marker = new object();

        private RunspaceState(PSModuleInfo module) => this.module = module;

        /// <summary>What Connect-AchieveIt set, or null.</summary>
        public SettingsSource Connection
        {
            get
            {
                lock (Gate) return connection;
            }

            set
            {
                lock (Gate) connection = value;
            }
        }

        public JobHistory Jobs { get; } = new JobHistory();

        /// <summary>
        /// Remembers what a job was submitted with (key, address, proxy), in memory and for this runspace only,
        /// so that Get/Wait can follow it without -ApiKey, and the job in the history. The key is never put on the Job object.
        /// </summary>
        public void RememberSubmission(Job job, ConnectionSettings settings)
        {
            Jobs.Remember(job);
            lock (Gate)
            {
                submittedWith.Remove(job.JobId);
                submittedWith.Add(job.JobId, settings);
                order.Enqueue(job.JobId);
                while (order.Count > SubmissionCapacity) submittedWith.Remove(order.Dequeue());
            }
        }

        /// <summary>What the job with this ID was submitted with in this runspace (at <paramref name="baseUri"/>, when given), or null.</summary>
        public ConnectionSettings SubmittedWith(string jobId, System.Uri baseUri)
        {
            lock (Gate)
            {
                if (jobId == null || !submittedWith.TryGetValue(jobId, out var settings)) return null;
                return baseUri == null || UriRules.SameOrigin(baseUri, settings.Environment.BaseUri) ? settings : null;
            }
        }

        /// <summary>The state of the runspace running <paramref name="command"/>, for this import of the module.</summary>
        public static RunspaceState For(PSCmdlet command)
        {
            var runspace = Runspace.DefaultRunspace;
            if (runspace == null) return NoRunspace;
            var module = command.MyInvocation.MyCommand.Module;
            var variables = command.SessionState.PSVariable;
            var seen = variables.GetValue("global:" + MarkerVariable);
            if (seen is PSObject wrapped) seen = wrapped.BaseObject;
            RunspaceState state;
            lock (Gate)
            {
                if (ByRunspace.TryGetValue(runspace, out state) && (module == null || ReferenceEquals(state.module, module)) && ReferenceEquals(seen, state.marker))
                {
                    return state;
                }

                // New, or the module was imported again, or the runspace was reset for reuse: start disconnected.
                if (state != null) ByRunspace.Remove(runspace);
                state = new RunspaceState(module);
                ByRunspace.Add(runspace, state);
            }

            // Tells the module that this runspace was not reset; it holds nothing.
            variables.Set("global:" + MarkerVariable, state.marker);
            return state;
        }

        /// <summary>The state of the current runspace as it is (for argument completers, which run no command of ours).</summary>
        public static RunspaceState Current()
        {
            var runspace = Runspace.DefaultRunspace;
            lock (Gate) return runspace != null && ByRunspace.TryGetValue(runspace, out var state) ? state : NoRunspace;
        }
    }
}
