using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AchieveIt.Sandbox.Tests
{
    /// <summary>A sandbox hosted in memory with its own settings, and a client that sends the key.</summary>
    public sealed class SandboxHost : WebApplicationFactory<Program>
    {
        public const string Key = "test-key-1";
        public const string SecondKey = "test-key-2";
        private readonly Dictionary<string, string> settings;

        public SandboxHost(int processingDelayMs = 0, string database = ":memory:", string items = null, int maxUploadMb = 50, int maxConcurrentUploads = 4)
        {
            settings = new Dictionary<string, string>
            {
                ["Sandbox:ApiKeys:0"] = Key,
                ["Sandbox:ApiKeys:1"] = SecondKey,
                ["Sandbox:Database"] = database,
                ["Sandbox:ProcessingDelayMs"] = processingDelayMs.ToString(),
                ["Sandbox:MaxUploadMb"] = maxUploadMb.ToString(),
                ["Sandbox:MaxConcurrentUploads"] = maxConcurrentUploads.ToString(),
            };
            if (items != null) settings["Sandbox:ItemsFile"] = items;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var pair in settings) builder.UseSetting(pair.Key, pair.Value);
        }

        public HttpClient Client(string key = Key)
        {
            var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            if (key != null) client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "API-KEY " + key);
            return client;
        }

        public static ByteArrayContent Csv(string text) => Csv(Encoding.UTF8.GetBytes(text));

        public static ByteArrayContent Csv(byte[] bytes)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            return content;
        }

        public async Task<string> SubmitAsync(string text, string fileName = "updates.csv")
        {
            var response = await Client().PostAsync("/api/progressupdates/" + fileName, Csv(text));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return body.GetProperty("jobId").GetString();
        }

        /// <summary>Polls the status endpoint until the job is no longer 202 (bounded: 10 s).</summary>
        public async Task<HttpResponseMessage> WaitAsync(string jobId)
        {
            var client = Client();
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (true)
            {
                var response = await client.GetAsync("/api/jobs/" + jobId);
                if (response.StatusCode != HttpStatusCode.Accepted || DateTime.UtcNow > deadline) return response;
                await Task.Delay(20); // polls: the API's status endpoint is the only way to learn a job's state
            }
        }

        public async Task<JsonElement> GetJsonAsync(string path)
        {
            var response = await Client().GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }

        public async Task AddFaultAsync(object fault)
        {
            var response = await Client().PostAsJsonAsync("/sandbox/faults", fault);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
