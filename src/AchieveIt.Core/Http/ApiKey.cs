using System;
using System.Runtime.InteropServices;
using System.Security;

namespace AchieveIt.Http
{
    /// <summary>
    /// The API key, kept as a SecureString. It becomes text only to build the Authorization header, and is never
    /// part of a message: <see cref="ToString"/> shows only a hint.
    /// </summary>
    public sealed class ApiKey
    {
        private readonly SecureString secret;

        public ApiKey(SecureString secret)
        {
            if (secret == null || secret.Length == 0) throw new ArgumentException("The API key is empty.", nameof(secret));
            this.secret = secret.Copy();
            this.secret.MakeReadOnly();
        }

        /// <summary>A key from plain text (the ACHIEVEIT_API_KEY environment variable).</summary>
        public static ApiKey FromText(string text)
        {
            var secure = new SecureString();
            foreach (var c in text.Trim()) secure.AppendChar(c);
            return new ApiKey(secure);
        }

        /// <summary>"API-KEY ****" and the last four characters: enough to tell keys apart in a log.</summary>
        public string Hint
        {
            get
            {
                var text = Reveal();
                return "API-KEY ****" + (text.Length > 8 ? text.Substring(text.Length - 4) : string.Empty);
            }
        }

        public override string ToString() => Hint;

        /// <summary>The header value "API-KEY &lt;key&gt;". Only the HTTP layer calls this.</summary>
        internal string HeaderValue() => "API-KEY " + Reveal();

        private string Reveal()
        {
            var pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
                return Marshal.PtrToStringUni(pointer);
            }
            finally
            {
                if (pointer != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}
