using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace AchieveIt.Files
{
    /// <summary>
    /// Where rows wait between the pipeline and the upload: a folder only the user can read, files that never
    /// outlive the process. Each file is deleted by its owner when done (success, failure, Ctrl+C); the ones still
    /// open when the process ends are deleted at exit (also on SIGTERM and SIGHUP on PowerShell 7); and a file
    /// left by a process that was killed outright is deleted by the next process that spools.
    /// </summary>
    public static class SpoolFiles
    {
        private const string Prefix = ".achieveit-";
        private static readonly ConcurrentDictionary<string, byte> Live = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        private static readonly Lazy<string> Folder = new Lazy<string>(Prepare);
        private static object signalRegistrations; // kept alive: a collected registration stops listening

        /// <summary>The spool folder (created, made private, and swept of dead processes' files on first use).</summary>
        public static string Directory => Folder.Value;

        /// <summary>
        /// The folder: on Windows the user's temp folder; on Unix $XDG_RUNTIME_DIR (a private tmpfs) when there is
        /// one, else $XDG_CACHE_HOME or ~/.cache; in each, a folder "achieveit" that only the user can open.
        /// </summary>
        public static string Location()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return Path.Combine(Path.GetTempPath(), "AchieveIt");
            var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
            if (!string.IsNullOrEmpty(runtime) && System.IO.Directory.Exists(runtime)) return Path.Combine(runtime, "achieveit");
            var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            if (string.IsNullOrEmpty(cache))
            {
                var home = Environment.GetEnvironmentVariable("HOME");
                cache = string.IsNullOrEmpty(home) ? Path.GetTempPath() : Path.Combine(home, ".cache");
            }

            return Path.Combine(cache, "achieveit", "spool");
        }

        /// <summary>A new, empty, private file in the spool folder, named after this process so a later run can tell it is stale.</summary>
        public static FileStream Create(out string path)
        {
            path = Path.Combine(Directory, Prefix + Process.GetCurrentProcess().Id.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N") + ".csv.tmp");
            var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 64 * 1024);
            Live[path] = 0;
            try
            {
                PrivateFolder.Protect(path);
            }
            catch
            {
                stream.Dispose();
                Delete(path);
                throw;
            }

            return stream;
        }

        /// <summary>A new temporary file in a folder of the caller's (Export's destination), deleted at exit unless handed over.</summary>
        public static FileStream CreateIn(string folder, out string path)
        {
            path = Path.Combine(folder, Prefix + Guid.NewGuid().ToString("N") + ".csv.tmp");
            var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 64 * 1024);
            Live[path] = 0;
            return stream;
        }

        /// <summary>Deletes a spool file (or any temporary file of ours) and forgets it; never throws.</summary>
        public static void Delete(string path)
        {
            if (path == null) return;
            Live.TryRemove(path, out _);
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        /// <summary>Files of processes that are gone. Returns how many were deleted.</summary>
        public static int SweepStale(string folder)
        {
            var deleted = 0;
            string[] files;
            try
            {
                files = System.IO.Directory.GetFiles(folder, Prefix + "*.tmp");
            }
            catch (IOException)
            {
                return 0;
            }

            foreach (var file in files)
            {
                var name = Path.GetFileName(file);
                var dash = name.IndexOf('-', Prefix.Length);
                if (dash < 0 || !int.TryParse(name.Substring(Prefix.Length, dash - Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
                if (IsRunning(pid)) continue;
                Delete(file);
                deleted++;
            }

            return deleted;
        }

        private static string Prepare()
        {
            var folder = PrivateFolder.Ensure(Location());
            SweepStale(folder);
            AppDomain.CurrentDomain.ProcessExit += (_, __) => DeleteLive();
            signalRegistrations = TerminationSignals.Register(DeleteLive);
            return folder;
        }

        private static void DeleteLive()
        {
            foreach (var path in Live.Keys) Delete(path);
        }

        private static bool IsRunning(int pid)
        {
            if (pid == Process.GetCurrentProcess().Id) return true;
            try
            {
                using (var process = Process.GetProcessById(pid)) return !process.HasExited;
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
    }
}
