using System;
using System.Collections;
using System.Security;
using AchieveIt.Http;

namespace AchieveIt.Tests.Http
{
    public class SettingsResolverTests
    {
        private static SecureString Secure(string text)
        {
            var s = new SecureString();
            foreach (var c in text) s.AppendChar(c);
            return s;
        }

        [Fact]
        public void A_parameter_wins_over_the_session_which_wins_over_the_environment()
        {
            var variables = new Hashtable { [SettingsResolver.KeyVariable] = "env-key-0000", [SettingsResolver.BaseUriVariable] = "http://127.0.0.1:1" };
            var session = new SettingsSource { ApiKey = Secure("session-key-1111"), BaseUri = new Uri("http://127.0.0.1:2") };
            var parameters = new SettingsSource { ApiKey = Secure("param-key-2222"), Environment = "Government" };
            Assert.Equal("API-KEY ****2222", SettingsResolver.ResolveKey(parameters, session, variables).Hint);
            Assert.Equal("Government", SettingsResolver.ResolveEnvironment(parameters, session, variables).Name);
            Assert.Equal("API-KEY ****1111", SettingsResolver.ResolveKey(null, session, variables).Hint);
            Assert.Equal(2, SettingsResolver.ResolveEnvironment(null, session, variables).BaseUri.Port);
            Assert.Equal("API-KEY ****0000", SettingsResolver.ResolveKey(null, null, variables).Hint);
            Assert.Equal(1, SettingsResolver.ResolveEnvironment(null, null, variables).BaseUri.Port);
        }

        [Fact]
        public void The_default_is_commercial()
        {
            Assert.Same(AchieveItEnvironment.Commercial, SettingsResolver.ResolveEnvironment(null, null, new Hashtable()));
            Assert.Same(AchieveItEnvironment.Government, SettingsResolver.ResolveEnvironment(null, null, new Hashtable { [SettingsResolver.EnvironmentVariable] = "government" }));
        }

        [Fact]
        public void The_status_path_can_be_changed_by_the_environment()
        {
            var environment = SettingsResolver.ResolveEnvironment(null, null, new Hashtable { [SettingsResolver.StatusPathVariable] = "/api/v2/status/{jobId}" });
            Assert.Equal("https://api.achieveit.com/api/v2/status/j-1", environment.StatusUri("j-1").AbsoluteUri);
            Assert.Throws<AchieveItException>(() => SettingsResolver.ResolveEnvironment(null, null, new Hashtable { [SettingsResolver.StatusPathVariable] = "api/status" }));
        }

        [Fact]
        public void No_key_anywhere_names_the_three_ways()
        {
            var e = Assert.Throws<AchieveItException>(() => SettingsResolver.ResolveKey(null, null, new Hashtable()));
            Assert.Equal(ErrorIds.ApiKeyMissing, e.ErrorId);
            Assert.Contains("-ApiKey", e.Message);
            Assert.Contains("Connect-AchieveIt", e.Message);
            Assert.Contains("ACHIEVEIT_API_KEY", e.Message);
        }

        [Fact]
        public void Plain_http_to_another_machine_is_refused_as_a_base_uri()
        {
            var e = Assert.Throws<AchieveItException>(() => SettingsResolver.ResolveEnvironment(new SettingsSource { BaseUri = new Uri("http://api.example.test") }, null, null));
            Assert.Equal(ErrorIds.InsecureUri, e.ErrorId);
        }

        [Theory]
        [InlineData(SettingsResolver.EnvironmentVariable, "Staging", "is not an environment. Use Commercial or Government")]
        [InlineData(SettingsResolver.StatusPathVariable, "api/jobs", "must contain {jobId}")]
        public void A_setting_that_names_nothing_is_InvalidSetting_not_an_insecure_address(string variable, string value, string wording)
        {
            var variables = new Hashtable { [variable] = value };
            var e = Assert.Throws<AchieveItException>(() => SettingsResolver.ResolveEnvironment(null, null, variables));
            Assert.Equal(ErrorIds.InvalidSetting, e.ErrorId);
            Assert.Contains(wording, e.Message);
        }

        [Fact]
        public void The_key_shows_only_a_hint()
        {
            var key = new ApiKey(Secure("abcdefgh-secret-9876"));
            Assert.Equal("API-KEY ****9876", key.ToString());
            Assert.DoesNotContain("secret", key.Hint);
            Assert.Equal("API-KEY ****", new ApiKey(Secure("short")).Hint);
        }

        [Fact]
        public void Environments_build_the_two_addresses()
        {
            var environment = AchieveItEnvironment.Custom(new Uri("http://127.0.0.1:5000/base"));
            Assert.Equal("http://127.0.0.1:5000/base/api/progressupdates/my%20file.csv", environment.SubmitUri("my file.csv").AbsoluteUri);
            Assert.Equal("http://127.0.0.1:5000/base/api/jobs/j-1", environment.StatusUri("j-1").AbsoluteUri);
        }
    }
}
