using System;
using System.Security;

namespace AchieveIt.Http
{
    /// <summary>
    /// What a key may hold. It goes into an HTTP header, so a line break would end the header (and could turn the
    /// CSV into a request of its own), and a non-ASCII character cannot be sent at all. Surrounding white space is
    /// trimmed (a pasted secret often ends in a newline); anything else outside printable ASCII is ApiKeyInvalid,
    /// found before any connection is opened. Messages say what is wrong, never the key.
    /// </summary>
    public static class ApiKeyText
    {
        /// <summary>The longest key accepted. AchieveIt's keys are far shorter; a longer one is a pasted file, not a key.</summary>
        public const int MaxLength = 4096;

        /// <summary>ApiKeyInvalid for a key longer than <see cref="MaxLength"/>.</summary>
        public static void CheckLength(string key, string source)
        {
            if (key != null && key.Trim().Length > MaxLength)
            {
                throw new AchieveItException(ErrorIds.ApiKeyInvalid,
                    $"The API key from {source} is {key.Trim().Length} characters long, more than any AchieveIt key ({MaxLength} at most). Nothing was sent. Copy the key again from AchieveIt.");
            }
        }

        /// <summary>The trimmed key as a new SecureString, or ApiKeyInvalid naming <paramref name="source"/>.</summary>
        public static SecureString Checked(string key, string source)
        {
            CheckLength(key, source);
            var start = 0;
            var end = key.Length;
            while (start < end && char.IsWhiteSpace(key[start])) start++;
            while (end > start && char.IsWhiteSpace(key[end - 1])) end--;
            if (start == end)
            {
                throw new AchieveItException(ErrorIds.ApiKeyInvalid, $"The API key from {source} is blank. Give the whole key, as AchieveIt showed it.");
            }

            var result = new SecureString();
            for (var i = start; i < end; i++)
            {
                var problem = Problem(key[i]);
                if (problem != null)
                {
                    result.Dispose();
                    throw new AchieveItException(ErrorIds.ApiKeyInvalid,
                        $"The API key from {source} holds {problem}, which no AchieveIt key has and which cannot go into an HTTP header. " +
                        "Nothing was sent. Copy the key again from AchieveIt (only its surrounding white space is ignored).");
                }

                result.AppendChar(key[i]);
            }

            return result;
        }

        private static string Problem(char c)
        {
            if (c == '\r' || c == '\n') return "a line break";
            if (c < 0x20 || c == 0x7F) return "a control character";
            if (char.IsWhiteSpace(c)) return "white space inside it";
            if (c > 0x7E) return "a character that is not ASCII";
            return null;
        }
    }
}
