using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using AchieveIt.Http;
using AchieveIt.Jobs;
using AchieveIt.Plans;
using AchieveIt.Tests.Http;

namespace AchieveIt.Tests.Plans
{
    /// <summary>Answers a hostile or broken server sends, over loopback: each is bounded or refused, never trusted whole.</summary>
    public class HostileAnswerTests
    {
        [Fact]
        public async Task A_page_nested_300000_levels_deep_is_refused_at_once()
        {
            var deep = "{\"items\":[{\"externalId\":\"A\",\"x\":" + new string('[', 300_000) + new string(']', 300_000) + "}]}";
            using (var server = RawHttpServer.Answering(deep))
            {
                var read = new PlanPager(new PlanReader(server.Client().Connection), "p").NextAsync(default);
                await Bounded(read); // the read that took minutes fails the test instead of holding it up
                var e = await Assert.ThrowsAsync<AchieveItException>(() => read);
                Assert.Equal(ErrorIds.PlanAnswerInvalid, e.ErrorId);
                Assert.Contains($"nests deeper than {JsonText.MaxDepth} levels", e.Message);
            }
        }

        [Fact]
        public async Task A_status_answer_and_a_submit_answer_nested_300000_levels_deep_are_read_at_once()
        {
            var deep = "{\"jobId\":" + new string('[', 300_000) + new string(']', 300_000) + "}";
            using (var server = RawHttpServer.Answering(deep))
            {
                var client = new AchieveItClient(Submissions.SubmissionFixture.Settings(server.Uri));
                var job = new Job("5038014d-e4b1-4b5b-868f-21612c2cf252", "a.csv", 1, "Custom", server.Uri, null, DateTimeOffset.UtcNow);
                var status = client.GetStatusAsync(job, default);
                await Bounded(status);
                Assert.Equal(JobState.Succeeded, (await status).State);

                var file = System.IO.Path.GetTempFileName();
                try
                {
                    System.IO.File.WriteAllText(file, "External ID,Status,Current Metric Value,As Of Date\r\nKPI-1,On Track,1,2026-11-28\r\n");
                    var submit = client.SubmitAsync(file, "a.csv", 1, default);
                    await Bounded(submit);
                    var e = await Assert.ThrowsAsync<AchieveItException>(() => submit); // no job ID in it
                    Assert.Equal(ErrorIds.NoJobId, e.ErrorId);
                }
                finally
                {
                    System.IO.File.Delete(file);
                }
            }
        }

        // A guard against a hang, not a timing: the answers are read in well under a second, the quadratic parse took minutes.
        private static async Task Bounded(Task task)
        {
            Assert.Same(task, await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(60))));
        }

        [Fact]
        public void Any_JSON_answer_deeper_than_the_limit_is_not_read()
        {
            Assert.NotNull(JsonText.Parse(new string('[', JsonText.MaxDepth) + new string(']', JsonText.MaxDepth)));
            Assert.Null(JsonText.Parse(new string('[', JsonText.MaxDepth + 1) + new string(']', JsonText.MaxDepth + 1), out var problem));
            Assert.Contains("deeper", problem);
        }

        [Fact]
        public async Task A_total_the_pages_contradict_is_not_trusted_and_a_warning_says_so()
        {
            string Page(int from, int count) =>
                "{\"total\":1,\"items\":[" + string.Join(",", Enumerable.Range(from, count).Select(i => "{\"externalId\":\"K-" + i + "\"}")) + "]}";
            using (var server = new RawHttpServer(async x =>
            {
                await x.ReadHeadAsync();
                var skip = x.Head.Contains("skip=0&") ? 0 : x.Head.Contains("skip=1500&") ? 1500 : 3000;
                await x.AnswerAsync(200, "OK", skip < 3000 ? Page(skip, 1500) : "{\"total\":1,\"items\":[]}");
            }))
            {
                var warnings = new List<string>();
                var pager = new PlanPager(new PlanReader(server.Client().Connection), "p", warn: warnings.Add);
                var ids = new List<string>();
                while (!pager.Done) ids.AddRange((await pager.NextAsync(default)).Select(i => i.ExternalId));
                Assert.Equal(3000, ids.Distinct().Count());
                Assert.Contains("is not trusted", Assert.Single(warnings));
            }
        }

        [Theory]
        [InlineData(0)]
        [InlineData(-30)]
        public void Every_wait_between_polls_and_retries_is_at_least_a_second(int retryAfterSeconds)
        {
            var given = TimeSpan.FromSeconds(retryAfterSeconds);
            Assert.Equal(TimeSpan.FromSeconds(1), PollSchedule.After(5, given));
            Assert.Equal(TimeSpan.FromSeconds(1), new RetryPolicy(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60)).Delay(1, given));
        }

        [Fact]
        public void A_Retry_After_date_in_the_past_waits_a_second_too()
        {
            var now = new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
            var past = RetryPolicy.ParseRetryAfter(now.AddHours(-1).ToString("r"), now);
            Assert.Equal(TimeSpan.FromSeconds(1), PollSchedule.After(0, past));
        }
    }
}

namespace AchieveIt.Tests.Plans
{
    /// <summary>Pages that would take memory out of proportion to what is used: read item by item, bounded.</summary>
    public class BoundedPageTests
    {
        [Fact]
        public void A_page_of_millions_of_empty_objects_keeps_only_what_was_asked_and_is_refused_past_the_ceiling()
        {
            var flood = "{\"items\":[" + string.Join(",", Enumerable.Repeat("{}", 3_000_000)) + "]}";
            var e = Assert.Throws<AchieveItException>(() => PlanPage.Parse(flood, "p", 1500, default));
            Assert.Equal(ErrorIds.PlanAnswerInvalid, e.ErrorId);
            Assert.Contains("more than 10,000 items", e.Message);
        }

