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
    /// after Remove-Module and Import-Module it starts empty (disconnected).
    /// </summary>
    internal sealed class RunspaceState
    {
        private static readonly object Gate = new object();
        private static readonly ConditionalWeakTable<Runspace, RunspaceState> ByRunspace = new ConditionalWeakTable<Runspace, RunspaceState>();
        private static readonly RunspaceState NoRunspace = new RunspaceState(null);
        private readonly PSModuleInfo module;
        private SettingsSource connection;

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

        /// <summary>The state of the runspace running <paramref name="command"/>, for this import of the module.</summary>
        public static RunspaceState For(PSCmdlet command)
        {
            var runspace = Runspace.DefaultRunspace;
            if (runspace == null) return NoRunspace;
            var module = command.MyInvocation.MyCommand.Module;
            lock (Gate)
            {
                if (ByRunspace.TryGetValue(runspace, out var state) && (module == null || ReferenceEquals(state.module, module))) return state;
                if (state != null) ByRunspace.Remove(runspace); // the module was removed and imported again: start disconnected
                state = new RunspaceState(module);
                ByRunspace.Add(runspace, state);
                return state;
            }
        }

        /// <summary>The state of the current runspace as it is (for argument completers, which run no command of ours).</summary>
        public static RunspaceState Current()
        {
            var runspace = Runspace.DefaultRunspace;
            lock (Gate) return runspace != null && ByRunspace.TryGetValue(runspace, out var state) ? state : NoRunspace;
        }
    }
}
