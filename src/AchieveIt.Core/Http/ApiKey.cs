using System;
using System.Runtime.InteropServices;
using System.Security;

namespace AchieveIt.Http
{
    /// <summary>
    /// The API key, kept as a SecureString. It becomes text only to check it and to build the Authorization header,
    /// and is never part of a message: <see cref="ToString"/> shows only a hint.
    /// </summary>
    public sealed class ApiKey
    {
        private readonly SecureString secret;

        /// <summary>A key checked by <see cref="ApiKeyText"/>: trimmed, then refused (ApiKeyInvalid) if it could break the header.</summary>
        /// <param name="secret">The key.</param>
        /// <param name="source">Where it came from, for the message: "-ApiKey", "Connect-AchieveIt", "ACHIEVEIT_API_KEY".</param>
        public ApiKey(SecureString secret, string source = "-ApiKey")
        {
            if (secret == null) throw new ArgumentNullException(nameof(secret));
            this.secret = ApiKeyText.Checked(secret.Length == 0 ? string.Empty : Reveal(secret), source);
            this.secret.MakeReadOnly();
        }

        /// <summary>A key from plain text (the ACHIEVEIT_API_KEY environment variable).</summary>
        public static ApiKey FromText(string text, string source = SettingsResolver.KeyVariable)
        {
            ApiKeyText.CheckLength(text, source);
            using (var secure = new SecureString())
            {
                foreach (var c in text) secure.AppendChar(c);
                return new ApiKey(secure, source);
            }
        }

        /// <summary>"API-KEY ****" and the last four characters: enough to tell keys apart in a log.</summary>
        public string Hint
        {
            get
            {
                var text = Reveal(secret);
                return "API-KEY ****" + (text.Length > 8 ? text.Substring(text.Length - 4) : string.Empty);
            }
        }

        public override string ToString() => Hint;

        /// <summary>A read-only copy of the checked (trimmed) key.</summary>
        public SecureString ToSecureString()
        {
            var copy = secret.Copy();
            copy.MakeReadOnly();
            return copy;
        }

        /// <summary>
        /// <paramref name="text"/> with the key (as written, or URL-encoded) replaced by "****": a server that echoes
        /// the Authorization header back in an error body or a Location must not put the key into a message.
        /// </summary>
        public string RedactFrom(string text)
        {
            if (string.IsNullOrEmpty(text)) return text;
            var key = Reveal(secret);
            var result = Plain(text, key);
            if (result.IndexOf('\\') < 0 && result.IndexOf('%') < 0) return result;

            // A server's text may carry the key escaped (JSON's \u0066, a percent-encoding in any case), which a reader
            // would decode: such text is shown decoded, with the key redacted.
            var decoded = Decoded(result);
            return decoded.IndexOf(key, StringComparison.Ordinal) >= 0 ? Plain(decoded, key) : result;
        }

        private static string Plain(string text, string key)
        {
            var result = text.Replace(key, "****");
            var encoded = Uri.EscapeDataString(key);
            return encoded == key ? result : result.Replace(encoded, "****");
        }

        private static string Decoded(string text)
        {
            var json = System.Text.RegularExpressions.Regex.Replace(text, @"\\u([0-9a-fA-F]{4})",
                m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString()).Replace("\\/", "/");
            try
            {
                return Uri.UnescapeDataString(json);
            }
            catch (UriFormatException)
            {
                return json;
            }
        }

        /// <summary>True when <paramref name="text"/> holds the key.</summary>
        public bool IsIn(string text) => !string.IsNullOrEmpty(text) && RedactFrom(text) != text;

        /// <summary>A keyed fingerprint of the key (HMAC-SHA256 under <paramref name="secret"/>): tells keys apart without holding either.</summary>
        internal string Fingerprint(byte[] secret)
        {
            using (var mac = new System.Security.Cryptography.HMACSHA256(secret))
            {
                var text = System.Text.Encoding.UTF8.GetBytes(Reveal(this.secret));
                try
                {
                    return Convert.ToBase64String(mac.ComputeHash(text), 0, 18);
                }
                finally
                {
                    Array.Clear(text, 0, text.Length);
                }
            }
        }

        /// <summary>The header value "API-KEY &lt;key&gt;". Only the HTTP layer calls this.</summary>
        internal string HeaderValue() => "API-KEY " + Reveal(secret);

        private static string Reveal(SecureString value)
        {
            var pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(value);
                return Marshal.PtrToStringUni(pointer, value.Length); // by length: a NUL inside must not cut the key short
            }
            finally
            {
                if (pointer != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}
