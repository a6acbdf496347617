using System;
using AchieveIt.Http;

namespace AchieveIt.Tests.Http
{
    public class RedirectPolicyTests
    {
        private static readonly Uri Upload = new Uri("https://api.example.test/api/progressupdates/a.csv");
        private static readonly Uri Origin = new Uri("https://api.example.test/");

        [Theory]
        [InlineData(307)]
        [InlineData(308)]
        public void An_upload_follows_307_and_308(int status)
        {
            Assert.Equal(new Uri("https://api.example.test/v2/a.csv"), RedirectPolicy.Next(Upload, status, new Uri("/v2/a.csv", UriKind.Relative), true, 0, Origin));
        }

        [Theory]
        [InlineData(301)]
        [InlineData(302)]
        [InlineData(303)]
        public void An_upload_refuses_301_302_303_and_names_the_location(int status)
        {
            var e = Assert.Throws<AchieveItException>(() => RedirectPolicy.Next(Upload, status, new Uri("https://api.example.test/moved"), true, 0, Origin));
            Assert.Equal(ErrorIds.RedirectRefused, e.ErrorId);
            Assert.Contains("https://api.example.test/moved", e.Message);
        }

        [Theory]
        [InlineData(301)]
        [InlineData(302)]
        [InlineData(303)]
        [InlineData(307)]
        [InlineData(308)]
        public void A_status_request_follows_every_redirect_within_the_origin(int status)
        {
            Assert.Equal(new Uri("https://api.example.test/jobs/1"), RedirectPolicy.Next(Upload, status, new Uri("/jobs/1", UriKind.Relative), false, 0, Origin));
        }

        [Theory]
        [InlineData("https://other.example.test/api/progressupdates/a.csv", 307, true)]
        [InlineData("https://other.example.test/api/progressupdates/a.csv", 308, true)]
        [InlineData("https://api.example.test:8443/api/progressupdates/a.csv", 307, true)]
        [InlineData("https://API.example.test.evil.test/x", 307, true)]
        [InlineData("https://other.example.test/jobs/1", 302, false)]
        [InlineData("https://api.example.test:444/jobs/1", 301, false)]
        public void Another_origin_is_refused_and_named(string target, int status, bool isUpload)
        {
            var e = Assert.Throws<AchieveItException>(() => RedirectPolicy.Next(Upload, status, new Uri(target), isUpload, 0, Origin));
            Assert.Equal(ErrorIds.RedirectRefused, e.ErrorId);
            Assert.Contains(new Uri(target).GetLeftPart(UriPartial.Path), e.Message);
            Assert.Contains("another origin", e.Message);
        }

        [Fact]
        public void Https_to_http_is_refused()
        {
            var e = Assert.Throws<AchieveItException>(() => RedirectPolicy.Next(Upload, 307, new Uri("http://127.0.0.1/x"), true, 0, Origin));
            Assert.Equal(ErrorIds.RedirectRefused, e.ErrorId);
        }

        [Fact]
        public void At_most_five_hops()
        {
            Assert.NotNull(RedirectPolicy.Next(Upload, 307, new Uri("/a", UriKind.Relative), true, 4, Origin));
            Assert.Equal(ErrorIds.TooManyRedirects, Assert.Throws<AchieveItException>(() => RedirectPolicy.Next(Upload, 307, new Uri("/a", UriKind.Relative), true, 5, Origin)).ErrorId);
        }

        [Fact]
        public void A_redirect_without_location_is_an_error()
        {
            Assert.Equal(ErrorIds.RedirectRefused, Assert.Throws<AchieveItException>(() => RedirectPolicy.Next(Upload, 302, null, false, 0, Origin)).ErrorId);
        }

        [Fact]
        public void Plain_http_to_another_machine_is_refused_even_from_http_loopback()
        {
            var e = Assert.Throws<AchieveItException>(() => RedirectPolicy.Next(new Uri("http://127.0.0.1:5000/x"), 302, new Uri("http://files.example.test/x"), false, 0, new Uri("http://127.0.0.1:5000/")));
            Assert.Equal(ErrorIds.RedirectRefused, e.ErrorId);
        }
    }
}
