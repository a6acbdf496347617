using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;

namespace AchieveIt.Files
{
    /// <summary>
    /// Where rows wait between the pipeline and the upload: a folder only the user can read, files that never
    /// outlive the process. Each file is deleted by its owner when done (success, failure, Ctrl+C); the ones still
    /// open when the process ends are deleted at exit (also on SIGTERM and SIGHUP on PowerShell 7); and a file
    /// left by a process that was killed outright is deleted by the next process that spools. Whether a file's
    /// process is alive is told by a lock it holds for its lifetime (not by its process ID, which another process
    /// may have by now, or which means nothing in another container sharing the folder).
    /// </summary>
    public static class SpoolFiles
    {
        private const string Prefix = ".achieveit-";
        private static readonly ConcurrentDictionary<string, byte> Live = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        private static readonly Lazy<string> Folder = new Lazy<string>(Prepare);
        private static readonly string Owner = Guid.NewGuid().ToString("N");
        private static object signalRegistrations; // kept alive: a collected registration stops listening
        private static FileStream ownerLock; // held (exclusively) while this process lives
        private static long created;

        /// <summary>Temporary files this process has made (spool files and Export's): the witness that -WhatIf makes none, whatever other processes of the user do in the shared spool folder.</summary>
        public static long Created => Interlocked.Read(ref created);

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
                if (string.IsNullOrEmpty(home))
                {
                    // No folder of the user's own: one in the shared temp folder named for the user, which
                    // PrivateFolder refuses if someone else made it first.
                    return Path.Combine(Path.GetTempPath(), "achieveit-" + (FileKind.EffectiveUser()?.ToString(CultureInfo.InvariantCulture) ?? Environment.UserName));
                }

                cache = Path.Combine(home, ".cache");
            }

            return Path.Combine(cache, "achieveit", "spool");
        }

        /// <summary>A new, empty, private file in the spool folder, named after this process so a later run can tell it is stale.</summary>
        public static FileStream Create(out string path)
        {
            path = Path.Combine(Directory, Prefix + Owner + "-" + Guid.NewGuid().ToString("N") + ".csv.tmp");
            Interlocked.Increment(ref created);
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
            Interlocked.Increment(ref created);
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

        /// <summary>Files of processes that are gone (their lock can be taken, or they have none). Returns how many were deleted.</summary>
        public static int SweepStale(string folder)
        {
            var deleted = 0;
            string[] files;
            try
            {
                files = System.IO.Directory.GetFiles(folder, Prefix + "*");
            }
            catch (IOException)
            {
                return 0;
            }

            foreach (var owner in files.Select(OwnerOf).Where(o => o != null && o != Owner).Distinct())
            {
                var lockPath = Path.Combine(folder, Prefix + owner + ".lock");
                if (IsHeld(lockPath)) continue;
                foreach (var file in files.Where(f => OwnerOf(f) == owner && f != lockPath))
                {
                    Delete(file);
                    deleted++;
                }

                Delete(lockPath);
            }

            return deleted;
        }

        // ".achieveit-<owner>-<n>.csv.tmp" and ".achieveit-<owner>.lock" -> owner
        private static string OwnerOf(string file)
        {
            var name = Path.GetFileName(file);
            if (!name.StartsWith(Prefix, StringComparison.Ordinal)) return null;
            var rest = name.Substring(Prefix.Length);
            var end = rest.IndexOfAny(new[] { '-', '.' });
            return end <= 0 ? null : rest.Substring(0, end);
        }

        private static bool IsHeld(string lockPath)
        {
            if (!File.Exists(lockPath)) return false;
            try
            {
                using (new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) return false;
            }
            catch (IOException)
            {
                return true;
            }
            catch (UnauthorizedAccessException)
            {
                return true;
            }
        }

        private static string Prepare()
        {
            var folder = PrivateFolder.Ensure(Location());
            var lockPath = Path.Combine(folder, Prefix + Owner + ".lock");
            ownerLock = new FileStream(lockPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
            PrivateFolder.Protect(lockPath);
            Live[lockPath] = 0;
            SweepStale(folder);
            AppDomain.CurrentDomain.ProcessExit += (_, __) => DeleteLive();
            signalRegistrations = TerminationSignals.Register(DeleteLive);
            return folder;
        }

        private static void DeleteLive()
        {
            ownerLock?.Dispose();
            foreach (var path in Live.Keys) Delete(path);
        }
    }
}
