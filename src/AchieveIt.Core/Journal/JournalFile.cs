using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using AchieveIt.Files;

namespace AchieveIt.Journal
{
    /// <summary>
    /// The journal's files on disk, read and written safely: every access holds journal.lock exclusively (an OS lock,
    /// released by the OS when a process dies, kill -9 included) for a bounded wait; a FIFO, device or folder where a
    /// file belongs is refused before it is opened (never a hang); lines are read streaming, a line over
    /// <see cref="MaxLineBytes"/> skipped without being held; an append starts on a fresh line and is flushed to disk.
    /// Failures are IOException or UnauthorizedAccessException; <see cref="SubmissionJournal"/> words them.
    /// </summary>
    internal sealed class JournalFile
    {
        /// <summary>The longest line read; a longer one is damaged and skipped (the journal writes lines of a few hundred bytes).</summary>
        public const int MaxLineBytes = 64 * 1024;

        /// <summary>How long a process waits for another's lock before it gives up (JournalUnavailable).</summary>
        public static readonly TimeSpan DefaultLockWait = TimeSpan.FromSeconds(10);
        private readonly string lockFile;
        private readonly string holderFile;

        public JournalFile(string folder, TimeSpan lockWait)
        {
            LockWait = lockWait;
            Path = System.IO.Path.Combine(folder, "journal.jsonl");
            lockFile = System.IO.Path.Combine(folder, "journal.lock");
            holderFile = System.IO.Path.Combine(folder, "journal.holder");
        }

        public string Path { get; }

        public TimeSpan LockWait { get; }

        /// <summary>Runs <paramref name="action"/> holding the lock; <paramref name="what"/>, when given, tells a process that waits in vain who holds it.</summary>
        public T WithLock<T>(string what, Func<T> action, CancellationToken cancellation)
        {
            RefuseIrregular(lockFile);
            RefuseIrregular(Path);
            var deadline = DateTime.UtcNow + LockWait;
            while (true)
            {
                cancellation.ThrowIfCancellationRequested();
                FileStream held;
                var created = !File.Exists(lockFile);
                try
                {
                    held = new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                }
                catch (IOException) when (DateTime.UtcNow < deadline)
                {
                    Thread.Sleep(5);
                    continue;
                }
                catch (IOException e)
                {
                    throw new IOException($"another process has held its lock '{lockFile}' for {LockWait.TotalSeconds:0} s ({Holder()}); {e.Message}", e);
                }

                using (held)
                {
                    if (created) PrivateFolder.Protect(lockFile);
                    if (what != null) WriteHolder(what);
                    return action();
                }
            }
        }

        /// <summary>
        /// Every line in order with its number; null for a line too long to read. Ctrl+C stops it. With
        /// <paramref name="locked"/> false (a read that holds no lock) a last line without its line end is one still
        /// being appended, not a damaged one: it is not read.
        /// </summary>
        public void ReadLines(bool locked, Action<long, string> each, CancellationToken cancellation)
        {
            RefuseIrregular(Path); // a FIFO or a device where the journal belongs would block the read for ever
            if (!File.Exists(Path)) return;
            using (var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 64 * 1024, FileOptions.SequentialScan))
            {
                var buffer = new byte[64 * 1024];
                var line = new MemoryStream();
                var tooLong = false;
                long number = 1;
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    cancellation.ThrowIfCancellationRequested();
                    var start = 0;
                    for (var end = Array.IndexOf(buffer, (byte)'\n', 0, read); end >= 0; end = Array.IndexOf(buffer, (byte)'\n', start, read - start))
                    {
                        Take(buffer, start, end - start, line, ref tooLong);
                        each(number++, tooLong ? null : Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length));
                        line.SetLength(0);
                        tooLong = false;
                        start = end + 1;
                        if (start >= read) break;
                    }

                    if (start < read) Take(buffer, start, read - start, line, ref tooLong);
                }

