using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace AchieveIt.PowerShell.Tests
{
    /// <summary>
    /// The module's cmdlets in a runspace of this process, as PowerShell 7 runs them (with the module's types and
    /// views), without a child pwsh or an import: each test gets a fresh runspace in milliseconds. The journal of
    /// every runspace here is one private folder of this test run.
    /// </summary>
    public sealed class ModuleRunspace : IDisposable
    {
        public static readonly string JournalFolder = Path.Combine(Path.GetTempPath(), "achieveit-ps-tests-" + Guid.NewGuid().ToString("N"));
        private static readonly InitialSessionState State = CreateState();

        public ModuleRunspace()
        {
            Runspace = RunspaceFactory.CreateRunspace(State);
            Runspace.Open();
        }

        public Runspace Runspace { get; }

        /// <summary>Runs a script; <paramref name="variables"/> are set first (a SecureString key, a DataTable, ...).</summary>
        public ScriptResult Run(string script, IDictionary<string, object> variables = null)
        {
            using var shell = System.Management.Automation.PowerShell.Create();
            shell.Runspace = Runspace;
            foreach (var pair in variables ?? new Dictionary<string, object>()) Runspace.SessionStateProxy.SetVariable(pair.Key, pair.Value);
            shell.AddScript(script);
            var result = new ScriptResult();
            try
            {
                result.Output.AddRange(shell.Invoke());
            }
            catch (RuntimeException e)
            {
                result.Terminating = e;
            }

            result.Errors.AddRange(shell.Streams.Error);
            result.Warnings.AddRange(shell.Streams.Warning.Select(w => w.Message));
            result.Verbose.AddRange(shell.Streams.Verbose.Select(v => v.Message));
            result.Debug.AddRange(shell.Streams.Debug.Select(d => d.Message));
            result.Information.AddRange(shell.Streams.Information.Select(i => i.MessageData?.ToString()));
            return result;
        }

        public void Dispose() => Runspace.Dispose();

        private static InitialSessionState CreateState()
        {
            Directory.CreateDirectory(JournalFolder);
            Environment.SetEnvironmentVariable("ACHIEVEIT_JOURNAL_PATH", JournalFolder);
            foreach (var name in new[] { "ACHIEVEIT_API_KEY", "ACHIEVEIT_BASE_URI", "ACHIEVEIT_ENVIRONMENT" }) Environment.SetEnvironmentVariable(name, null);

            var state = InitialSessionState.CreateDefault2();
            foreach (var type in typeof(Commands.SubmitAchieveItUpdatesCommand).Assembly.GetExportedTypes())
            {
                var cmdlet = (CmdletAttribute)Attribute.GetCustomAttribute(type, typeof(CmdletAttribute));
                if (cmdlet != null) state.Commands.Add(new SessionStateCmdletEntry(cmdlet.VerbName + "-" + cmdlet.NounName, type, null));
            }

            // As the module's manifest does: scripts (and the views) name the core's types, [AchieveIt.Plans.ChangeListing].
            var core = typeof(Job).Assembly;
            state.Assemblies.Add(new SessionStateAssemblyEntry(core.FullName, core.Location));
            var source = Path.Combine(RepositoryRoot(), "src", "AchieveIt.PowerShell");
            state.Types.Add(new SessionStateTypeEntry(Path.Combine(source, "AchieveIt.types.ps1xml")));
            state.Formats.Add(new SessionStateFormatEntry(Path.Combine(source, "AchieveIt.format.ps1xml")));
            return state;
        }

        public static string RepositoryRoot()
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "AchieveIt.psd1"))) return folder.FullName;
            }

            throw new InvalidOperationException("The repository root (AchieveIt.psd1) was not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>What a script wrote to each stream, and the error that stopped it, if one did.</summary>
    public sealed class ScriptResult
    {
        public List<PSObject> Output { get; } = new List<PSObject>();

        public List<ErrorRecord> Errors { get; } = new List<ErrorRecord>();

        public List<string> Warnings { get; } = new List<string>();

        public List<string> Verbose { get; } = new List<string>();

        public List<string> Debug { get; } = new List<string>();

        /// <summary>What was written for the host (Write-Host, the -WhatIf listing).</summary>
        public List<string> Information { get; } = new List<string>();

        public RuntimeException Terminating { get; set; }

        /// <summary>Every error's ID, the terminating one included.</summary>
        public IEnumerable<string> ErrorIds =>
            Errors.Select(e => e.FullyQualifiedErrorId).Concat(Terminating?.ErrorRecord == null ? Enumerable.Empty<string>() : new[] { Terminating.ErrorRecord.FullyQualifiedErrorId });

        /// <summary>Everything a person or a log could read from the run.</summary>
        public string AllText =>
            string.Join("\n", Output.Select(o => o?.ToString()).Concat(Errors.Select(e => e.ToString() + " " + e.ErrorDetails?.Message + " " + e.Exception?.Message))
                .Concat(Warnings).Concat(Verbose).Concat(Debug).Concat(Information).Concat(new[] { Terminating?.Message }));
    }
}
