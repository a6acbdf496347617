namespace AchieveIt.Files
{
    /// <summary>
    /// Where a file's content starts and ends, found from its bytes as they go by (in order, once each): it starts
    /// after a UTF-8 byte order mark, and ends just after the line break of the last line that holds anything other
    /// than blanks and commas (the empty lines Excel writes at the end are not sent). A file's body is exactly that
    /// range, whether it is found this way from the bytes checked or read back from the disk's tail.
    /// </summary>
    public sealed class ContentEnd
    {
        private readonly byte[] head = new byte[3];
        private long seen;
        private long lastContent = -1; // the position just after the last byte that is content
        private long cut = -1; // just after the first line break after it; -1 while none was seen

        /// <summary>True for the bytes an empty line may hold: line breaks, blanks and commas.</summary>
        public static bool IsEmptyLineByte(byte b) => b == (byte)'\n' || b == (byte)'\r' || b == (byte)' ' || b == (byte)'\t' || b == (byte)',';

        /// <summary>Where the content starts: 3 after a byte order mark, else 0.</summary>
        public long Start => seen >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF ? 3 : 0;

        /// <summary>Where the content ends (see the class); <see cref="Start"/> when the file holds none.</summary>
        public long End => lastContent <= Start ? Start : cut >= 0 ? cut : seen;

        /// <summary>Takes the next bytes of the file.</summary>
        public void Add(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count && seen + i < 3; i++) head[seen + i] = buffer[offset + i];

            // Only the last content byte of the block matters, and the first line break after it: found from the end,
            // a block costs a few bytes' look, not a pass.
            var last = offset + count - 1;
            while (last >= offset && IsEmptyLineByte(buffer[last])) last--;
            var from = offset;
            if (last >= offset)
            {
                lastContent = seen + (last - offset) + 1;
                cut = -1;
                from = last + 1;
            }

            if (cut < 0 && lastContent >= 0)
            {
                for (var i = from; i < offset + count; i++)
                {
                    if (buffer[i] == (byte)'\n')
                    {
                        cut = seen + (i - offset) + 1;
                        break;
                    }
                }
            }

            seen += count;
        }
    }
}
