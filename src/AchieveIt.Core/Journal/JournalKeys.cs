using System;
using System.IO;
using System.Security.Cryptography;
using AchieveIt.Files;
using AchieveIt.Http;

namespace AchieveIt.Journal
{
    /// <summary>
    /// Tells API keys apart in the journal without holding any: each record keeps a keyed fingerprint of the key it was
    /// sent with (HMAC-SHA256 under a random secret of this journal, in a file only the user can read), never the key
    /// and never a plain hash of it, which anyone could test guesses against. The same content sent with another key
    /// (another tenant on the same host) is then never answered with this key's job.
    /// </summary>
    internal sealed class JournalKeys
    {
        private const int SecretLength = 32;
        private readonly string path;

        public JournalKeys(string folder) => path = System.IO.Path.Combine(folder, "journal.secret");

        /// <summary>
        /// The key's mark; with <paramref name="create"/> (holding the journal's lock) the secret is made when there is
        /// none, else null is returned for a journal that has no secret yet (its records have no marks either).
        /// </summary>
        public string Mark(ApiKey key, bool create)
        {
            if (key == null) return null;
            var secret = Read();
            if (secret == null)
            {
                if (!create) return null;
                secret = Create();
            }

            return key.Fingerprint(secret);
        }

        private byte[] Read()
        {
            try
            {
                var bytes = File.ReadAllBytes(path);
                return bytes.Length == SecretLength ? bytes : null;
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                return null;
            }
        }

        // Written aside, private from its first byte, flushed, then moved into place (a damaged secret is replaced).
        private byte[] Create()
        {
            var secret = new byte[SecretLength];
            using (var random = RandomNumberGenerator.Create()) random.GetBytes(secret);
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                PrivateFolder.Protect(temporary);
                stream.Write(secret, 0, secret.Length);
                stream.Flush(true);
            }

            if (File.Exists(path)) File.Replace(temporary, path, null);
            else File.Move(temporary, path);
            return secret;
        }
    }
}
