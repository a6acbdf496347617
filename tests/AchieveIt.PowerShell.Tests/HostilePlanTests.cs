using System.Collections;
using System.Linq;
using AchieveIt.Tests.Http;

namespace AchieveIt.PowerShell.Tests
{
    /// <summary>Plan answers from a raw loopback server, as a hostile or odd server would send them, read by the cmdlets.</summary>
    public class HostilePlanTests
    {
        [Fact]
        public void Fields_named_PSObject_psbase_or_ToString_stay_in_GetFields_and_never_end_Get_AchieveItPlanItem()
        {
            const string page = "{\"total\":3,\"items\":[" +
                "{\"externalId\":\"A-1\",\"PSObject\":\"a\",\"psbase\":\"b\",\"ToString\":\"c\",\"Owner\":\"d\"}," +
                "{\"externalId\":\"A-2\",\"psobject\":\"e\"}," +
                "{\"externalId\":\"A-3\",\"Owner\":\"f\"}]}";
            using var server = new RawHttpServer(async x =>
            {
                await x.ReadHeadAsync();
                await x.AnswerAsync(200, "OK", x.Head.Contains("skip=0&") ? page : "{\"total\":3,\"items\":[]}");
            });
            using var shell = new ModuleRunspace();
            var result = shell.Run("Get-AchieveItPlanItem -PlanId p -BaseUri $base -ApiKey (ConvertTo-SecureString 'raw-key' -AsPlainText -Force)",
                new System.Collections.Generic.Dictionary<string, object> { ["base"] = server.Uri.ToString() });

            Assert.Null(result.Terminating);
            Assert.Empty(result.Errors);
            Assert.Equal(new[] { "A-1", "A-2", "A-3" }, result.Output.Select(o => o.Properties["ExternalId"].Value.ToString()));
            var first = result.Output[0];
            Assert.Equal("d", first.Properties["Owner"].Value);
            var fields = (IDictionary)first.Methods["GetFields"].Invoke();
            Assert.Equal("a", fields["PSObject"]);
            Assert.Equal("b", fields["psbase"]);
            Assert.Equal("c", fields["ToString"]);
            Assert.NotEqual("c", first.ToString());
            Assert.Equal("e", ((IDictionary)result.Output[1].Methods["GetFields"].Invoke())["psobject"]);
        }
    }
}
