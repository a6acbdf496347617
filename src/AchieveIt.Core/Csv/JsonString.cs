using System.Globalization;
using System.IO;

namespace AchieveIt.Csv
{
    /// <summary>One JSON string writer for the module: the JSON bodies and the journal's lines.</summary>
    internal static class JsonString
    {
        /// <summary>Writes <paramref name="value"/> as a quoted JSON string; plain text is written whole.</summary>
        public static void Write(TextWriter writer, string value)
        {
            writer.Write('"');
            if (!NeedsEscape(value))
            {
                writer.Write(value); // the common case: no per-character writes
                writer.Write('"');
                return;
            }

            foreach (var c in value)
            {
                switch (c)
                {
                    case '"': writer.Write("\\\""); break;
                    case '\\': writer.Write("\\\\"); break;
                    case '\n': writer.Write("\\n"); break;
                    case '\r': writer.Write("\\r"); break;
                    case '\t': writer.Write("\\t"); break;
                    default:
                        if (c < 0x20 || c == '\u2028' || c == '\u2029') writer.Write("\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else writer.Write(c);
                        break;
                }
            }

            writer.Write('"');
        }

        /// <summary><paramref name="value"/> as a quoted JSON string.</summary>
        public static string Quote(string value)
        {
            using (var writer = new StringWriter(CultureInfo.InvariantCulture))
            {
                Write(writer, value);
                return writer.ToString();
            }
        }

        private static bool NeedsEscape(string value)
        {
            foreach (var c in value)
            {
                if (c < 0x20 || c == '"' || c == '\\' || c == '\u2028' || c == '\u2029') return true;
            }

            return false;
        }
    }
}
