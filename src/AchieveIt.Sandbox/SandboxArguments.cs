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
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                switch (args[i].ToLowerInvariant())
                {
                    case "--api-key": settings[$"{SandboxOptions.Section}:ApiKeys:{keys++}"] = Next(); break;
                    case "--database": settings[$"{SandboxOptions.Section}:Database"] = Next(); break;
                    case "--processing-delay": settings[$"{SandboxOptions.Section}:ProcessingDelayMs"] = Next(); break;
                    case "--items": settings[$"{SandboxOptions.Section}:ItemsFile"] = Next(); break;
                    case "--max-upload-mb": settings[$"{SandboxOptions.Section}:MaxUploadMb"] = Next(); break;
                    case "--plan-take-cap": settings[$"{SandboxOptions.Section}:PlanTakeCap"] = Next(); break;
                    case "--plan-shape": settings[$"{SandboxOptions.Section}:PlanShape"] = Next(); break;
                    case "--plan-spelling": settings[$"{SandboxOptions.Section}:PlanSpelling"] = Next(); break;
                    case "--plan-ignore-skip": settings[$"{SandboxOptions.Section}:PlanIgnoresSkip"] = "true"; break;
                    case "--no-plan-access": settings[$"{SandboxOptions.Section}:NoPlanAccessKeys:{denied++}"] = Next(); break;
                    default: host.Add(args[i]); break;
                }
            }

            return (settings, host.ToArray());
        }
    }
}
