using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using AchieveIt.Csv;
using AchieveIt.Http;
using AchieveIt.Journal;

namespace AchieveIt.Tests.Http
{
    /// <summary>State shared between calls or threads holds nothing of one call, and is whole before anyone sees it.</summary>
    public class SharedStateTests
    {
        [Fact]
        public void A_corrected_proxy_password_gets_a_client_of_its_own()
        {
            var proxy = new Uri("http://127.0.0.1:3128");
            var wrong = HttpClients.For(proxy, new NetworkCredential("user", "WrongPass1"));
            var right = HttpClients.For(proxy, new NetworkCredential("user", "RightPass2"));
            Assert.NotSame(wrong, right);
            Assert.Same(right, HttpClients.For(proxy, new NetworkCredential("user", "RightPass2")));
        }

        [Fact]
        public void A_journal_opened_by_many_threads_at_once_is_never_taken_for_off()
        {
            var folder = Path.Combine(Path.GetTempPath(), "achieveit-open-" + Guid.NewGuid().ToString("N"));
            try
            {
                for (var round = 0; round < 20; round++)
                {
                    var access = new JournalAccess(new Hashtable { [JournalLocation.Variable] = folder }, null);
                    var offs = new bool[16];
                    Parallel.For(0, offs.Length, i => offs[i] = access.IsOff);
                    Assert.All(offs, off => Assert.False(off));
                }
            }
            finally
            {
                if (Directory.Exists(folder)) Directory.Delete(folder, true);
            }
        }

        [Fact]
        public void Options_for_another_file_are_a_copy()
        {
            var options = new CsvCheckOptions { IssueLimit = 7 };
            var first = options.For(new AchieveIt.Rules.DateConvention(AchieveIt.Rules.DateOrder.Unstated, "line"));
            var second = options.For(new AchieveIt.Rules.DateConvention(AchieveIt.Rules.DateOrder.DayFirst, "line"));
            Assert.Null(options.Dates);
            Assert.NotSame(first.Dates, second.Dates);
            Assert.Equal(7, second.IssueLimit);
        }

        [Fact]
        public void A_clients_stall_timeout_is_fixed_when_it_is_made() =>
            Assert.Equal(TimeSpan.FromSeconds(5), new AchieveItClient(Submissions.SubmissionFixture.Settings(), uploadStallTimeout: TimeSpan.FromSeconds(5)).UploadStallTimeout);
    }
}
