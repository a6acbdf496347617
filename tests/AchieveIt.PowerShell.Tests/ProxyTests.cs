using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Text;
using AchieveIt.Tests.Http;

namespace AchieveIt.PowerShell.Tests
{
    /// <summary>Connect-AchieveIt -Proxy -ProxyCredential: kept for the runspace, and the credential answers the proxy's challenge.</summary>
    public class ProxyTests
    {
        [Fact]
        public void Connect_keeps_the_proxy_and_its_credential_and_a_command_answers_the_proxys_challenge_with_it()
        {
            var seen = new ConcurrentQueue<string>();
            // A proxy that asks for Basic credentials, as a corporate proxy does; given them, it refuses the tunnel (no TLS
            // here): what counts is what the module sent it.
            using var proxy = new RawHttpServer(async x =>
            {
                await x.ReadHeadAsync();
                seen.Enqueue(x.Head);
                await x.WriteAsync(x.Head.Contains("Proxy-Authorization: Basic ", StringComparison.OrdinalIgnoreCase)
                    ? "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    : "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            });
            using var shell = new ModuleRunspace();
            var result = shell.Run(
                "$credential = [pscredential]::new('proxyuser', (ConvertTo-SecureString 'Proxy-Pass-1' -AsPlainText -Force))\n" +
                "$context = Connect-AchieveIt -ApiKey (ConvertTo-SecureString 'raw-key' -AsPlainText -Force) -BaseUri 'https://achieveit.proxy.test/' -Proxy $proxy -ProxyCredential $credential -PassThru\n" +
                "$context.ProxyHasCredential\n" +
                "Get-AchieveItPlanItem -PlanId p -Timeout 2",
                new System.Collections.Generic.Dictionary<string, object> { ["proxy"] = proxy.Uri.ToString() });

            Assert.Null(result.Terminating);
            Assert.Equal(true, Assert.Single(result.Output).BaseObject);
            Assert.NotEmpty(result.Errors); // the tunnel was refused, as the proxy above does
            Assert.All(seen, head => Assert.StartsWith("CONNECT achieveit.proxy.test:443 ", head)); // every request went to the proxy
            var expected = "Proxy-Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("proxyuser:Proxy-Pass-1"));
            Assert.Contains(seen, head => head.Contains(expected, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(seen, head => head.Contains("raw-key")); // the key never goes to the proxy
        }
    }
}
