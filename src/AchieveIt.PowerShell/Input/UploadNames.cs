using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace AchieveIt.PowerShell.Input
{
    /// <summary>The name a file is uploaded under: checked with a plain message, .csv added when there is no extension.</summary>
    internal static class UploadNames
    {
        private static readonly Regex Allowed = new Regex(@"^[A-Za-z0-9][A-Za-z0-9._() -]{0,150}$", RegexOptions.CultureInvariant);

        /// <summary>The name to use, or null when none was given; a terminating InvalidFileName error for a bad one.</summary>
        public static string Check(PSCmdlet cmdlet, string name)
        {
            if (name == null) return null;
            var trimmed = name.Trim();
            if (!Allowed.IsMatch(trimmed) || trimmed.EndsWith(".", System.StringComparison.Ordinal) || trimmed.Contains(".."))
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(new System.ArgumentException(
                    $"-FileName '{name}' is not a name AchieveIt accepts for an upload. Use letters, digits, spaces and . _ - ( ), starting with a letter or digit, " +
                    "up to 150 characters, with no folder in it: for example nightly-2026-11-28.csv"), "InvalidFileName", ErrorCategory.InvalidArgument, name));
            }

            // An extension is letters (".csv", ".txt"); "nightly-2024.01.01" has none and gets ".csv".
            var extension = System.IO.Path.GetExtension(trimmed);
            return extension.Length > 1 && extension.Any(char.IsLetter) ? trimmed : trimmed + ".csv";
        }

        /// <summary>"name-001.csv": the Nth of several files sent under one name.</summary>
        public static string Numbered(string name, int n)
        {
            var extension = System.IO.Path.GetExtension(name);
            return System.IO.Path.GetFileNameWithoutExtension(name) + "-" + n.ToString("000", CultureInfo.InvariantCulture) + (extension.Length > 0 ? extension : ".csv");
        }
    }
}
