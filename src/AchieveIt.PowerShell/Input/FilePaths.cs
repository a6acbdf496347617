using System;
using AchieveIt.Http;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using AchieveIt.Files;

namespace AchieveIt.PowerShell.Input
{
    /// <summary>
    /// -Path (wildcards) and -LiteralPath handled once for every cmdlet: only FileSystem paths, a clear error for
    /// a missing file or a folder, and never an exception trace.
    /// </summary>
    internal static class FilePaths
    {
        /// <summary>Existing files a -Path or -LiteralPath names; each problem is added to <paramref name="errors"/>.</summary>
        public static List<string> ResolveExisting(PSCmdlet cmdlet, string[] paths, bool literal, List<ErrorRecord> errors)
        {
            var files = new List<string>();
            foreach (var path in paths ?? Array.Empty<string>())
            {
                try
                {
                    if (literal)
                    {
                        var full = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
                        if (!IsFileSystem(provider, path, errors)) continue;
                        AddIfFile(full, path, files, errors);
                    }
                    else
                    {
                        var resolved = cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out var provider);
                        if (!IsFileSystem(provider, path, errors)) continue;
                        foreach (var full in resolved) AddIfFile(full, path, files, errors);
                    }
                }
                catch (ItemNotFoundException)
                {
                    errors.Add(NotFound(path));
                }
                catch (System.Management.Automation.DriveNotFoundException)
                {
                    errors.Add(NotFound(path));
                }
                catch (ProviderNotFoundException)
                {
                    errors.Add(NotFound(path));
                }
            }

            return files;
        }

        /// <summary>The file-system path an output file should be written to; null (after a terminating error) when it cannot be.</summary>
        public static string ResolveOutput(PSCmdlet cmdlet, string path)
        {
            var full = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
            if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(new ArgumentException($"'{path}' is not a file-system path. Give a path to a file on disk."),
                    ErrorIds.NotAFileSystemPath, ErrorCategory.InvalidArgument, path));
            }

            if (Directory.Exists(full))
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(new IOException($"'{full}' is a folder. Give the path of a file inside it, such as '{Path.Combine(full, "updates.csv")}'."),
                    ErrorIds.PathIsFolder, ErrorCategory.InvalidArgument, path));
            }

            var notRegular = File.Exists(full) ? FileKind.NotRegular(full) : null;
            if (notRegular != null)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(new IOException($"'{full}' is {notRegular}, not a file: nothing is written to it (it would be replaced by a file). Give the path of a CSV file."),
                    ErrorIds.NotARegularFile, ErrorCategory.InvalidArgument, path));
            }

            return full;
        }

        private static bool IsFileSystem(ProviderInfo provider, string path, List<ErrorRecord> errors)
        {
            if (provider.ImplementingType == typeof(Microsoft.PowerShell.Commands.FileSystemProvider)) return true;
            errors.Add(new ErrorRecord(new ArgumentException($"'{path}' is a {provider.Name} path, not a file. Give the path of a CSV file on disk."),
                ErrorIds.NotAFileSystemPath, ErrorCategory.InvalidArgument, path));
            return false;
        }

        private static void AddIfFile(string full, string path, List<string> files, List<ErrorRecord> errors)
        {
            var notRegular = File.Exists(full) ? FileKind.NotRegular(full) : null;
            if (notRegular != null)
            {
                errors.Add(new ErrorRecord(new IOException($"'{full}' is {notRegular}, not a file: it is refused without being read. Give the path of a CSV file."),
                    ErrorIds.NotARegularFile, ErrorCategory.InvalidArgument, path));
            }
            else if (File.Exists(full))
            {
                files.Add(full);
            }
            else if (Directory.Exists(full))
            {
                errors.Add(new ErrorRecord(new IOException($"'{full}' is a folder, not a CSV file. To check every CSV in it: Get-ChildItem '{full}' -Filter *.csv | Test-AchieveItCsv"),
                    ErrorIds.PathIsFolder, ErrorCategory.InvalidArgument, path));
            }
            else
            {
                errors.Add(NotFound(path));
            }
        }

        private static ErrorRecord NotFound(string path) =>
            new ErrorRecord(new FileNotFoundException($"Cannot find the file '{path}'. Check the path and that the file exists."),
                ErrorIds.PathNotFound, ErrorCategory.ObjectNotFound, path);
    }
}
