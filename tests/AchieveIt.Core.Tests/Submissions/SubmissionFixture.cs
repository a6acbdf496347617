using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Security;
using System.Security.Cryptography;
using System.Text;
using AchieveIt.Http;
using AchieveIt.Journal;
using AchieveIt.Submissions;

namespace AchieveIt.Tests.Submissions
{
    /// <summary>A temporary journal folder and spool-like files, and a submitter over a handler, for one test.</summary>
    public sealed class SubmissionFixture : IDisposable
    {
        public const string Key = "test-key-123456";
        private readonly string folder = Path.Combine(Path.GetTempPath(), "submitter-tests-" + Guid.NewGuid().ToString("N"));

        public SubmissionFixture()
        {
            Directory.CreateDirectory(folder);
            Variables = new Hashtable { [JournalLocation.Variable] = Path.Combine(folder, "journal") };
        }

        public Hashtable Variables { get; }

        public List<string> Warnings { get; } = new List<string>();

        public FakeClock Clock { get; } = new FakeClock();

        public string JournalFile => Path.Combine((string)Variables[JournalLocation.Variable], "journal.jsonl");

        /// <summary>The test key, at <paramref name="baseUri"/> (default: an address no test reaches).</summary>
        public static ConnectionSettings Settings(Uri baseUri = null)
        {
            var key = new SecureString();
            foreach (var c in Key) key.AppendChar(c);
            return new ConnectionSettings(AchieveItEnvironment.Custom(baseUri ?? new Uri("https://api.example.test/")), new ApiKey(key));
        }

        public JournalAccess Journal() => new JournalAccess(Variables, Warnings.Add, Clock);

        public Submitter Submitter(HttpMessageHandler handler, SubmissionOptions options = null, List<string> log = null) =>
            new Submitter(new AchieveItClient(Settings(), log == null ? null : (Action<string>)log.Add, Clock, null, handler), Journal(), options, Clock);

        /// <summary>A file of rows as a spool would hold them, named for the upload.</summary>
        public UploadFile Spool(string rows = "KPI-1,On Track,1,2026-11-28\r\n", string name = "nightly.csv")
        {
            var path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".csv");
            File.WriteAllText(path, rows);
            return new UploadFile(path, name, 1, Hash(rows), null);
        }

        public string WriteFile(string name, string text)
        {
            var path = Path.Combine(folder, name);
            File.WriteAllText(path, text);
            return path;
        }

        public string Folder => folder;

        public void Dispose()
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, true);
        }

        private static string Hash(string text)
        {
            using (var sha = SHA256.Create()) return BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(text))).Replace("-", string.Empty);
        }
    }
}