                if (locked && (line.Length > 0 || tooLong)) each(number, tooLong ? null : Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length));
            }
        }

        /// <summary>The first line (the oldest entry), or null when there is none or it is too long.</summary>
        public string FirstLine()
        {
            RefuseIrregular(Path); // a FIFO or a device where the journal belongs would block the read for ever
            if (!File.Exists(Path)) return null;
            using (var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            {
                var buffer = new byte[MaxLineBytes];
                var read = stream.Read(buffer, 0, buffer.Length);
                var end = Array.IndexOf(buffer, (byte)'\n', 0, read);
                return end < 0 ? null : Encoding.UTF8.GetString(buffer, 0, end);
            }
        }

        /// <summary>
        /// The lines from the last to the first, while <paramref name="each"/> returns true: a read of the newest entries
        /// costs what they take, however long the journal is. A last line without its line end (still being appended)
        /// is not read; a line over <see cref="MaxLineBytes"/> comes as null. Ctrl+C stops it.
        /// </summary>
        public void ReadLinesBackward(Func<string, bool> each, CancellationToken cancellation)
        {
            RefuseIrregular(Path); // a FIFO or a device where the journal belongs would block the read for ever
            if (!File.Exists(Path)) return;
            using (var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 64 * 1024, FileOptions.RandomAccess))
            {
                var buffer = new byte[64 * 1024];
                var tail = new List<byte>(); // the bytes after the last line end seen, newest line being built backwards
                var position = stream.Length;
                var sawEnd = false;
                var tooLong = false;
                while (position > 0)
                {
                    cancellation.ThrowIfCancellationRequested();
                    var count = (int)Math.Min(buffer.Length, position);
                    position -= count;
                    stream.Position = position;
                    var read = 0;
                    while (read < count)
                    {
                        var got = stream.Read(buffer, read, count - read);
                        if (got == 0) return; // the file was replaced or cut while it was read: what was read is what there is
                        read += got;
                    }
                    for (var i = count - 1; i >= 0; i--)
                    {
                        if (buffer[i] != (byte)'\n')
                        {
                            if (tail.Count < MaxLineBytes) tail.Add(buffer[i]);
                            else tooLong = true;
                            continue;
                        }

                        if (sawEnd && !Emit(tail, tooLong, each)) return;
                        sawEnd = true; // what came after the file's last line end is a line still being written: not read
                        tail.Clear();
                        tooLong = false;
                    }
                }

                if (sawEnd) Emit(tail, tooLong, each);
            }
        }

        private static bool Emit(List<byte> reversed, bool tooLong, Func<string, bool> each)
        {
            if (tooLong) return each(null);
            var bytes = reversed.ToArray();
            Array.Reverse(bytes);
            return each(Encoding.UTF8.GetString(bytes));
        }

        /// <summary>Appends a whole line (call it holding the lock), on a fresh line when the file ends in a cut one, flushed to disk.</summary>
        public void Append(string line)
        {
            var created = !File.Exists(Path);
            using (var stream = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read))
            {
                if (created) PrivateFolder.Protect(Path);
                var freshLine = stream.Length == 0 || LastByte(stream) == '\n';
                stream.Seek(0, SeekOrigin.End);
                var bytes = Encoding.UTF8.GetBytes((freshLine ? string.Empty : "\n") + line + "\n");
                stream.Write(bytes, 0, bytes.Length); // one write of a whole line, under the lock: never interleaved
                stream.Flush(true);
            }
        }

        /// <summary>Replaces the file's lines (call it holding the lock): written aside, flushed, then renamed into place.</summary>
        public void Rewrite(IEnumerable<string> lines)
        {
            var temporary = Path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                PrivateFolder.Protect(temporary);
                foreach (var line in lines)
                {
                    var bytes = Encoding.UTF8.GetBytes(line + "\n");
                    stream.Write(bytes, 0, bytes.Length);
                }

                stream.Flush(true);
            }

            if (File.Exists(Path)) File.Replace(temporary, Path, null);
            else File.Move(temporary, Path);
        }

        private static void Take(byte[] buffer, int start, int count, MemoryStream line, ref bool tooLong)
        {
            if (tooLong) return;
            if (line.Length + count > MaxLineBytes)
            {
                tooLong = true; // the rest of the line is skipped, never held
                line.SetLength(0);
                return;
            }

            line.Write(buffer, start, count);
        }

        private static int LastByte(FileStream stream)
        {
            stream.Seek(-1, SeekOrigin.End);
            return stream.ReadByte();
        }

        // A FIFO would block the open (and Ctrl+C with it); a device or a folder is not a journal.
        private static void RefuseIrregular(string path)
        {
            var kind = FileKind.NotRegular(path);
            if (kind != null) throw new IOException($"'{path}' is {kind}, not a file");
        }

        private void WriteHolder(string what)
        {
            try
            {
                var exists = File.Exists(holderFile);
                if (exists && FileKind.NotRegular(holderFile) != null) return;
                if (!exists)
                {
                    File.WriteAllText(holderFile, string.Empty);
                    PrivateFolder.Protect(holderFile); // it names a file being sent: the user's alone, as every journal file
                }

                File.WriteAllText(holderFile, $"process {System.Diagnostics.Process.GetCurrentProcess().Id} on {Environment.MachineName}, {what}, since {DateTime.Now:HH:mm:ss}");
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // Only a courtesy to a process that waits: the lock itself is what guards.
            }
        }

        private string Holder()
        {
            try
            {
                return File.Exists(holderFile) ? "last held by " + File.ReadAllText(holderFile) : "holder unknown";
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return "holder unknown";
            }
        }
    }
}
