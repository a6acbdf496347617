using System;
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
            UseKestrel(0);
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
