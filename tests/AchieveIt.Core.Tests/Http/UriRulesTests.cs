using System;
using AchieveIt.Http;

namespace AchieveIt.Tests.Http
{
    public class UriRulesTests
    {
        [Theory]
        [InlineData("https://api.achieveit.com")]
        [InlineData("http://127.0.0.1:5000")]
        [InlineData("http://127.0.0.2:5000")]
        [InlineData("http://localhost:5000")]
        [InlineData("http://[::1]:5000")]
        public void Https_and_loopback_http_are_allowed(string uri) => Assert.Null(UriRules.Refusal(new Uri(uri)));

        [Theory]
        [InlineData("http://api.achieveit.com")]
        [InlineData("http://10.0.0.5")]
        [InlineData("ftp://api.achieveit.com")]
        public void Plain_http_elsewhere_is_refused(string uri) => Assert.NotNull(UriRules.Refusal(new Uri(uri)));

        [Theory]
        [InlineData("https://a.test/x", "https://A.test:443/y", true)]
        [InlineData("https://a.test/x", "https://a.test:8443/y", false)]
        [InlineData("https://a.test/x", "http://a.test/y", false)]
        [InlineData("https://a.test/x", "https://b.test/x", false)]
        public void Same_origin_means_scheme_host_and_port(string a, string b, bool same) =>
            Assert.Equal(same, UriRules.SameOrigin(new Uri(a), new Uri(b)));
    }
}
