using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using AchieveIt.Csv;
using AchieveIt.Files;
using AchieveIt.Http;

namespace AchieveIt.Journal
{
    /// <summary>
    /// A per-user record of every submission, so that a later session can list it, wait on it, and refuse to send
    /// the same bytes twice. One JSON object per line (an intent before the upload, its outcome after it, a job's
    /// final state when read); never the key, never row data. Every access holds a lock file exclusively, so
    /// processes that submit at once never interleave; lines are written whole. A damaged line is skipped and
    /// counted. Entries older than 90 days are pruned (by rewriting to a new file, then renaming it into place).
    /// </summary>
    public sealed class SubmissionJournal
    {
        public static readonly TimeSpan KeepFor = TimeSpan.FromDays(90);
        public static readonly TimeSpan DuplicateWindow = TimeSpan.FromHours(24);
        private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);
        private readonly string file;
        private readonly string lockFile;

        private SubmissionJournal(string folder)
        {
            Folder = PrivateFolder.Ensure(folder);
            file = Path.Combine(Folder, "journal.jsonl");
            lockFile = Path.Combine(Folder, "journal.lock");
        }

        public string Folder { get; }

        public string FilePath => file;

        /// <summary>The journal the environment names, or null when it is turned off (ACHIEVEIT_JOURNAL_PATH=off).</summary>
        public static SubmissionJournal Open(IDictionary variables)
        {
            var folder = JournalLocation.Folder(variables);
            return folder == null ? null : new SubmissionJournal(folder);
        }

        /// <summary>Records the intent to upload; returns the submission's ID for the outcome.</summary>
        public string Begin(DateTimeOffset at, AchieveItEnvironment environment, string fileName, long rows, string sha256)
        {
            if (OldestIsPast(at)) Read(at); // prunes: entries older than 90 days
            var id = Guid.NewGuid().ToString("N");
            Append(Line(at, "intent", ("submission", id), ("environment", environment.Name), ("baseUri", environment.BaseUri.AbsoluteUri),
                ("fileName", fileName), ("rows", rows.ToString(CultureInfo.InvariantCulture)), ("sha256", sha256?.ToUpperInvariant())));
            return id;
        }

        public void Queued(string submission, DateTimeOffset at, Job job) =>
            Append(Line(at, "queued", ("submission", submission), ("jobId", job.JobId), ("statusUri", job.StatusUri?.AbsoluteUri)));

        public void NotQueued(string submission, DateTimeOffset at, string errorId) =>
            Append(Line(at, "notQueued", ("submission", submission), ("error", errorId)));

        public void OutcomeUnknown(string submission, DateTimeOffset at, string errorId) =>
            Append(Line(at, "unknown", ("submission", submission), ("error", errorId)));

        /// <summary>Records a job's final state (Succeeded or Failed), as Get and Wait read it.</summary>
        public void Finished(Job job, DateTimeOffset at)
        {
            if (!job.IsFinished || string.IsNullOrEmpty(job.JobId) || job.BaseUri == null) return;
            Append(Line(at, "state", ("jobId", job.JobId), ("baseUri", job.BaseUri.AbsoluteUri), ("state", job.State.ToString()),
                ("statusCode", job.StatusCode?.ToString(CultureInfo.InvariantCulture))));
        }

        /// <summary>Every submission, oldest first, and how many damaged lines were skipped. Prunes entries past 90 days.</summary>
        public (IReadOnlyList<JournalSubmission> Submissions, int Damaged) Read(DateTimeOffset now)
        {
            var parsed = new List<Dictionary<string, string>>();
            WithLock(() =>
            {
                var lines = File.Exists(file) ? File.ReadAllLines(file, Encoding.UTF8) : new string[0];
                var cutoff = now - KeepFor;
                var kept = new List<string>(lines.Length);
                var nonBlank = 0;
                foreach (var line in lines)
                {
                    if (string.IsNullOrWhiteSpace(line)) continue;
                    nonBlank++;
                    var json = JournalLine.Parse(line);
                    if (JournalLine.At(json) < cutoff) continue; // past 90 days (a damaged line stays, to be reported)
                    kept.Add(line);
                    parsed.Add(json);
                }

                if (kept.Count < nonBlank) Rewrite(kept);
            });
            return JournalLine.Fold(parsed);
        }

