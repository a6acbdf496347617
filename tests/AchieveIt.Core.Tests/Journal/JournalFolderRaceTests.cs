using System;
using System.IO;
using System.Runtime.InteropServices;
using AchieveIt.Journal;

namespace AchieveIt.Tests.Journal
{
    /// <summary>The first run's race: a folder the module creates is private from its first instant, and every racer ends with one journal.</summary>
    [Collection(nameof(JournalFolderRaceTests))] // the hook is static: no other test of the folder runs beside these
    public class JournalFolderRaceTests : IDisposable
    {
        private readonly string root = Path.Combine(Path.GetTempPath(), "achieveit-race-" + Guid.NewGuid().ToString("N"));

        public JournalFolderRaceTests() => Directory.CreateDirectory(root);

        public void Dispose()
        {
            JournalFolder.BeforeMove = null;
            Directory.Delete(root, true);
        }

        [Fact]
        public void A_racer_that_looks_while_the_first_is_creating_the_folder_ends_with_the_same_journal()
        {
            var folder = Path.Combine(root, "journal");
            string second = null;
            JournalFolder.BeforeMove = _ =>
            {
                JournalFolder.BeforeMove = null;
                // Another process looks now, in the window where the old code had a folder that was not private yet.
                Assert.False(Directory.Exists(folder) && !IsPrivate(folder), "a folder was visible before it was private");
                second = JournalFolder.Resolve(folder);
            };
            var first = JournalFolder.Resolve(folder);
            Assert.Equal(first, second);
            Assert.Equal(Path.GetFullPath(folder), first);
            Assert.True(IsPrivate(first));
            Assert.Empty(Directory.GetDirectories(root, "*.tmp"));
        }

        [Fact]
        public void Reading_a_journal_that_was_never_written_creates_nothing()
        {
            var folder = Path.Combine(root, "never");
            var journal = SubmissionJournal.Open(new System.Collections.Hashtable { [JournalLocation.Variable] = folder });
            Assert.Empty(journal.Read(DateTimeOffset.UtcNow).Submissions);
            Assert.Null(journal.FindDuplicate("AA", new Uri("https://api.example.test/"), DateTimeOffset.UtcNow));
            Assert.False(Directory.Exists(folder));
        }

        private static bool IsPrivate(string folder) =>
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || FileKindProbe.Private(folder);
    }

    internal static class FileKindProbe
    {
        public static bool Private(string folder) => AchieveIt.Files.FileKind.NotPrivateFolder(folder) == null;
    }
}
