using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace AchieveIt.Files
{
    /// <summary>
    /// What netstandard2.0 cannot tell about a path on Unix: its type (a FIFO or a device only looks like a file to
    /// File.Exists) and its owner. It asks the runtime's own native helper (the stat .NET itself uses, whose first
    /// fields are Flags, Mode, Uid): libSystem.Native on .NET, the same functions under the name System.Native on Mono
    /// (the .NET Framework runtime on Unix, whose libmono-native carries them). Where neither is there, and on
    /// Windows, it says nothing.
    /// </summary>
    public static class FileKind
    {
        private const int TypeMask = 0xF000;
        private const int RegularType = 0x8000;
        private const int FolderType = 0x4000;
        private const int LinkType = 0xA000;

        /// <summary>Null for a regular file (or when the type cannot be told); otherwise what the path is.</summary>
        public static string NotRegular(string path)
        {
            if (Directory.Exists(path)) return "a folder";
            var status = Stat(path, followLinks: true);
            if (status == null) return null;
            switch (status.Value.Mode & TypeMask)
            {
                case RegularType: return null;
                case 0x1000: return "a FIFO (named pipe)";
                case 0x2000: return "a character device";
                case 0x6000: return "a block device";
                case 0xC000: return "a socket";
                case FolderType: return "a folder";
                default: return null;
            }
        }

        /// <summary>What <see cref="NotPrivateFolder"/> says of a folder other users have rights on.</summary>
        public const string SharedFolder = "other users have rights on it";

        /// <summary>What <see cref="NotPrivateFolder"/> says of another user's folder.</summary>
        public const string OtherOwner = "it belongs to another user";

        /// <summary>
        /// Why a folder is not private to this user (a link, another owner, rights for others), or null when it is
        /// or cannot be told.
        /// </summary>
        public static string NotPrivateFolder(string path)
        {
            var status = Stat(path, followLinks: false);
            var user = EffectiveUser();
            if (status == null || user == null) return null;
            if ((status.Value.Mode & TypeMask) == LinkType) return "it is a link";
            if ((status.Value.Mode & TypeMask) != FolderType) return "it is not a folder";
            if (status.Value.Uid != user.Value) return OtherOwner;
            if ((status.Value.Mode & 0x3F) != 0) return SharedFolder;
            return null;
        }

        /// <summary>This process's effective user ID on Unix; null on Windows or when it cannot be told.</summary>
        public static uint? EffectiveUser()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return null;
            try
            {
                return GetEUid();
            }
            catch (Exception e) when (Missing(e))
            {
                try
                {
                    return MonoGetEUid();
                }
                catch (Exception again) when (Missing(again))
                {
                    return null;
                }
            }
        }

        private static (int Mode, uint Uid)? Stat(string path, bool followLinks)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return null;
            try
            {
                var status = new byte[512];
                var name = Encoding.UTF8.GetBytes(path + "\0");
                int result;
                try
                {
                    result = followLinks ? NativeStat(name, status) : NativeLStat(name, status);
                }
                catch (Exception e) when (Missing(e))
                {
                    result = followLinks ? MonoStat(name, status) : MonoLStat(name, status);
                }

                if (result != 0) return null;
                return (BitConverter.ToInt32(status, 4), BitConverter.ToUInt32(status, 8));
            }
            catch (Exception e) when (Missing(e))
            {
                return null;
            }
        }

        private static bool Missing(Exception e) => e is DllNotFoundException || e is EntryPointNotFoundException || e is BadImageFormatException;

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
        private static extern int NativeStat(byte[] path, byte[] status);

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat")]
        private static extern int NativeLStat(byte[] path, byte[] status);

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_GetEUid")]
        private static extern uint GetEUid();

        // Mono: its configuration maps System.Native to libmono-native, whose FileStatus starts with the same fields.
        [DllImport("System.Native", EntryPoint = "SystemNative_Stat2")]
        private static extern int MonoStat(byte[] path, byte[] status);

        [DllImport("System.Native", EntryPoint = "SystemNative_LStat2")]
        private static extern int MonoLStat(byte[] path, byte[] status);

        [DllImport("System.Native", EntryPoint = "SystemNative_GetEUid")]
        private static extern uint MonoGetEUid();
    }
}
