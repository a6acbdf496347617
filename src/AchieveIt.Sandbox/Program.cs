using System;
using AchieveIt.Sandbox;
using AchieveIt.Sandbox.Endpoints;
using AchieveIt.Sandbox.Faults;
using AchieveIt.Sandbox.Http;
using AchieveIt.Sandbox.Plans;
using AchieveIt.Sandbox.Processing;
using AchieveIt.Sandbox.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

var (settings, hostArgs) = SandboxArguments.Parse(args);
if (settings.ContainsKey("Help"))
{
    Console.WriteLine(SandboxArguments.Usage);
    return 0;
}

var builder = WebApplication.CreateBuilder(hostArgs);
builder.Configuration.AddInMemoryCollection(settings);
builder.Logging.ClearProviders();
builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null); // the upload endpoint enforces --max-upload-mb itself

// Resolved lazily, so a test host's settings (applied when the app is built) are seen too.
builder.Services.AddSingleton(sp => SandboxOptions.From(sp.GetRequiredService<IConfiguration>()));
builder.Services.AddSingleton(sp => new SandboxStore(sp.GetRequiredService<SandboxOptions>().Database));
builder.Services.AddSingleton(sp =>
{
    var items = sp.GetRequiredService<SandboxOptions>().ItemsFile;
    if (string.IsNullOrEmpty(items)) return PlanCatalog.None;
    var catalog = PlanCatalog.Load(items);
    catalog.Apply(sp.GetRequiredService<SandboxStore>().Updates(null, int.MaxValue)); // a restart shows what the database says was applied
    return catalog;
});
builder.Services.AddSingleton<FileProcessor>();
builder.Services.AddSingleton<FaultBook>();
builder.Services.AddSingleton<RequestLog>();
builder.Services.AddSingleton<UploadGate>();
builder.Services.AddSingleton<JobProcessor>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<JobProcessor>());

var app = builder.Build();
app.UseMiddleware<ApiKeyMiddleware>();
app.UseMiddleware<FaultMiddleware>();
app.MapApi();
app.MapPlans();
app.MapSandbox();

// The JSON check runs on every JSON upload: warm it now, in the background, on a body of realistic size, so that the
// first uploads do not pay for loading and for the runtime's first, slower compilation of the reader's hot paths.
_ = System.Threading.Tasks.Task.Run(() => AchieveIt.Sandbox.Processing.FileProcessor.WarmUp());

app.Lifetime.ApplicationStarted.Register(() =>
{
    Console.WriteLine($"Database: {app.Services.GetRequiredService<SandboxOptions>().Database}");
    var catalog = app.Services.GetRequiredService<PlanCatalog>();
    foreach (var planId in catalog.PlanIds) Console.WriteLine($"Plan {planId}: {catalog.Items(planId).Count} items");
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
    foreach (var address in addresses ?? Array.Empty<string>()) Console.WriteLine($"Listening on {address}");
    Console.Out.Flush();
});

try
{
    app.Run();
    return 0;
}
catch (InvalidOperationException e) when (e.Message.StartsWith("Give at least one key", StringComparison.Ordinal))
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

/// <summary>The entry point, public so that tests can host the sandbox in memory.</summary>
public partial class Program
{
}
