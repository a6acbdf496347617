using AchieveIt.Http;

namespace AchieveIt.PowerShell.Online
{
    /// <summary>What Connect-AchieveIt set for this module load; Disconnect-AchieveIt clears it.</summary>
    internal static class AchieveItSession
    {
        private static readonly object Gate = new object();
        private static SettingsSource current;

        public static SettingsSource Current
        {
            get
            {
                lock (Gate) return current;
            }

            set
            {
                lock (Gate) current = value;
            }
        }
    }
}
