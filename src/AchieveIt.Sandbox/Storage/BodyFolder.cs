using System;
using System.IO;

namespace AchieveIt.Sandbox.Storage
{
    /// <summary>
    /// Where uploaded bodies wait for their job: one file per job in a private folder beside the database
    /// (<c>&lt;database&gt;.uploads</c>), or in a private temporary folder for an in-memory database. A body is written
    /// here while it arrives (never held in memory), moved to its job's name once it is whole, and deleted when its job
    /// is processed, so the database holds no bodies and a restart still finds the bodies of pending jobs.
    /// </summary>
    public sealed class BodyFolder
    {
        private const string Arriving = ".arriving";
        private const string Waiting = ".body";

        private const string TemporaryPrefix = "achieveit-sandbox-uploads-";
        private readonly bool temporary;

        public BodyFolder(string database)
        {
            temporary = database == ":memory:";
            if (temporary) SweepTemporaryFolders();
            Path = temporary
                ? System.IO.Path.Combine(System.IO.Path.GetTempPath(), TemporaryPrefix + System.Diagnostics.Process.GetCurrentProcess().Id + "-" + Guid.NewGuid().ToString("N"))
                : System.IO.Path.GetFullPath(database) + ".uploads";
            AchieveIt.Files.PrivateFolder.Ensure(Path);
            foreach (var left in Directory.EnumerateFiles(Path, "*" + Arriving)) File.Delete(left); // bodies cut short by a crash
        }

        public string Path { get; }

        /// <summary>A new file for a body that is arriving: deleted when disposed, unless kept for its job first.</summary>
        public ArrivingBody CreateArriving() => new ArrivingBody(System.IO.Path.Combine(Path, Guid.NewGuid().ToString("N") + Arriving), this);

        /// <summary>A body being written; <see cref="Keep"/> moves it to its job's name.</summary>
        public sealed class ArrivingBody : IDisposable
        {
            private readonly string name;
            private readonly BodyFolder folder;
            private bool kept;

            internal ArrivingBody(string name, BodyFolder folder)
            {
                this.name = name;
                this.folder = folder;
                Stream = new FileStream(name, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920);
            }

            public FileStream Stream { get; }

            public void Keep(string jobId)
            {
                Stream.Dispose();
                File.Move(name, folder.For(jobId));
                kept = true;
            }

            public void Dispose()
            {
                Stream.Dispose();
                if (!kept) File.Delete(name);
            }
        }

        /// <summary>The job's body, or null when there is none (processed already, or deleted with the data).</summary>
        public byte[] Read(string jobId)
        {
            var file = For(jobId);
            return File.Exists(file) ? File.ReadAllBytes(file) : null;
        }

        /// <summary>Deletes the job's body; a body that cannot be deleted now (a virus scanner holding it) is left for the next start.</summary>
        public void Delete(string jobId)
        {
            try
            {
                File.Delete(For(jobId));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
            }
        }

        /// <summary>Deletes every waiting body whose job is not <paramref name="keep"/> (at start-up and with the data).</summary>
        public void DeleteAllBut(Func<string, bool> keep)
        {
            foreach (var file in Directory.EnumerateFiles(Path, "*" + Waiting))
            {
                if (!keep(System.IO.Path.GetFileNameWithoutExtension(file))) File.Delete(file);
            }
        }

        /// <summary>An in-memory database's folder goes with it.</summary>
        public void RemoveIfTemporary()
        {
            if (temporary && Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
        }

        // The temporary folders of in-memory sandboxes that were killed (no Dispose ran): a folder whose process is gone.
        private static void SweepTemporaryFolders()
        {
            foreach (var folder in Directory.EnumerateDirectories(System.IO.Path.GetTempPath(), TemporaryPrefix + "*"))
            {
                var rest = System.IO.Path.GetFileName(folder).Substring(TemporaryPrefix.Length);
                var dash = rest.IndexOf('-');
                if (dash <= 0 || !int.TryParse(rest.Substring(0, dash), out var pid) || IsRunning(pid)) continue;
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                }
            }
        }

        private static bool IsRunning(int pid)
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }

        private string For(string jobId) =>
            System.IO.Path.Combine(Path, (ApiJobId(jobId) ?? throw new ArgumentException("Not a job ID.", nameof(jobId))) + Waiting);

        private static string ApiJobId(string jobId) => Guid.TryParse(jobId, out var guid) ? guid.ToString("D") : null;
    }
}