        /// <summary>
        /// The earlier submission that blocks sending these bytes to this address again (see <see cref="FindDuplicate(IEnumerable{JournalSubmission}, string, Uri, DateTimeOffset)"/>),
        /// or null. Fast on a long journal: it searches the text for the hash and parses only the lines of the
        /// submissions that carry it.
        /// </summary>
        public JournalSubmission FindDuplicate(string sha256, Uri baseUri, DateTimeOffset now)
        {
            if (string.IsNullOrEmpty(sha256)) return null;
            var relevant = new List<Dictionary<string, string>>();
            WithLock(() =>
            {
                if (!File.Exists(file)) return;
                var text = File.ReadAllText(file, Encoding.UTF8);
                var ids = new List<string>();
                foreach (var line in LinesHolding(text, "\"sha256\":\"" + sha256.ToUpperInvariant() + "\""))
                {
                    var json = JournalLine.Parse(line);
                    if (json != null && json.TryGetValue("submission", out var id)) ids.Add(id);
                    relevant.Add(json);
                }

                var jobIds = new List<string>();
                foreach (var id in ids)
                {
                    foreach (var line in LinesHolding(text, "\"submission\":\"" + id + "\""))
                    {
                        var json = JournalLine.Parse(line);
                        if (json == null || json.TryGetValue("sha256", out _)) continue; // the intent, already taken
                        relevant.Add(json);
                        if (json.TryGetValue("jobId", out var jobId)) jobIds.Add(jobId);
                    }
                }

                foreach (var jobId in jobIds)
                {
                    foreach (var line in LinesHolding(text, "\"jobId\":" + JsonString.Quote(jobId)))
                    {
                        var json = JournalLine.Parse(line);
                        if (json != null && !json.ContainsKey("submission")) relevant.Add(json);
                    }
                }
            });
            return FindDuplicate(JournalLine.Fold(relevant).Submissions, sha256, baseUri, now);
        }

        private static IEnumerable<string> LinesHolding(string text, string needle)
        {
            for (var at = text.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = text.IndexOf(needle, at + needle.Length, StringComparison.Ordinal))
            {
                var start = text.LastIndexOf('\n', at) + 1;
                var end = text.IndexOf('\n', at);
                yield return end < 0 ? text.Substring(start) : text.Substring(start, end - start);
            }
        }

        /// <summary>A submission of the same bytes to the same address in the last 24 hours that still blocks, or null.</summary>
        public static JournalSubmission FindDuplicate(IEnumerable<JournalSubmission> submissions, string sha256, Uri baseUri, DateTimeOffset now) =>
            submissions.Where(s => string.Equals(s.Sha256, sha256, StringComparison.OrdinalIgnoreCase) && UriRules.SameAddress(s.BaseUri, baseUri) &&
                                   now - s.At < DuplicateWindow && s.Blocks)
                .OrderByDescending(s => s.At)
                .FirstOrDefault();

        // True when the first line is older than 90 days: a read then prunes. Reads the first line only.
        private bool OldestIsPast(DateTimeOffset now)
        {
            if (!File.Exists(file)) return false;
            using (var reader = new StreamReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite), Encoding.UTF8))
            {
                var at = JournalLine.At(JournalLine.Parse(reader.ReadLine()));
                return at.HasValue && at.Value < now - KeepFor;
            }
        }

        private void Append(string line)
        {
            var bytes = Encoding.UTF8.GetBytes(line + "\n");
            WithLock(() =>
            {
                var created = !File.Exists(file);
                using (var stream = new FileStream(file, FileMode.Append, FileAccess.Write, FileShare.Read))
                {
                    if (created) PrivateFolder.Protect(file);
                    stream.Write(bytes, 0, bytes.Length); // one write of a whole line, under the lock: never interleaved
                }
            });
        }

        private void Rewrite(List<string> lines)
        {
            var temporary = file + "." + Guid.NewGuid().ToString("N") + ".tmp";
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                PrivateFolder.Protect(temporary);
                var bytes = Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n")));
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(true);
            }

            if (File.Exists(file)) File.Replace(temporary, file, null);
            else File.Move(temporary, file);
        }

        // One process at a time: the lock file is held exclusively (FileShare.None is a lock on every platform .NET runs on).
        private void WithLock(Action action)
        {
            var deadline = DateTime.UtcNow + LockWait;
            while (true)
            {
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

                using (held)
                {
                    if (created) PrivateFolder.Protect(lockFile);
                    action();
                    return;
                }
            }
        }

        private static string Line(DateTimeOffset at, string kind, params (string Name, string Value)[] fields)
        {
            var text = new StringBuilder("{\"v\":1,\"at\":\"").Append(at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture))
                .Append("\",\"event\":\"").Append(kind).Append('"');
            foreach (var (name, value) in fields)
            {
                if (value == null) continue;
                text.Append(",\"").Append(name).Append("\":").Append(JsonString.Quote(value));
            }

            return text.Append('}').ToString();
        }
    }
}
