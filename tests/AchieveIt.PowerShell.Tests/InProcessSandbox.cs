using System;
using System.IO;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Security;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AchieveIt.PowerShell.Tests
{
    /// <summary>The sandbox on Kestrel, on a loopback port of this process: the cmdlets reach it over real HTTP.</summary>
    public class InProcessSandbox : WebApplicationFactory<Program>
    {
        public const string Key = "ps-tests-key";

        private readonly string items;

        public InProcessSandbox()
            : this(null)
        {
        }

        /// <param name="itemsFile">A plan (the sandbox's --items), or null for none.</param>
        protected InProcessSandbox(string itemsFile)
        {
            items = itemsFile;
            UseKestrel(); // not UseKestrel(0): its port is set after the app starts Kestrel, a race the framework loses now and then (dotnet/aspnetcore#67714); the "urls" setting asks for a free port instead
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>().Addresses.First();
            BaseUri = new Uri(address.Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1").TrimEnd('/') + "/");
        }

        public Uri BaseUri { get; }

        /// <summary>The key as the cmdlets take it.</summary>
        public static SecureString SecureKey()
        {
            var key = new SecureString();
            foreach (var c in Key) key.AppendChar(c);
            key.MakeReadOnly();
            return key;
        }

        /// <summary>What the script needs to reach this sandbox: $base and $key.</summary>
        /// <summary>A plan file for the sandbox's --items: the header of a plan export with states, then <paramref name="rows"/>.</summary>
        protected static string WriteItems(string rows)
        {
            var path = Path.Combine(Path.GetTempPath(), "achieveit-plan-" + Guid.NewGuid().ToString("N") + ".csv");
            File.WriteAllText(path, "External ID,HasMetric,Name,Status,Current Value,Last Updated\r\n" + rows);
            return path;
        }

        /// <summary>A pipeline row as a script writes it: [pscustomobject] with the five columns.</summary>
        public static string Row(string id, string status, string value, string date, string comment = "") =>
            $"[pscustomobject]@{{ ExternalId = '{id}'; Status = '{status}'; Value = '{value}'; Date = '{date}'; Comment = '{comment}' }}";

        public Dictionary<string, object> Variables() => new Dictionary<string, object> { ["base"] = BaseUri.ToString(), ["key"] = SecureKey() };

        public async Task<JsonElement> GetJsonAsync(string path)
        {
            using var client = new HttpClient { BaseAddress = BaseUri };
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "API-KEY " + Key);
            return JsonDocument.Parse(await client.GetStringAsync(path.TrimStart('/'))).RootElement.Clone();
        }

        /// <summary>The uploads that reached the sandbox.</summary>
        public int Posts() =>
            GetJsonAsync("sandbox/requests").GetAwaiter().GetResult().EnumerateArray().Count(r => r.GetProperty("method").GetString() == "POST");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Sandbox:ApiKeys:0", Key);
            builder.UseSetting("Sandbox:Database", ":memory:");
            builder.UseSetting("Sandbox:ProcessingDelayMs", "0");
            builder.UseSetting("urls", "http://127.0.0.1:0");
            if (items != null) builder.UseSetting("Sandbox:ItemsFile", items);
        }
    }
}
