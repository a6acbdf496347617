using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace AchieveIt.Files
{
    /// <summary>
    /// Tells a regular file from what only looks like one to File.Exists: a FIFO (reading blocks for ever), a
    /// device (/dev/zero never ends), a socket. netstandard2.0 has no API for the file type, so on Unix this asks
    /// the runtime's own native helper (the stat that .NET itself uses); where that is unavailable it says nothing.
    /// </summary>
    public static class FileKind
    {
        private const int TypeMask = 0xF000;

        /// <summary>Null for a regular file (or when the type cannot be told); otherwise what the path is.</summary>
        public static string NotRegular(string path)
        {
            if (Directory.Exists(path)) return "a folder";
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return null;
            int mode;
            try
            {
                var status = new byte[512];
                if (Stat(Encoding.UTF8.GetBytes(path + "\0"), status) != 0) return null;
                mode = BitConverter.ToInt32(status, 4); // FileStatus: int Flags, int Mode, ...
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException || e is BadImageFormatException)
            {
                return null;
            }

            switch (mode & TypeMask)
            {
                case 0x8000: return null;
                case 0x1000: return "a FIFO (named pipe)";
                case 0x2000: return "a character device";
                case 0x6000: return "a block device";
                case 0xC000: return "a socket";
                case 0x4000: return "a folder";
                default: return null;
            }
        }

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
        private static extern int Stat(byte[] path, byte[] status);
    }
}
