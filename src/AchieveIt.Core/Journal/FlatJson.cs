using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace AchieveIt.Journal
{
    /// <summary>
    /// Reads the one shape the journal writes: a flat JSON object whose values are strings or numbers. Fast (a
    /// journal read happens before every submission), and strict: anything else is null, a damaged line.
    /// </summary>
    internal static class FlatJson
    {
        public static Dictionary<string, string> Parse(string line)
        {
            if (string.IsNullOrEmpty(line)) return null;
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            var i = SkipSpace(line, 0);
            if (i >= line.Length || line[i] != '{') return null;
            i = SkipSpace(line, i + 1);
            if (i < line.Length && line[i] == '}') return SkipSpace(line, i + 1) == line.Length ? fields : null;
            while (true)
            {
                var name = ReadString(line, ref i);
                if (name == null) return null;
                i = SkipSpace(line, i);
                if (i >= line.Length || line[i] != ':') return null;
                i = SkipSpace(line, i + 1);
                string value;
                if (i < line.Length && line[i] == '"') value = ReadString(line, ref i);
                else value = ReadNumber(line, ref i);
                if (value == null) return null;
                fields[name] = value;
                i = SkipSpace(line, i);
                if (i >= line.Length) return null;
                if (line[i] == '}') return SkipSpace(line, i + 1) == line.Length ? fields : null;
                if (line[i] != ',') return null;
                i = SkipSpace(line, i + 1);
            }
        }

        private static int SkipSpace(string s, int i)
        {
            while (i < s.Length && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) i++;
            return i;
        }

        private static string ReadNumber(string s, ref int i)
        {
            var start = i;
            while (i < s.Length && (char.IsDigit(s[i]) || s[i] == '-' || s[i] == '+' || s[i] == '.' || s[i] == 'e' || s[i] == 'E')) i++;
            return i > start ? s.Substring(start, i - start) : null;
        }

        private static string ReadString(string s, ref int i)
        {
            if (i >= s.Length || s[i] != '"') return null;
            i++;
            var text = new StringBuilder();
            while (i < s.Length)
            {
                var c = s[i++];
                if (c == '"') return text.ToString();
                if (c != '\\')
                {
                    text.Append(c);
                    continue;
                }

                if (i >= s.Length) return null;
                var e = s[i++];
                switch (e)
                {
                    case '"': text.Append('"'); break;
                    case '\\': text.Append('\\'); break;
                    case '/': text.Append('/'); break;
                    case 'n': text.Append('\n'); break;
                    case 'r': text.Append('\r'); break;
                    case 't': text.Append('\t'); break;
                    case 'b': text.Append('\b'); break;
                    case 'f': text.Append('\f'); break;
                    case 'u':
                        if (i + 4 > s.Length || !int.TryParse(s.Substring(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code)) return null;
                        text.Append((char)code);
                        i += 4;
                        break;
                    default: return null;
                }
            }

            return null; // never closed: a truncated line
        }
    }
}
