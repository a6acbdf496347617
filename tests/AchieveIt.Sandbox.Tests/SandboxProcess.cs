using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;

namespace AchieveIt.Sandbox.Tests
{
    /// <summary>The sandbox as a real process on a loopback port (port 0: the OS picks), for crash tests.</summary>
    public sealed class SandboxProcess : IDisposable
    {
        private readonly Process process;

        private SandboxProcess(Process process, Uri baseUri)
        {
            this.process = process;
            BaseUri = baseUri;
        }

        public Uri BaseUri { get; }

        public static async Task<SandboxProcess> StartAsync(string key, string database, int processingDelayMs, params string[] extraArguments)
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "AchieveIt.Sandbox.dll");
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { dll, "--urls", "http://127.0.0.1:0", "--api-key", key, "--database", database, "--processing-delay", processingDelayMs.ToString() })
            {
                info.ArgumentList.Add(arg);
            }

            foreach (var arg in extraArguments) info.ArgumentList.Add(arg);

            var process = Process.Start(info);
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            var read = Task.Run(async () =>
            {
                string line;
                while ((line = await process.StandardOutput.ReadLineAsync()) != null)
                {
                    if (line.StartsWith("Listening on ", StringComparison.Ordinal)) return new Uri(line.Substring("Listening on ".Length));
                }

                return null;
            });
            if (await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(30))) != read || read.Result == null) // a bound on the wait for its line, not a wait
            {
                process.Kill(true);
                throw new InvalidOperationException("The sandbox did not start listening within 30 s.");
            }

            return new SandboxProcess(process, read.Result);
        }

        public HttpClient Client(string key)
        {
            var client = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "API-KEY " + key);
            return client;
        }

        /// <summary>The process's peak working set so far.</summary>
        public long PeakWorkingSet()
        {
            process.Refresh();
            return process.PeakWorkingSet64;
        }

        /// <summary>SIGKILL: no shutdown code runs, as in a crash.</summary>
        public void Kill()
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10000);
        }

        public void Dispose()
        {
            if (!process.HasExited) Kill();
            process.Dispose();
        }
    }
}
