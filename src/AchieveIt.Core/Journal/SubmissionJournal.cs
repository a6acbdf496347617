using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using AchieveIt.Csv;
using AchieveIt.Http;

namespace AchieveIt.Journal
{
    /// <summary>
    /// A per-user record of every submission, so that a later session can list it, wait on it, and not send the same
    /// bytes twice. One JSON object per line (an intent before the upload, its outcome after it, a job's final state
    /// when read); never the key, never row data. The duplicate check and the intent are one step under one lock
    /// held across processes (<see cref="Reserve"/>), so simultaneous runs of one file make one job. A damaged line
    /// is skipped and reported by number; a record glued onto a cut line is recovered. Entries older than 90 days are
    /// pruned. Every failure is JournalUnavailable, naming the file and the reason (docs/ARCHITECTURE.md, "Journal").
    /// </summary>
    public sealed class SubmissionJournal
    {
        public static readonly TimeSpan KeepFor = TimeSpan.FromDays(90);
        public static readonly TimeSpan DuplicateWindow = TimeSpan.FromHours(24);
        private const string RecordStart = "{\"v\":";
        private readonly string configured;
        private JournalFile file;

        /// <summary>How long a step waits for another process's lock (10 s; a test shortens it rather than wait it out).</summary>
        internal TimeSpan LockWait
        {
            get => lockWait;
            set
            {
                lockWait = value;
                if (file != null) file = new JournalFile(Folder, value);
            }
        }

        private TimeSpan lockWait = JournalFile.DefaultLockWait;
        private JournalKeys keys;

        // Nothing is created here: a journal that is only read (a listing, -WhatIf) leaves the disk as it was. The
        // folder is made (private from its first instant) by the first step that writes.
        private SubmissionJournal(string configured)
        {
            this.configured = configured;
            var existing = JournalFolder.Existing(configured);
            if (existing != null) Use(existing);
        }

        /// <summary>The journal's folder, or null while nothing was written to it.</summary>
        public string Folder { get; private set; }

        public string FilePath => file?.Path ?? System.IO.Path.Combine(System.IO.Path.GetFullPath(configured), "journal.jsonl");

        /// <summary>The journal the environment names, or null when it is turned off (ACHIEVEIT_JOURNAL_PATH=off); JournalUnavailable when its folder cannot be used.</summary>
        public static SubmissionJournal Open(IDictionary variables)
        {
            var folder = JournalLocation.Folder(variables);
            return folder == null ? null : new SubmissionJournal(folder);
        }

        private void Use(string folder)
        {
            Folder = folder;
            file = new JournalFile(folder, LockWait);
            keys = new JournalKeys(folder);
        }

        // Before any step that writes: the folder, created when it is not there yet.
        private void EnsureFolder()
        {
            if (file == null) Use(JournalFolder.Resolve(configured));
        }

        /// <summary>
        /// Under one lock: the earlier submission that blocks these bytes at this address (unless <paramref name="force"/>),
        /// or, when there is none, the intent recorded (its ID in the result). A second process with the same content
        /// waits for the lock, then sees this intent.
        /// </summary>
        public JournalReservation Reserve(DateTimeOffset at, AchieveItEnvironment environment, string fileName, long rows, string sha256, bool force = false, CancellationToken cancellation = default, ApiKey key = null) =>
            Guarded(() =>
            {
                EnsureFolder();
                return file.WithLock($"submitting '{fileName}'", () =>
            {
                // Only the last day decides a duplicate: read from the end. The whole file is read (and rewritten) only
                // when its oldest entry is past 90 days, which the first line tells.
                var pruned = OldestPastKeep(at) ? Scan(at, cancellation, prune: true).Pruned : 0;
                var read = ReadSince(at, at - DuplicateWindow, cancellation);
                read.Pruned = pruned;
                var mark = keys.Mark(key, create: true);
                var earlier = force ? null : FindDuplicate(read.Submissions, sha256, environment.BaseUri, at, mark);
                if (earlier != null) return new JournalReservation(null, earlier, read.Damage, read.Pruned);
                var id = Guid.NewGuid().ToString("N");
                file.Append(Line(at, "intent", ("submission", id), ("environment", environment.Name), ("baseUri", environment.BaseUri.AbsoluteUri),
                    ("fileName", fileName), ("rows", rows.ToString(CultureInfo.InvariantCulture)), ("sha256", sha256?.ToUpperInvariant()), ("key", mark), ("holder", IntentHolder.Here)));
                return new JournalReservation(id, null, read.Damage, read.Pruned);
            }, cancellation);
            });

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

