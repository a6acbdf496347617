using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace AchieveIt.Files
{
    /// <summary>
    /// Folders and files only their user can read: 0700 and 0600 on Unix (set right after creation, before any
    /// data is written); on Windows the user's own profile folders already are. netstandard2.0 has no API for
    /// Unix modes, so this uses File.SetUnixFileMode where the runtime has it (.NET 7+) and chmod otherwise.
    /// </summary>
    public static class PrivateFolder
    {
        private const int OwnerOnlyFolder = 0x1C0; // 0700
        private const int OwnerOnlyFile = 0x180; // 0600
        private static readonly bool IsUnix = !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
        private static readonly Type UnixFileMode = Type.GetType("System.IO.UnixFileMode, System.Runtime", false) ?? typeof(File).Assembly.GetType("System.IO.UnixFileMode", false);
        private static readonly MethodInfo SetUnixFileMode = UnixFileMode == null ? null : typeof(File).GetMethod("SetUnixFileMode", new[] { typeof(string), UnixFileMode });

        /// <summary>
        /// Creates the folder if needed and makes it the user's alone; returns its full path. A folder that is a link,
        /// or that belongs to another user (someone created it first in a shared place), is refused.
        /// </summary>
        public static string Ensure(string path)
        {
            Directory.CreateDirectory(path);
            var problem = FileKind.NotPrivateFolder(path);
            if (problem == FileKind.SharedFolder)
            {
                SetMode(path, OwnerOnlyFolder);
                problem = FileKind.NotPrivateFolder(path);
            }

            if (problem != null)
            {
                throw new IOException($"The folder '{path}' cannot hold private files: {problem}. Set XDG_RUNTIME_DIR or HOME to a folder of your own.");
            }

            SetMode(path, OwnerOnlyFolder);
            return Path.GetFullPath(path);
        }

        /// <summary>Makes a folder the user's alone (call it on a folder just created, never on one found).</summary>
        public static void Restrict(string folder) => SetMode(folder, OwnerOnlyFolder);

        /// <summary>The path with every symbolic link in it resolved (realpath), or null when that cannot be told (Windows, or the path is gone).</summary>
        public static string RealPath(string path)
        {
            if (!IsUnix) return null;
            try
            {
                var resolved = NativeRealPath(path, IntPtr.Zero);
                if (resolved == IntPtr.Zero) return null;
                try
                {
                    return Marshal.PtrToStringAnsi(resolved);
                }
                finally
                {
                    Free(resolved);
                }
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException)
            {
                return null;
            }
        }

        /// <summary>Makes a file the user's alone (call it on an empty, just-created file).</summary>
        public static void Protect(string file) => SetMode(file, OwnerOnlyFile);

        private static void SetMode(string path, int mode)
        {
            if (!IsUnix) return;
            if (SetUnixFileMode != null)
            {
                SetUnixFileMode.Invoke(null, new[] { path, Enum.ToObject(UnixFileMode, mode) });
                return;
            }

            if (Chmod(path, mode) != 0)
            {
                throw new IOException($"Could not make '{path}' private to this user (chmod failed with error {Marshal.GetLastWin32Error()}).");
            }
        }

        [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
        private static extern IntPtr NativeRealPath(string path, IntPtr resolved);

        [DllImport("libc", EntryPoint = "free")]
        private static extern void Free(IntPtr pointer);

        [DllImport("libc", EntryPoint = "chmod", SetLastError = true)]
        private static extern int Chmod(string path, int mode);
    }
}
