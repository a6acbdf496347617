using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace AchieveIt.Rules
{
    /// <summary>The seven statuses AchieveIt accepts, their canonical spelling, and a guess for near misses.</summary>
    public static class Statuses
    {
        /// <summary>Every status, in canonical spelling.</summary>
        public static readonly IReadOnlyList<string> All = new[]
        {
            "On Track", "Off Track", "At Risk", "Achieved", "Not Achieved", "Canceled", "Not Started",
        };

        private static readonly Dictionary<string, string> ByName =
            All.ToDictionary(s => s, s => s, StringComparer.OrdinalIgnoreCase);

        private static readonly Dictionary<string, string> ByLetters = All.ToDictionary(Letters, s => s);

        /// <summary>The canonical spelling of <paramref name="text"/> (case and surrounding spaces ignored), or null.</summary>
        public static string Canonical(string text)
        {
            if (text == null) return null;
            return ByName.TryGetValue(text.Trim(), out var canonical) ? canonical : null;
        }

        /// <summary>The status the writer of <paramref name="text"/> probably meant, or null when none is close.</summary>
        public static string Suggest(string text)
        {
            var letters = Letters(text ?? string.Empty);
            if (letters.Length == 0) return null;
            if (ByLetters.TryGetValue(letters, out var exact)) return exact;
            string best = null;
            var bestDistance = int.MaxValue;
            foreach (var pair in ByLetters)
            {
                var distance = EditDistance.Between(letters, pair.Key);
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = pair.Value;
                }
            }

            // Allow about one slip in four letters, so "Cancelled" finds "Canceled" but "Done" finds nothing.
            return bestDistance <= Math.Max(1, letters.Length / 4) ? best : null;
        }

        private static string Letters(string text)
        {
            var builder = new StringBuilder(text.Length);
            foreach (var c in text)
            {
                if (char.IsLetter(c)) builder.Append(char.ToLowerInvariant(c));
            }

            return builder.ToString();
        }
    }
}