        /// <summary>
        /// Every submission of the last 90 days, oldest first, and the damaged lines skipped. A read never writes or
        /// waits: it takes no lock (lines are appended whole, and a last line still being written is not read yet) and
        /// prunes nothing (the next submission does); a journal never written is empty.
        /// </summary>
        public JournalRead Read(DateTimeOffset now, CancellationToken cancellation = default) =>
            file == null ? new JournalRead(Array.Empty<JournalSubmission>(), new JournalDamage(FilePath)) : Guarded(() => Scan(now, cancellation, prune: false));

        /// <summary>The newest <paramref name="count"/> submissions to <paramref name="baseUri"/> (any address when null), read from the end of the journal: as fast on a journal of 200,000 entries as on one of ten.</summary>
        public JournalRead ReadLatest(DateTimeOffset now, int count, Uri baseUri = null, CancellationToken cancellation = default)
        {
            var intents = 0;
            return ReadBackward(now, json => JournalLine.IsIntent(json) && (baseUri == null || UriRules.SameAddress(JournalLine.BaseUri(json), baseUri)) && ++intents >= count, cancellation);
        }

        /// <summary>The submissions made at or after <paramref name="since"/>, read from the end of the journal.</summary>
        public JournalRead ReadSince(DateTimeOffset now, DateTimeOffset since, CancellationToken cancellation = default)
        {
            // In UTC ticks, whatever offset -Since came with: a -Since of the earliest date reads it all.
            var stop = since.UtcTicks > ClockSkew.Ticks ? new DateTimeOffset(since.UtcTicks - ClockSkew.Ticks, TimeSpan.Zero) : DateTimeOffset.MinValue;
            return ReadBackward(now, json => JournalLine.At(json) < stop, cancellation);
        }

        /// <summary>The submission whose job has this ID (with every line about it), read from the end of the journal; none when no submission has it.</summary>
        public JournalRead ReadJob(DateTimeOffset now, string jobId, CancellationToken cancellation = default)
        {
            string submission = null;
            return ReadBackward(now, json =>
            {
                if (submission == null && JournalLine.JobIdOf(json) == jobId) submission = JournalLine.SubmissionOf(json);
                return submission != null && JournalLine.IsIntent(json) && JournalLine.SubmissionOf(json) == submission;
            }, cancellation);
        }

        private bool OldestPastKeep(DateTimeOffset now)
        {
            var first = file.FirstLine();
            var json = first == null ? null : JournalLine.Parse(first);
            return json == null ? first != null : JournalLine.At(json) < now - KeepFor; // a damaged first line: the whole read sorts it out
        }

        // Lines of processes whose clocks differ are appended a little out of order: a time bound reads this much past it.
        private static readonly TimeSpan ClockSkew = TimeSpan.FromHours(1);

        // The newest lines, back to the one that makes enough (inclusive), then folded in order as a whole read folds them.
        private JournalRead ReadBackward(DateTimeOffset now, Func<Dictionary<string, string>, bool> enough, CancellationToken cancellation)
        {
            var damage = new JournalDamage(FilePath);
            if (file == null) return new JournalRead(Array.Empty<JournalSubmission>(), damage);
            var lines = new List<Dictionary<string, string>>();
            var cutoff = now - KeepFor;
            var fromEnd = 0L;
            Guarded(() =>
            {
                file.ReadLinesBackward(text =>
                {
                    fromEnd++;
                    if (text != null && string.IsNullOrWhiteSpace(text)) return true;
                    var json = text == null ? null : JournalLine.Parse(text);
                    if (json == null)
                    {
                        damage.AddFromEnd(fromEnd);
                        var glued = text == null ? -1 : text.LastIndexOf(RecordStart, StringComparison.Ordinal);
                        if (glued <= 0 || (json = JournalLine.Parse(text.Substring(glued))) == null) return true;
                    }

                    if (JournalLine.At(json) < cutoff) return false; // past 90 days: older lines are older still
                    lines.Add(json);
                    return !enough(json);
                }, cancellation);
                return 0;
            });
            lines.Reverse();
            // Lines whose intent lies before where this read stopped are not damage: a whole read finds them whole.
            return new JournalRead(JournalLine.Fold(lines).Submissions, damage);
        }

