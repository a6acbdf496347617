using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using AchieveIt.Http;
using AchieveIt.Plans;
using AchieveIt.Tests.Submissions;

namespace AchieveIt.Tests.Plans
{
    /// <summary>The plan export read page by page from any of the answer shapes a server may send, and the ways paging breaks.</summary>
    public class PlanReaderTests
    {
        [Theory]
        [InlineData("[{\"externalId\":\"KPI-1\",\"name\":\"A\"}]")]
        [InlineData("{\"items\":[{\"externalID\":\"KPI-1\",\"name\":\"A\"}],\"total\":1}")]
        [InlineData("{\"Data\":[{\"external_id\":\"KPI-1\",\"Name\":\"A\"}]}")]
        [InlineData("{\"planItems\":[{\"External ID\":\"KPI-1\",\"NAME\":\"A\"}],\"totalCount\":1}")]
        [InlineData("{\"meta\":{\"page\":1},\"results\":[{\"externalId\":\"KPI-1\",\"name\":\"A\"}]}")]
        public void Every_shape_and_spelling_is_read(string json)
        {
            var page = PlanPage.Parse(json, "p");
            var item = Assert.Single(page.Items);
            Assert.Equal("KPI-1", item.ExternalId);
            Assert.Equal("A", item.Name);
            Assert.Equal("p", item.PlanId);
        }

        [Fact]
        public void Every_field_is_kept_and_the_typed_ones_are_read_in_the_invariant_culture()
        {
            var item = PlanPage.Parse("[{\"externalId\":\"K\",\"currentValue\":1234.5,\"due\":\"2026-12-31\",\"hasMetric\":true,\"owner\":{\"name\":\"Ann\"},\"tags\":[\"a\",\"b\"],\"note\":null}]", "p").Items[0];
            Assert.Equal(1234.5m, item.CurrentValue);
            Assert.Equal(new DateTime(2026, 12, 31), item.Due);
            Assert.True(item.HasMetric);
            var fields = item.GetFields();
            Assert.Equal(new[] { "externalId", "currentValue", "due", "hasMetric", "owner", "tags", "note" }, fields.Keys.ToArray());
            Assert.Equal("Ann", ((IDictionary<string, object>)fields["owner"])["name"]);
            Assert.Equal(new object[] { "a", "b" }, (object[])fields["tags"]);
            Assert.Null(fields["note"]);
            Assert.Equal(string.Empty, PlanPage.Parse("[{\"name\":\"no id\"}]", "p").Items[0].ExternalId);
        }

        [Theory]
        [InlineData("<html>gateway</html>", "is not JSON")]
        [InlineData("{\"message\":\"ok\"}", "holds no array of items")]
        [InlineData("[1,2]", "is not an object")]
        public void An_answer_that_is_not_a_page_is_PlanAnswerInvalid_showing_its_start(string text, string wording)
        {
            var e = Assert.Throws<AchieveItException>(() => PlanPage.Parse(text, "p"));
            Assert.Equal(ErrorIds.PlanAnswerInvalid, e.ErrorId);
            Assert.Contains(wording, e.Message);
            Assert.Contains(text.Substring(0, 5), e.Message);
        }

        [Fact]
        public async Task Short_pages_are_not_the_end_an_empty_page_is()
        {
            // The server caps take at 2 and gives no total: five items come in three pages, then an empty one.
            var handler = Plan(5, cap: 2, total: false);
            var pager = new PlanPager(Reader(handler), "p");
            var all = await ReadAll(pager);
            Assert.Equal(new[] { "K1", "K2", "K3", "K4", "K5" }, all);
            Assert.Equal(4, handler.Requests);
        }

        [Fact]
        public async Task A_total_ends_the_read_without_an_empty_page()
        {
            var handler = Plan(5, cap: 2, total: true);
            Assert.Equal(5, (await ReadAll(new PlanPager(Reader(handler), "p"))).Count);
            Assert.Equal(3, handler.Requests);
        }

        [Fact]
        public async Task First_and_Skip_map_onto_take_and_skip()
        {
            var asked = new List<string>();
            var handler = Plan(100, cap: 1500, total: true, asked);
            var items = await ReadAll(new PlanPager(Reader(handler), "p", skip: 3, first: 4, sortKey: "name", descending: true));
            Assert.Equal(new[] { "K4", "K5", "K6", "K7" }, items);
            Assert.Equal("?skip=3&take=4&sortKey=name&sortDirection=desc", Assert.Single(asked));
        }

        [Fact]
        public async Task A_skip_past_the_end_of_any_plan_asks_nothing()
        {
            var handler = Plan(5, cap: 2, total: false);
            var pager = new PlanPager(Reader(handler), "p", skip: long.MaxValue);
            Assert.True(pager.Done);
            Assert.Empty(await pager.NextAsync(default));
            Assert.Equal(0, handler.Requests);
        }

