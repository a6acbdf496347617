using System;
using System.Collections;
using System.Security;
using AchieveIt.Http;

namespace AchieveIt.Tests.Http
{
    public class ApiKeyTests
    {
        private const string Secret = "k3y-ABCdef_0123.xyz";

        [Theory]
        [InlineData("\r\n")]
        [InlineData("\n")]
        [InlineData(" \t")]
        [InlineData("\u00A0")]
        public void Surrounding_white_space_is_trimmed(string around)
        {
            var key = ApiKey.FromText(around + Secret + around, "-ApiKey");
            Assert.Equal("API-KEY " + Secret, key.HeaderValue());
        }

        [Theory]
        [InlineData("abc\r\nX-Evil: 1", "a line break")]
        [InlineData("abc\nX-Evil: 1", "a line break")]
        [InlineData("abc\rdef", "a line break")]
        [InlineData("abc\u0000def", "a control character")]
        [InlineData("abc\u001bdef", "a control character")]
        [InlineData("abc\u007fdef", "a control character")]
        [InlineData("abc def", "white space inside it")]
        [InlineData("abc\tdef", "a control character")]
        [InlineData("abcédef", "not ASCII")]
        [InlineData("abc\u2028def", "white space inside it")]
        [InlineData("ключ", "not ASCII")]
        public void A_key_that_could_break_the_header_is_ApiKeyInvalid_and_never_shown(string text, string problem)
        {
            foreach (var source in new[] { "-ApiKey", "Connect-AchieveIt", "the environment variable ACHIEVEIT_API_KEY" })
            {
                var e = Assert.Throws<AchieveItException>(() => ApiKey.FromText(text, source));
                Assert.Equal(ErrorIds.ApiKeyInvalid, e.ErrorId);
                Assert.Contains(source, e.Message);
                Assert.Contains(problem, e.Message);
                Assert.DoesNotContain("abc", e.Message);
                Assert.DoesNotContain("def", e.Message);
                Assert.DoesNotContain("X-Evil", e.Message);
            }
        }

        [Fact]
        public void A_blank_key_is_ApiKeyInvalid()
        {
            Assert.Equal(ErrorIds.ApiKeyInvalid, Assert.Throws<AchieveItException>(() => ApiKey.FromText(" \r\n ", "-ApiKey")).ErrorId);
        }

        [Fact]
        public void The_resolver_names_where_the_key_came_from()
        {
            var bad = Secure("abc\r\ndef");
            var fromParameter = Assert.Throws<AchieveItException>(() => SettingsResolver.ResolveKey(new SettingsSource { ApiKey = bad }, null, null));
            Assert.Contains("-ApiKey", fromParameter.Message);
            var fromSession = Assert.Throws<AchieveItException>(() => SettingsResolver.ResolveKey(null, new SettingsSource { ApiKey = bad }, null));
            Assert.Contains("Connect-AchieveIt", fromSession.Message);
            var variables = new Hashtable { [SettingsResolver.KeyVariable] = "abc\u00e9" };
            var fromVariable = Assert.Throws<AchieveItException>(() => SettingsResolver.ResolveKey(null, null, variables));
            Assert.Contains(SettingsResolver.KeyVariable, fromVariable.Message);
            Assert.Equal(ErrorIds.ApiKeyInvalid, fromVariable.ErrorId);
        }

        private static SecureString Secure(string text)
        {
            var secure = new SecureString();
            foreach (var c in text) secure.AppendChar(c);
            return secure;
        }
    }
}
