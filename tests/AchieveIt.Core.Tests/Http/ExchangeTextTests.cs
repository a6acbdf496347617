using System;
using System.Net;
using System.Net.Http;
using AchieveIt.Http;

namespace AchieveIt.Tests.Http
{
    /// <summary>The -Debug trace of one exchange: everything a person debugging needs, no credential of any kind.</summary>
    public class ExchangeTextTests
    {
        private const string Key = "f3a9c2d1e4b5a6978812a0b1c2d3e4f5";

        [Fact]
        public void Tells_the_method_address_status_time_and_headers_with_every_credential_hidden()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "https://api.example.test/api/progressupdates/x.csv") { Content = new StringContent("a,b") };
            request.Headers.TryAddWithoutValidation("Authorization", "API-KEY " + Key);
            request.Headers.TryAddWithoutValidation("Proxy-Authorization", "Basic cHU6UHJveHlQYXNzMTIz");
            request.Headers.TryAddWithoutValidation("Cookie", "session=abc");
            var response = new HttpResponseMessage(HttpStatusCode.OK) { ReasonPhrase = new string('x', 60000) };
            response.Headers.TryAddWithoutValidation("X-Echo", "API-KEY " + Key);
            var text = ExchangeText.Describe(request, response, TimeSpan.FromMilliseconds(41), ApiKey.FromText(Key));
            Assert.StartsWith("POST https://api.example.test/api/progressupdates/x.csv -> 200 ", text);
            Assert.Contains("in 41 ms", text);
            Assert.Contains("Authorization: API-KEY ****e4f5", text);
            Assert.Contains("Proxy-Authorization: (hidden)", text);
            Assert.Contains("Cookie: (hidden)", text);
            Assert.Contains("Content-Type: text/plain", text);
            Assert.DoesNotContain(Key, text);
            Assert.DoesNotContain("cHU6UHJveHlQYXNzMTIz", text);
            Assert.True(text.Length < 2000, "a 60 KB reason phrase is shortened");
        }
    }
}