        [Fact]
        public async Task A_server_that_ignores_skip_is_PlanPagingBroken_not_an_endless_loop()
        {
            var handler = Plan(5, cap: 2, total: false, ignoreSkip: true);
            var pager = new PlanPager(Reader(handler), "p");
            var e = await Assert.ThrowsAsync<AchieveItException>(() => ReadAll(pager));
            Assert.Equal(ErrorIds.PlanPagingBroken, e.ErrorId);
            Assert.Contains("is the same as the page before it", e.Message);
            Assert.Equal(2, handler.Requests);
        }

        [Theory]
        [InlineData(403, ErrorIds.PlanForbidden, "needs view access")]
        [InlineData(404, ErrorIds.PlanNotFound, "The plan ID may be wrong")]
        [InlineData(401, ErrorIds.ApiKeyRefused, "refused the API key")]
        [InlineData(400, ErrorIds.PlanRequestRefused, "400 at")]
        public async Task Refusals_have_their_own_IDs(int status, string errorId, string wording)
        {
            var e = await Assert.ThrowsAsync<AchieveItException>(() => new PlanPager(Reader(FuncHandler.Answering((HttpStatusCode)status, "{}")), "p").NextAsync(default));
            Assert.Equal(errorId, e.ErrorId);
            Assert.Contains(wording, e.Message);
            Assert.DoesNotContain(SubmissionFixture.Key, e.Message);
        }

        [Fact]
        public async Task A_404_names_the_path_setting_only_for_an_address_with_a_path()
        {
            var plain = await Assert.ThrowsAsync<AchieveItException>(() => new PlanPager(Reader(FuncHandler.Answering(HttpStatusCode.NotFound, "{}")), "p").NextAsync(default));
            Assert.StartsWith("AchieveIt knows no plan 'p' (404", plain.Message);
            Assert.DoesNotContain(PlanReader.PathVariable, plain.Message);
            var connection = new ApiConnection(new ConnectionSettings(AchieveItEnvironment.Custom(new Uri("https://proxy.example.test/achieveit/")), ApiKey.FromText(SubmissionFixture.Key)), handler: FuncHandler.Answering(HttpStatusCode.NotFound, "{}"));
            var withPath = await Assert.ThrowsAsync<AchieveItException>(() => new PlanPager(new PlanReader(connection), "p").NextAsync(default));
            Assert.Contains(PlanReader.PathVariable, withPath.Message);
        }

        [Fact]
        public async Task A_503_is_retried_after_its_Retry_After()
        {
            var calls = 0;
            var handler = new FuncHandler((request, token) =>
            {
                var response = ++calls == 1
                    ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Headers = { { "Retry-After", "4" } } }
                    : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("[]") };
                return Task.FromResult(response);
            });
            var clock = new FakeClock();
            var reader = new PlanReader(new ApiConnection(SubmissionFixture.Settings(), null, clock, null, handler));
            Assert.Empty(await new PlanPager(reader, "p").NextAsync(default));
            Assert.Equal(new[] { TimeSpan.FromSeconds(4) }, clock.Delays);
        }

        [Fact]
        public void The_path_is_a_setting_that_must_name_the_plan()
        {
            var reader = new PlanReader(new ApiConnection(SubmissionFixture.Settings()), PlanReader.PathFrom(new System.Collections.Hashtable { [PlanReader.PathVariable] = "exports/plans/{planId}" }));
            Assert.Equal("https://api.example.test/exports/plans/a%20b?skip=0&take=10", reader.PageUri("a b", 0, 10, null, false).AbsoluteUri);
            Assert.Equal(ErrorIds.InvalidSetting, Assert.Throws<AchieveItException>(() => PlanReader.PathFrom(new System.Collections.Hashtable { [PlanReader.PathVariable] = "plans" })).ErrorId);
            Assert.Null(PlanReader.PathFrom(null));
        }

        private static PlanReader Reader(FuncHandler handler) => new PlanReader(new ApiConnection(SubmissionFixture.Settings(), null, new FakeClock(), null, handler));

        private static async Task<List<string>> ReadAll(PlanPager pager)
        {
            var ids = new List<string>();
            while (!pager.Done) ids.AddRange((await pager.NextAsync(default)).Select(i => i.ExternalId));
            return ids;
        }

        // A plan of K1..Kn served with skip and take (capped), with or without a total.
        private static FuncHandler Plan(int count, int cap, bool total, List<string> asked = null, bool ignoreSkip = false) =>
            new FuncHandler((request, token) =>
            {
                asked?.Add(request.RequestUri.Query);
                var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query);
                var skip = ignoreSkip ? 0 : int.Parse(query["skip"]);
                var take = Math.Min(int.Parse(query["take"]), cap);
                var items = Enumerable.Range(1, count).Skip(skip).Take(take).Select(i => $"{{\"externalId\":\"K{i}\"}}");
                var body = "[" + string.Join(",", items) + "]";
                if (total) body = $"{{\"items\":{body},\"total\":{count}}}";
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
            });
    }
}
