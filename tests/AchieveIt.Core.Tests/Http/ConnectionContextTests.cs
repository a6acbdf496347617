using System;
using System.Collections;
using AchieveIt.Http;

namespace AchieveIt.Tests.Http
{
    /// <summary>Get-AchieveItConnection's answer: where the commands connect and where the key comes from, never the key.</summary>
    public class ConnectionContextTests
    {
        [Fact]
        public void Nothing_configured_is_the_commercial_default_without_a_key()
        {
            var context = ConnectionContext.Describe(null, new Hashtable());
            Assert.Equal("Commercial", context.Environment);
            Assert.Equal("Default", context.EnvironmentSource);
            Assert.Equal(ConnectionContext.None, context.KeySource);
            Assert.False(context.HasKey);
        }

        [Fact]
        public void Connect_wins_over_the_environment_variables_and_its_proxy_is_shown()
        {
            var variables = new Hashtable { [SettingsResolver.KeyVariable] = "env-key-1234567890", [SettingsResolver.BaseUriVariable] = "https://other.example.test" };
            var session = new SettingsSource { ApiKey = ApiKey.FromText("session-key-1234567890").ToSecureString(), BaseUri = new Uri("http://127.0.0.1:5179"), Proxy = new Uri("http://127.0.0.1:3128") };
            var context = ConnectionContext.Describe(session, variables);
            Assert.Equal("Connect-AchieveIt", context.KeySource);
            Assert.Equal("Connect-AchieveIt", context.EnvironmentSource);
            Assert.Equal(new Uri("http://127.0.0.1:5179"), context.BaseUri);
            Assert.Equal(new Uri("http://127.0.0.1:3128"), context.Proxy);
            foreach (var property in typeof(ConnectionContext).GetProperties())
            {
                var value = Convert.ToString(property.GetValue(context)) ?? string.Empty;
                Assert.DoesNotContain("1234567890", value);
                Assert.DoesNotContain("7890", value);
            }
        }

        [Fact]
        public void An_unusable_address_is_the_problem_not_an_exception()
        {
            var context = ConnectionContext.Describe(null, new Hashtable { [SettingsResolver.BaseUriVariable] = "http://api.example.test" });
            Assert.Null(context.BaseUri);
            Assert.Equal("Environment variable " + SettingsResolver.BaseUriVariable, context.EnvironmentSource);
            Assert.False(string.IsNullOrEmpty(context.Problem));
        }
    }
}
