using System;
using System.Collections;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AchieveIt.Http;
using AchieveIt.Journal;

namespace AchieveIt.Tests.Journal
{
    /// <summary>The guard holds under concurrency and damage: one lock for the check and the intent, fresh lines, bounded reads, refusals that say why.</summary>
    [Collection(MeasuresTheProcess.Name)]
    public class JournalHardeningTests : IDisposable
    {
        private readonly string folder = Path.Combine(Path.GetTempPath(), "journal-hard-" + Guid.NewGuid().ToString("N"));
        private readonly AchieveItEnvironment environment = AchieveItEnvironment.Custom(new Uri("http://127.0.0.1:5000/"));
        private readonly DateTimeOffset now = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

        public void Dispose()
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, true);
        }

        // The test's own journal, its folder made as a first submission makes it (a journal opened only to read creates nothing).
        // Another process holding journal.lock (flock), returned once it has it: it says so on its output.
        private static Process HoldLock(string lockFile)
        {
            var holder = Process.Start(new ProcessStartInfo("flock", $"\"{lockFile}\" bash -c \"echo held; exec sleep 30\"") { UseShellExecute = false, RedirectStandardOutput = true });
            Assert.Equal("held", holder.StandardOutput.ReadLine());
            return holder;
        }

        private SubmissionJournal Open(string path = null)
        {
            if (path == null) JournalFolder.Resolve(folder);
            return SubmissionJournal.Open(new Hashtable { [JournalLocation.Variable] = path ?? folder });
        }

        private static bool OnUnix => !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        [Fact]
        public void Simultaneous_reservations_of_one_content_make_one_intent()
        {
            Open(); // the folder exists before the race
            var results = Enumerable.Range(0, 8).AsParallel().WithDegreeOfParallelism(8)
                .Select(_ => Open().Reserve(now, environment, "good.csv", 1, "AB"))
                .ToList();
            Assert.Equal(1, results.Count(r => r.Submission != null));
            Assert.Equal(7, results.Count(r => r.Earlier != null));
            Assert.Single(Open().Read(now).Submissions);
        }

        [Fact]
        public void An_append_after_a_cut_line_starts_a_fresh_line_and_the_guard_still_sees_it()
        {
            var journal = Open();
            journal.Reserve(now, environment, "first.csv", 1, "AA");
            var text = File.ReadAllText(journal.FilePath);
            File.WriteAllText(journal.FilePath, text.Substring(0, text.Length - 6)); // the last line cut by 5 bytes and its line break
            var second = journal.Reserve(now, environment, "second.csv", 1, "BB");
            Assert.NotNull(second.Submission);
            var again = journal.Reserve(now, environment, "second.csv", 1, "BB");
            Assert.Equal("second.csv", again.Earlier.FileName);
            var read = journal.Read(now);
            Assert.Equal(1, read.Damage.Count);
            Assert.Contains("line 1", read.Damage.Warning());
            Assert.Contains(journal.FilePath, read.Damage.Warning());
        }

        [Fact]
        public void A_record_glued_onto_a_cut_line_is_recovered()
        {
            var journal = Open();
            journal.Reserve(now, environment, "glued.csv", 1, "CC");
            var record = File.ReadAllText(journal.FilePath).TrimEnd('\n');
            File.WriteAllText(journal.FilePath, "{\"v\":1,\"at\":\"2026-11-28T11:00:00.000Z\",\"event\":\"inte" + record + "\n");
            var read = journal.Read(now);
            Assert.Equal("glued.csv", Assert.Single(read.Submissions).FileName);
            Assert.Equal(1, read.Damage.Count);
            Assert.NotNull(journal.Reserve(now, environment, "glued.csv", 1, "CC").Earlier);
        }

        [Fact]
        public void A_50_MB_line_is_skipped_without_being_held_and_the_submissions_around_it_are_kept()
        {
            var journal = Open();
            journal.Reserve(now, environment, "before.csv", 1, "D1");
            using (var stream = new FileStream(journal.FilePath, FileMode.Append))
            {
                var chunk = Encoding.ASCII.GetBytes(new string('x', 1024 * 1024));
                for (var i = 0; i < 50; i++) stream.Write(chunk, 0, chunk.Length);
                stream.WriteByte((byte)'\n');
            }

            journal.Reserve(now, environment, "after.csv", 1, "D2");
            GC.Collect();
            var before = GC.GetTotalMemory(true);
            var read = journal.Read(now);
            Assert.True(GC.GetTotalMemory(false) - before < 20 * 1024 * 1024, "the long line must not be held");
            Assert.Equal(new[] { "before.csv", "after.csv" }, read.Submissions.Select(s => s.FileName));
            Assert.Equal(1, read.Damage.Count);
        }

        [Fact]
        public void Lines_for_other_addresses_neither_block_nor_count_as_damage()
        {
            var journal = Open();
            journal.Reserve(now, AchieveItEnvironment.Custom(new Uri("http://127.0.0.1:6000/")), "elsewhere.csv", 1, "EE");
            var here = journal.Reserve(now, environment, "here.csv", 1, "EE");
            Assert.NotNull(here.Submission);
            Assert.Equal(0, here.Damage.Count);
        }

        [Fact]
        public void A_journal_file_that_is_a_folder_is_JournalUnavailable_naming_it()
        {
            var journal = Open();
            Directory.CreateDirectory(journal.FilePath);
            var e = Assert.Throws<AchieveItException>(() => journal.Reserve(now, environment, "x.csv", 1, "FF"));
            Assert.Equal(ErrorIds.JournalUnavailable, e.ErrorId);
            Assert.Contains(journal.FilePath, e.Message);
            Assert.Contains("is a folder", e.Message);
        }

        [Fact]
        public void A_FIFO_where_the_journal_belongs_is_refused_at_once_never_a_hang()
        {
            if (!OnUnix) return;
            var journal = Open();
            Run("mkfifo", journal.FilePath);
            var clock = Stopwatch.StartNew();
            var e = Assert.Throws<AchieveItException>(() => journal.Reserve(now, environment, "x.csv", 1, "FF"));
            Assert.Equal(ErrorIds.JournalUnavailable, e.ErrorId);
            Assert.Contains("FIFO", e.Message);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
        }

        [FlockHolderFact]
        public void A_process_killed_holding_the_lock_never_blocks_the_next_run()
        {
            var journal = Open();
            var lockFile = Path.Combine(journal.Folder, "journal.lock");
            // The holder is one process that holds the lock itself (bash takes it, then becomes sleep), as pwsh would.
            using (var holder = Process.Start(new ProcessStartInfo("bash", $"-c \"exec 9>>'{lockFile}'; flock 9; echo held; exec sleep 60\"") { UseShellExecute = false, RedirectStandardOutput = true }))
            {
                Assert.Equal("held", holder.StandardOutput.ReadLine()); // the holder has the lock
                Assert.ThrowsAny<OperationCanceledException>(() => Open().Reserve(now, environment, "x.csv", 1, "AB", false, new CancellationTokenSource(TimeSpan.FromSeconds(1)).Token)); // held: the next run waits
                Run("kill", "-9", holder.Id.ToString());
                holder.WaitForExit(5000);
            }

            var clock = Stopwatch.StartNew();
            Assert.NotNull(journal.Reserve(now, environment, "after-kill.csv", 1, "AB").Submission);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "the OS released the dead process's lock");
        }

        [FlockHolderFact]
        public void A_lock_held_past_the_wait_is_JournalUnavailable_naming_the_holder()
        {
            var journal = Open();
            var reserved = journal.Reserve(now, environment, "holder.csv", 1, "01"); // leaves journal.holder naming this submission
            var lockFile = Path.Combine(journal.Folder, "journal.lock");
            using (var holder = HoldLock(lockFile))
            {
                try
                {
                    journal.LockWait = TimeSpan.FromSeconds(1); // the 10 s wait itself is not what is tested
                    var e = Assert.Throws<AchieveItException>(() => journal.Reserve(now, environment, "x.csv", 1, "02"));
                    Assert.Equal(ErrorIds.JournalUnavailable, e.ErrorId);
                    Assert.Contains("for 1 s", e.Message);
                    Assert.Contains("submitting 'holder.csv'", e.Message);
                    Assert.Equal("600", Run("stat", "-c", "%a", Path.Combine(journal.Folder, "journal.holder")).Trim()); // it names a file being sent
                }
                finally
                {
                    holder.Kill();
                }
            }
        }

        [FlockHolderFact]
        public void Ctrl_C_stops_a_wait_for_the_lock()
        {
            var journal = Open();
            var lockFile = Path.Combine(journal.Folder, "journal.lock");
            File.WriteAllText(lockFile, string.Empty);
            using (var holder = HoldLock(lockFile))
            using (var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(500)))
            {
                try
                {
                    var clock = Stopwatch.StartNew();
                    Assert.ThrowsAny<OperationCanceledException>(() => journal.Reserve(now, environment, "x.csv", 1, "03", false, stop.Token));
                    Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
                }
                finally
                {
                    holder.Kill();
                }
            }
        }

        [Theory]
        [InlineData("1777")]
        [InlineData("755")]
        public void A_shared_folder_is_left_as_it_is_and_the_journal_goes_in_a_private_subfolder(string mode)
        {
            if (!OnUnix) return;
            Directory.CreateDirectory(folder);
            Run("chmod", mode, folder);
            if (mode == "755") Run("chown", "65534", folder); // another user's folder (the tests run as root here)
            var journal = Open();
            journal.Reserve(now, environment, "x.csv", 1, "AB");
            Assert.Equal(mode, Run("stat", "-c", "%a", folder).Trim());
            Assert.StartsWith(Path.Combine(folder, "achieveit-"), journal.Folder);
            Assert.Equal("700", Run("stat", "-c", "%a", journal.Folder).Trim());
        }

        [Fact]
        public void A_state_folder_reached_through_a_link_keeps_the_guard()
        {
            if (!OnUnix) return;
            var real = Directory.CreateDirectory(Path.Combine(folder, "real")).FullName;
            Run("chmod", "700", real);
            var link = Path.Combine(folder, "link");
            Run("ln", "-s", real, link);
            var journal = Open(link);
            Assert.Equal(real, journal.Folder);
            journal.Reserve(now, environment, "x.csv", 1, "AB");
            Assert.NotNull(Open(link).Reserve(now, environment, "x.csv", 1, "AB").Earlier);
        }

        private static string Run(string command, params string[] arguments) => Portable.Run(command, arguments);
    }
}
