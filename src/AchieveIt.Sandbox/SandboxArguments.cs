using System;
using System.Collections.Generic;

namespace AchieveIt.Sandbox
{
    /// <summary>
    /// Reads the sandbox's own command-line switches (repeatable --api-key among them) into configuration keys,
    /// and leaves ASP.NET Core's (such as --urls) for the host.
    /// </summary>
    internal static class SandboxArguments
    {
        public static (Dictionary<string, string> Settings, string[] HostArgs) Parse(string[] args)
        {
            var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var host = new List<string>();
            var keys = 0;
            var denied = 0;
            var fields = 0;
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                switch (args[i].ToLowerInvariant())
                {
                    case "--help":
                    case "-h":
                    case "-?":
                        settings["Help"] = "true";
                        break;
                    case "--api-key": settings[$"{SandboxOptions.Section}:ApiKeys:{keys++}"] = Next(); break;
                    case "--database": settings[$"{SandboxOptions.Section}:Database"] = Next(); break;
                    case "--processing-delay": settings[$"{SandboxOptions.Section}:ProcessingDelayMs"] = Next(); break;
                    case "--items": settings[$"{SandboxOptions.Section}:ItemsFile"] = Next(); break;
                    case "--max-upload-mb": settings[$"{SandboxOptions.Section}:MaxUploadMb"] = Next(); break;
                    case "--max-concurrent-uploads": settings[$"{SandboxOptions.Section}:MaxConcurrentUploads"] = Next(); break;
                    case "--plan-take-cap": settings[$"{SandboxOptions.Section}:PlanTakeCap"] = Next(); break;
                    case "--plan-shape": settings[$"{SandboxOptions.Section}:PlanShape"] = Next(); break;
                    case "--plan-spelling": settings[$"{SandboxOptions.Section}:PlanSpelling"] = Next(); break;
                    case "--plan-ignore-skip": settings[$"{SandboxOptions.Section}:PlanIgnoresSkip"] = "true"; break;
                    case "--no-plan-access": settings[$"{SandboxOptions.Section}:NoPlanAccessKeys:{denied++}"] = Next(); break;
                    case "--plan-field": settings[$"{SandboxOptions.Section}:PlanFields:{fields++}"] = Next(); break;
                    case "--discard-uploads": settings[$"{SandboxOptions.Section}:DiscardUploads"] = "true"; break;
                    default: host.Add(args[i]); break;
                }
            }

            return (settings, host.ToArray());
        }

        /// <summary>What --help prints.</summary>
        public const string Usage = @"AchieveIt sandbox: a local stand-in for the AchieveIt API, for development and tests (never production).

Usage: dotnet AchieveIt.Sandbox.dll --api-key KEY [options] [--urls http://127.0.0.1:PORT]

  --api-key KEY            a key it accepts (repeat for more); required
  --database PATH          SQLite file, or :memory: (default: achieveit-sandbox.db in a private per-user folder,
                           ~/.local/share/AchieveIt/sandbox or %LOCALAPPDATA%\AchieveIt\sandbox)
  --processing-delay MS    how long each job waits before it is processed (default 1000)
  --items FILE             the plan: External ID, HasMetric[, Plan ID, Name, Status, Current Value]
  --max-upload-mb N        larger uploads get 413 and their connection is closed, unread (default 50)
  --max-concurrent-uploads N
                           bodies received at once; later uploads wait for a slot (default 4)
  --plan-take-cap N        the most items a plan export page holds (default 1500)
  --plan-shape object|array, --plan-spelling camel|snake|pascal
                           the plan export's answer (default object, camel)
  --plan-ignore-skip       a broken plan export that always serves the first page
  --no-plan-access KEY     a key whose user cannot see any plan (403)
  --plan-field NAME=VALUE  a field every plan item is served with (repeat for more)
  --discard-uploads        the benchmark's fast receiver: an upload is read, thrown away and answered
                           with a new job ID (nothing stored, no status); the client is measured, not us
  --urls URL               where to listen (ASP.NET Core's own; port 0 lets the OS choose)
  --help                   this text

What it keeps: an upload is written to a file as it arrives (80 KB of memory each, whatever its size), in a
private folder beside the database (DATABASE.uploads; a temporary one for :memory:), and deleted once its job is
processed; the one job processed at a time is read whole (at most --max-upload-mb). Jobs and applied updates stay
in the database until DELETE /sandbox/data; its write-ahead log is cut back to 64 MB after each checkpoint; the
request log keeps the last 1,000 requests in memory.";
    }
}
