using System;
using System.Collections;
using System.IO;
using System.Runtime.InteropServices;

namespace AchieveIt.Journal
{
    /// <summary>
    /// Where the journal lives: ACHIEVEIT_JOURNAL_PATH (a folder, or "off"), else the user's local state folder:
    /// %LOCALAPPDATA%\AchieveIt on Windows, $XDG_STATE_HOME/achieveit or ~/.local/state/achieveit elsewhere.
    /// </summary>
    public static class JournalLocation
    {
        public const string Variable = "ACHIEVEIT_JOURNAL_PATH";

        /// <summary>The folder, or null when the journal is turned off.</summary>
        public static string Folder(IDictionary variables)
        {
            var configured = variables?[Variable] as string;
            if (!string.IsNullOrWhiteSpace(configured))
            {
                return string.Equals(configured.Trim(), "off", StringComparison.OrdinalIgnoreCase) ? null : configured.Trim();
            }

            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "AchieveIt");
            }

            var state = variables?["XDG_STATE_HOME"] as string;
            if (!string.IsNullOrWhiteSpace(state)) return Path.Combine(state, "achieveit");
            var home = variables?["HOME"] as string;
            if (string.IsNullOrWhiteSpace(home)) home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return Path.Combine(home, ".local", "state", "achieveit");
        }
    }
}
