using System;
using System.Collections.Generic;
using System.Linq;
using AchieveIt.Rules;

namespace AchieveIt.Plans
{
    /// <summary>
    /// "Did you mean" for an External ID the plan does not hold, in bounded time on any plan size (no search over
    /// every known ID): first an ID that differs only in case or in surrounding or repeated spaces; then every ID
    /// one edit away, found by trying each single edit of the unknown ID (over the characters the plan's IDs use)
    /// in a hash table; then the nearest neighbours in sorted order, ranked by edit distance.
    /// </summary>
    internal sealed class PlanSuggestions
    {
        private const int MaxEditedLength = 64; // longer IDs skip the single-edit search (it grows with length × alphabet)
        private const int MaxAlphabet = 64;
        private const int Neighbours = 8;
        private const int MaxSingleEdits = 16; // ranked, then the best are offered
        private const int MaxNeighbourLength = 256; // the edit distance grows with the square of the length: a longer ID gets no neighbour search
        private const string Confusable = "0o|1l|1i|li|5s|2z|8b|6g|9g|vu|mn"; // pairs mistaken for each other when typed from print
        private readonly Dictionary<string, string> loose;
        private readonly char[] alphabet;
        private readonly string[] sorted;

        public PlanSuggestions(ICollection<string> ids)
        {
            loose = new Dictionary<string, string>(ids.Count, LooseComparer.Instance);
            var counts = new Dictionary<char, int>();
            foreach (var id in ids)
            {
                if (!loose.ContainsKey(id)) loose.Add(id, id);
                foreach (var c in id)
                {
                    var lower = char.ToLowerInvariant(c);
                    counts.TryGetValue(lower, out var n);
                    counts[lower] = n + 1;
                }
            }

            alphabet = counts.OrderByDescending(p => p.Value).Take(MaxAlphabet).Select(p => p.Key).ToArray();
            sorted = ids.ToArray();
            Array.Sort(sorted, LooseComparer.Instance);
        }

        public IReadOnlyList<string> For(string id, int most)
        {
            var found = new List<string>();
            if (loose.TryGetValue(id, out var sameLoosely) && sameLoosely != id) found.Add(sameLoosely);
            var normal = LooseComparer.Normalize(id);
            if (normal.Length <= MaxEditedLength)
            {
                var edits = new List<string>();
                AddSingleEdits(normal, edits, MaxSingleEdits);
                found.AddRange(edits.Where(e => !found.Contains(e)).OrderBy(e => Likeness(normal, LooseComparer.Normalize(e))));
            }

            if (found.Count < most && normal.Length <= MaxNeighbourLength) AddNeighbours(id, normal, found, most);
            return found.Count > most ? found.GetRange(0, most) : found;
        }

        // Every known ID one deletion, transposition, substitution or insertion away (compared loosely).
        private void AddSingleEdits(string normal, List<string> found, int most)
        {
            var chars = normal.ToCharArray();
            for (var i = 0; i < chars.Length && found.Count < most; i++)
            {
                Try(normal.Remove(i, 1), found);
                if (i + 1 < chars.Length)
                {
                    Swap(chars, i);
                    Try(new string(chars), found);
                    Swap(chars, i);
                }

                var kept = chars[i];
                foreach (var c in alphabet)
                {
                    if (c == kept) continue;
                    chars[i] = c;
                    Try(new string(chars), found);
                }

                chars[i] = kept;
            }

            for (var i = 0; i <= normal.Length && found.Count < most; i++)
            {
                foreach (var c in alphabet) Try(normal.Insert(i, c.ToString()), found);
            }
        }

        // The IDs beside it in sorted order, within an edit distance that grows with the ID's length.
        private void AddNeighbours(string id, string normal, List<string> found, int most)
        {
            var at = Array.BinarySearch(sorted, id, LooseComparer.Instance);
            if (at < 0) at = ~at;
            var limit = Math.Max(2, normal.Length / 4);
            var near = new List<(string Id, int Distance)>();
            for (var i = Math.Max(0, at - Neighbours); i < Math.Min(sorted.Length, at + Neighbours); i++)
            {
                var candidate = LooseComparer.Normalize(sorted[i]);
                if (Math.Abs(candidate.Length - normal.Length) > limit || candidate.Length > MaxNeighbourLength) continue;
                var distance = EditDistance.Between(normal, candidate);
                if (distance <= limit) near.Add((sorted[i], distance));
            }

            foreach (var (candidate, _) in near.OrderBy(n => n.Distance))
            {
                if (found.Count >= most) break;
                if (!found.Contains(candidate) && candidate != id) found.Add(candidate);
            }
        }

        // How unlike two IDs one edit apart are: a swap of characters mistaken for each other (O and 0, l and 1) is the
        // likeliest slip, then a transposition, then any other edit.
        private static double Likeness(string typed, string known)
        {
            if (typed.Length == known.Length)
            {
                var differ = Enumerable.Range(0, typed.Length).Where(i => typed[i] != known[i]).ToList();
                if (differ.Count == 1)
                {
                    var a = typed[differ[0]];
                    var b = known[differ[0]];
                    return Confusable.Contains(new string(new[] { a, b })) || Confusable.Contains(new string(new[] { b, a })) ? 0.3 : 1;
                }

                if (differ.Count == 2 && differ[1] == differ[0] + 1) return 0.8;
            }

            return 1;
        }

        private void Try(string variant, List<string> found)
        {
            if (loose.TryGetValue(variant, out var known) && !found.Contains(known)) found.Add(known);
        }

        private static void Swap(char[] chars, int i)
        {
            var c = chars[i];
            chars[i] = chars[i + 1];
            chars[i + 1] = c;
        }

        /// <summary>Equal when equal ignoring case, surrounding white space and runs of inner white space; orders the same way.</summary>
        private sealed class LooseComparer : IEqualityComparer<string>, IComparer<string>
        {
            public static readonly LooseComparer Instance = new LooseComparer();

            public static string Normalize(string s) => string.Join(" ", s.Split((char[])null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

            public bool Equals(string x, string y) => Compare(x, y) == 0;

            public int GetHashCode(string s)
            {
                unchecked
                {
                    var hash = (int)2166136261;
                    var i = 0;
                    for (var c = Next(s, ref i); c >= 0; c = Next(s, ref i)) hash = (hash ^ c) * 16777619;
                    return hash;
                }
            }

            public int Compare(string x, string y)
            {
                int i = 0, j = 0;
                while (true)
                {
                    var a = Next(x, ref i);
                    var b = Next(y, ref j);
                    if (a != b) return a.CompareTo(b);
                    if (a < 0) return 0;
                }
            }

            // The next character as compared: lower case; a run of white space between words is one space; white
            // space at either end is none. -1 at the end.
            private static int Next(string s, ref int i)
            {
                if (i >= s.Length) return -1;
                if (!char.IsWhiteSpace(s[i])) return char.ToLowerInvariant(s[i++]);
                var start = i;
                while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
                if (i >= s.Length) return -1;
                return start == 0 ? char.ToLowerInvariant(s[i++]) : ' ';
            }
        }
    }
}
