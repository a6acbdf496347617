using System;
using System.IO;
using System.Security.Cryptography;

namespace AchieveIt.Files
{
    /// <summary>
    /// A file's body, found from its bytes as they go by (in order, once each): it starts after a UTF-8 byte order
    /// mark and ends just after the line break of the last line that holds anything other than blanks and commas
    /// (the empty lines Excel writes at the end are not sent). Also the SHA-256 of exactly those bytes: what a check
    /// read is what the upload must send, and what the journal knows the submission by.
    /// </summary>
    public sealed class FileBody : IDisposable
    {
        private const int MostHeld = 1024 * 1024; // blanks kept after the last content; only empty lines at a valid file's end are longer
        private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly byte[] head = new byte[3];
        private readonly MemoryStream held = new MemoryStream(); // the blanks since the last content: in the body only if content follows
        private bool heldOverflow;
        private bool broken;
        private long seen;
        private long lastContent = -1; // the position just after the last byte that is content
        private long cut = -1; // just after the first line break after it; -1 while none was seen
        private string sha256;

        /// <summary>True for the bytes an empty line may hold: line breaks, blanks and commas.</summary>
        public static bool IsEmptyLineByte(byte b) => b == (byte)'\n' || b == (byte)'\r' || b == (byte)' ' || b == (byte)'\t' || b == (byte)',';

        /// <summary>Where the body starts: 3 after a byte order mark, else 0.</summary>
        public long Start => seen >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF ? 3 : 0;

        /// <summary>Where the body ends (see the class); <see cref="Start"/> when the file holds no content.</summary>
        public long End => lastContent < 0 ? Start : cut >= 0 ? cut : seen;

        /// <summary>Takes the next bytes of the file.</summary>
        public void Add(byte[] buffer, int offset, int count)
        {
            while (count > 0 && seen < 3)
            {
                // The first three bytes wait until it is known whether they are a byte order mark.
                head[seen++] = buffer[offset++];
                count--;
                if (seen == 3 && Start == 0) Feed(head, 0, 3, 0);
            }

            if (count <= 0) return;
            Feed(buffer, offset, count, seen);
            seen += count;
        }

        /// <summary>SHA-256 (hex, upper case) of the body; call once every byte was added. Null only when no valid file could have been read (over 1 MiB of blanks inside it).</summary>
        public string Sha256()
        {
            if (sha256 != null || broken) return sha256;
            if (seen < 3) Feed(head, 0, (int)seen, 0);
            if (lastContent >= 0)
            {
                // The blanks after the last content belong to the body up to the first line break among them.
                var take = cut >= 0 ? cut - lastContent : seen - lastContent;
                if (take > held.Length) return null;
                hash.AppendData(held.GetBuffer(), 0, (int)take);
            }

            return sha256 = Csv.HashingStream.HexOf(hash);
        }

        public void Dispose()
        {
            hash.Dispose();
            held.Dispose();
        }

        // Bytes at [position, position + count) of the file.
        private void Feed(byte[] buffer, int offset, int count, long position)
        {
            // Only the last content byte of the block matters for the bounds: found from the end, a block costs a few bytes' look.
            var last = offset + count - 1;
            while (last >= offset && IsEmptyLineByte(buffer[last])) last--;
            if (last >= offset)
            {
                if (heldOverflow) broken = true; // blanks were dropped that now belong to the body
                hash.AppendData(held.GetBuffer(), 0, (int)held.Length);
                held.SetLength(0);
                hash.AppendData(buffer, offset, last - offset + 1);
                lastContent = position + (last - offset) + 1;
                cut = -1;
            }

            var from = last + 1;
            for (var i = from; cut < 0 && lastContent >= 0 && i < offset + count; i++)
            {
                if (buffer[i] == (byte)'\n') cut = position + (i - offset) + 1;
            }

            var blanks = offset + count - from;
            if (held.Length + blanks > MostHeld)
            {
                heldOverflow = true;
                blanks = (int)Math.Max(0, MostHeld - held.Length);
            }

            held.Write(buffer, from, blanks);
        }
    }
}
