using System;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using AchieveIt.Http;

namespace AchieveIt.Submissions
{
    /// <summary>The name a file is uploaded under: the rule AchieveIt accepts, .csv added when there is no extension, numbering.</summary>
    public static class UploadNames
    {
        private static readonly Regex Allowed = new Regex(@"^[A-Za-z0-9][A-Za-z0-9._() -]{0,150}$", RegexOptions.CultureInvariant);

        /// <summary>The name to use for -FileName, or null when none was given; InvalidFileName (ArgumentException) for a bad one.</summary>
        public static string Check(string name)
        {
            if (name == null) return null;
            var trimmed = name.Trim();
            if (!Allowed.IsMatch(trimmed) || trimmed.EndsWith(".", StringComparison.Ordinal) || trimmed.Contains(".."))
            {
                throw new ArgumentException(
                    $"-FileName '{name}' is not a name AchieveIt accepts for an upload. Use letters, digits, spaces and . _ - ( ), starting with a letter or digit, " +
                    "up to 150 characters, with no folder in it: for example nightly-2026-11-28.csv");
            }

            // An extension is letters (".csv", ".txt"); "nightly-2024.01.01" has none and gets ".csv".
            var extension = System.IO.Path.GetExtension(trimmed);
            return extension.Length > 1 && extension.Any(char.IsLetter) ? trimmed : trimmed + ".csv";
        }

        /// <summary>
        /// The upload name of a file sent by -Path: its own name when AchieveIt accepts it, else the same name with each
        /// character it refuses ([ ] * ? # % and the like) replaced by '_' (and a leading one dropped), so the upload is
        /// never refused by the server after its bytes were sent. Null when nothing of the name is left.
        /// </summary>
        public static string FromFile(string fileName)
        {
            var text = new System.Text.StringBuilder(fileName.Length);
            foreach (var c in fileName) text.Append((c < 128 && (char.IsLetterOrDigit(c) || "._() -".IndexOf(c) >= 0)) ? c : '_');
            var name = text.ToString();
            while (name.Contains("..")) name = name.Replace("..", ".");
            name = name.TrimStart('.', '_', '(', ')', ' ', '-').TrimEnd('.', ' ');
            if (name.Length > 150)
            {
                var extension = System.IO.Path.GetExtension(name);
                name = name.Substring(0, 150 - extension.Length) + extension;
            }

            return name.Length == 0 ? null : name;
        }

        /// <summary>"name-001.csv": the Nth of several files sent under one name.</summary>
        public static string Numbered(string name, int n)
        {
            var extension = System.IO.Path.GetExtension(name);
            return System.IO.Path.GetFileNameWithoutExtension(name) + "-" + n.ToString("000", CultureInfo.InvariantCulture) + (extension.Length > 0 ? extension : ".csv");
        }

        /// <summary>The name of piped rows when no -FileName is given: achieveit-updates-yyyyMMdd-HHmmss (UTC).</summary>
        public static string ForRows(DateTimeOffset now, UpdateFormat format) =>
            "achieveit-updates-" + now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + (format == UpdateFormat.Json ? ".json" : ".csv");
    }
}
