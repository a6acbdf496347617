using System;
using AchieveIt.Http;

namespace AchieveIt.Tests.Http
{
    public class JobIdParserTests
    {
        private static readonly Uri Request = new Uri("https://api.example.test/api/progressupdates/a.csv");

        [Theory]
        [InlineData("5038014d-e4b1-4b5b-868f-21612c2cf252", "5038014d-e4b1-4b5b-868f-21612c2cf252")]
        [InlineData("  12345\r\n", "12345")]
        [InlineData("\"abc-123\"", "abc-123")]
        [InlineData("{\"jobId\":\"j-1\"}", "j-1")]
        [InlineData("{\"JobID\":\"j-2\",\"other\":1}", "j-2")]
        [InlineData("{\"id\":42}", "42")]
        [InlineData("{\"data\":1,\"ID\":\"x\"}", "x")]
        public void Reads_the_job_id_from_any_documented_shape(string body, string expected)
        {
            Assert.Equal(expected, JobIdParser.Parse(body, null, Request).JobId);
        }

        [Fact]
        public void Prefers_a_location_header_and_resolves_it()
        {
            var (id, status) = JobIdParser.Parse("{\"jobId\":\"j-1\"}", new Uri("/api/jobs/j-1", UriKind.Relative), Request);
            Assert.Equal("j-1", id);
            Assert.Equal(new Uri("https://api.example.test/api/jobs/j-1"), status);
        }

        [Fact]
        public void Takes_a_status_url_from_the_body()
        {
            var (id, status) = JobIdParser.Parse("{\"statusUrl\":\"https://api.example.test/status/77\"}", null, Request);
            Assert.Equal("77", id);
            Assert.Equal(new Uri("https://api.example.test/status/77"), status);
        }

        [Fact]
        public void Takes_a_bare_status_url()
        {
            Assert.Equal("88", JobIdParser.Parse("https://api.example.test/api/jobs/88", null, Request).JobId);
        }

        [Theory]
        [InlineData("")]
        [InlineData("<html><body>Queued!</body></html>")]
        [InlineData("{\"status\":\"ok\"}")]
        [InlineData("job queued with id 5")]
        public void An_answer_without_a_job_id_is_NoJobId_quoting_the_body(string body)
        {
            var e = Assert.Throws<AchieveItException>(() => JobIdParser.Parse(body, null, Request));
            Assert.Equal(ErrorIds.NoJobId, e.ErrorId);
            Assert.Contains(body, e.Message);
        }

        [Fact]
        public void Quotes_only_the_first_200_characters()
        {
            var body = "<p>" + new string('x', 500) + "</p>";
            var e = Assert.Throws<AchieveItException>(() => JobIdParser.Parse(body, null, Request));
            Assert.Contains(body.Substring(0, 200) + "...", e.Message);
            Assert.DoesNotContain(body.Substring(0, 201), e.Message);
        }
    }
}