        [Fact]
        public void Items_past_the_page_asked_for_are_read_past_not_kept()
        {
            var page = "[" + string.Join(",", Enumerable.Range(1, 3000).Select(i => "{\"externalId\":\"K-" + i + "\"}")) + "]";
            var read = PlanPage.Parse(page, "p", 100, default);
            Assert.Equal(100, read.Items.Count);
            Assert.Equal("K-100", read.Items[99].ExternalId);
        }

        [Fact]
        public void A_field_longer_than_any_update_carries_is_refused()
        {
            var page = "{\"items\":[{\"externalId\":\"" + new string('x', PlanPage.MaxFieldLength + 1) + "\"}]}";
            var e = Assert.Throws<AchieveItException>(() => PlanPage.Parse(page, "p", 1500, default));
            Assert.Contains("longer than 64 KiB", e.Message);
        }

        [Fact]
        public void Ctrl_C_stops_a_page_between_items()
        {
            var page = "[" + string.Join(",", Enumerable.Repeat("{\"a\":1}", 1000)) + "]";
            using (var stop = new System.Threading.CancellationTokenSource())
            {
                stop.Cancel();
                Assert.ThrowsAny<OperationCanceledException>(() => PlanPage.Parse(page, "p", 1500, stop.Token));
            }
        }
    }
}

namespace AchieveIt.Tests.Plans
{
    /// <summary>A plan as a whole has a byte budget: a server that sends page after page of large items is stopped.</summary>
    public class PlanBudgetTests
    {
        [Fact]
        public async Task A_plan_whose_answers_pass_the_budget_is_refused()
        {
            var big = new string('x', 60 * 1024); // under the 64 KiB field limit, so only the budget can stop it
            using (var server = new RawHttpServer(async x =>
            {
                await x.ReadHeadAsync();
                var skip = System.Text.RegularExpressions.Regex.Match(x.Head, "skip=(\\d+)").Groups[1].Value;
                await x.AnswerAsync(200, "OK", "[{\"externalId\":\"K-" + skip + "\",\"notes\":\"" + big + "\"}]");
            }))
            {
                var pager = new PlanPager(new PlanReader(server.Client().Connection), "p") { MaxBytes = 1024 * 1024 };
                var e = await Assert.ThrowsAsync<AchieveItException>(async () => { while (!pager.Done) await pager.NextAsync(default); });
                Assert.Equal(ErrorIds.PlanAnswerInvalid, e.ErrorId);
                Assert.Contains("passed 1 MiB", e.Message);
                Assert.InRange(pager.Pages, 17, 18);
            }
        }
    }
}

namespace AchieveIt.Tests.Plans
{
    /// <summary>A plan export that trickles items is stopped by the stall rule, in no real time.</summary>
    public class PlanPaceTests
    {
        [Fact]
        public async Task A_server_that_brings_one_item_a_page_every_five_seconds_has_stalled()
        {
            var clock = new FakeClock();
            using (var server = new RawHttpServer(async x =>
            {
                await x.ReadHeadAsync();
                var skip = System.Text.RegularExpressions.Regex.Match(x.Head, "skip=(\\d+)").Groups[1].Value;
                lock (clock) clock.Delay(TimeSpan.FromSeconds(5), default).Wait(); // five seconds a page, on the pager's clock
                await x.AnswerAsync(200, "OK", "[{\"externalId\":\"K-" + skip + "\"}]");
            }))
            {
                var pager = new PlanPager(new PlanReader(server.Client().Connection), "p", clock: clock);
                var e = await Assert.ThrowsAsync<AchieveItException>(async () => { while (!pager.Done) await pager.NextAsync(default); });
                Assert.Equal(ErrorIds.PlanUnavailable, e.ErrorId);
                Assert.Contains("stalled", e.Message);
                Assert.InRange(pager.Items, 60, 62); // five minutes of one item per five seconds
            }
        }
    }
}

namespace AchieveIt.Tests.Plans
{
    /// <summary>A status server that answers "Retry-After: 0" to every poll gets at most one poll a second.</summary>
    public class RetryAfterFloodTests
    {
        [Fact]
        public async Task Retry_After_zero_from_a_real_server_gets_at_most_a_poll_a_second()
        {
            // Real time on purpose: the floor is a wait between real requests. Three seconds allow four polls at most
            // (at 1, 2 and 3 s, and the first); without the floor a loopback server got over 200 a second.
            using (var server = new RawHttpServer(async x =>
            {
                await x.ReadHeadAsync();
                await x.WriteAsync("HTTP/1.1 202 Accepted\r\nRetry-After: 0\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
            }))
            {
                var client = new AchieveItClient(Submissions.SubmissionFixture.Settings(server.Uri));
                var job = new Job("5038014d-e4b1-4b5b-868f-21612c2cf252", "a.csv", 1, "Custom", server.Uri, null, DateTimeOffset.UtcNow);
                using (var poller = new JobPoller(new[] { job }, (j, token) => client.GetStatusAsync(j, token), SystemClock.Instance, TimeSpan.FromSeconds(3)))
                {
                    while (!poller.IsDone && !poller.TimedOut) await poller.NextRoundAsync(default);
                }

                Assert.InRange(server.Exchanges.Count, 1, 4);
            }
        }
    }
}