        /// <summary>The earlier submission that blocks sending these bytes to this address again, or null (a look only: <see cref="Reserve"/> is the step that counts).</summary>
        public JournalSubmission FindDuplicate(string sha256, Uri baseUri, DateTimeOffset now, ApiKey key = null) =>
            string.IsNullOrEmpty(sha256) ? null : FindDuplicate(ReadSince(now, now - DuplicateWindow).Submissions, sha256, baseUri, now, keys?.Mark(key, create: false));

        /// <summary>
        /// A submission of the same bytes to the same address with the same key in the last 24 hours that still blocks,
        /// or null. A record without a key mark (written before marks were kept) matches any key: for its last 24 hours it
        /// guards as it always did, rather than let the same content be sent twice.
        /// </summary>
        public static JournalSubmission FindDuplicate(IEnumerable<JournalSubmission> submissions, string sha256, Uri baseUri, DateTimeOffset now, string keyMark = null) =>
            submissions.Where(s => string.Equals(s.Sha256, sha256, StringComparison.OrdinalIgnoreCase) && UriRules.SameAddress(s.BaseUri, baseUri) &&
                                   (s.KeyMark == null || keyMark == null || string.Equals(s.KeyMark, keyMark, StringComparison.Ordinal)) &&
                                   now - s.At < DuplicateWindow && s.Blocks)
                .OrderByDescending(s => s.At)
                .FirstOrDefault();

        // Reads every line: damaged ones are counted by number, a record glued onto a cut line is recovered, and entries
        // past 90 days are left out; with prune (holding the lock, before a write) the file is rewritten without them.
        private JournalRead Scan(DateTimeOffset now, CancellationToken cancellation, bool prune)
        {
            var parsed = new List<Dictionary<string, string>>();
            var kept = new List<string>();
            var damage = new JournalDamage(file.Path);
            var pruned = 0;
            var cutoff = now - KeepFor;
            file.ReadLines(prune, (number, text) =>
            {
                if (text != null && string.IsNullOrWhiteSpace(text)) return;
                var json = text == null ? null : JournalLine.Parse(text);
                if (json == null)
                {
                    damage.Add(number);
                    var glued = text == null ? -1 : text.LastIndexOf(RecordStart, StringComparison.Ordinal);
                    if (glued <= 0 || (json = JournalLine.Parse(text.Substring(glued))) == null) return;
                    text = text.Substring(glued); // the record written after a cut line, recovered
                }

                if (JournalLine.At(json) < cutoff)
                {
                    pruned++;
                    return;
                }

                kept.Add(text);
                parsed.Add(json);
            }, cancellation);
            if (prune && pruned > 0) file.Rewrite(kept);
            var folded = JournalLine.Fold(parsed);
            for (var i = 0; i < folded.Damaged; i++) damage.AddIncomplete();
            return new JournalRead(folded.Submissions, damage) { Pruned = prune ? pruned : 0 };
        }

        private void Append(string line) => Guarded(() =>
        {
            EnsureFolder();
            return file.WithLock<object>(null, () =>
            {
                file.Append(line);
                return null;
            }, CancellationToken.None);
        });

        private T Guarded<T>(Func<T> step)
        {
            try
            {
                return step();
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new AchieveItException(ErrorIds.JournalUnavailable, $"The submission journal '{file.Path}' cannot be used: {e.Message.TrimEnd('.')}.", e);
            }
        }

        private static string Line(DateTimeOffset at, string kind, params (string Name, string Value)[] fields)
        {
            var text = new StringBuilder(RecordStart + "1,\"at\":\"").Append(at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture))
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
