using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;

namespace AchieveIt.PowerShell.Tests
{
    /// <summary>Docs that cannot drift: every `Type.Member` that docs/ARCHITECTURE.md names is in the built code.</summary>
    public class DocsTests
    {
        private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        // The project's assemblies: the core, the cmdlets and the sandbox.
        private static readonly Assembly[] Ours =
        {
            typeof(AchieveIt.Job).Assembly, typeof(Commands.SubmitAchieveItUpdatesCommand).Assembly, typeof(AchieveIt.Sandbox.SandboxOptions).Assembly,
        };

        // Names from the runtime that the document may use, resolved there.
        private static readonly Assembly[] Runtime = { typeof(System.Threading.Tasks.Task).Assembly, typeof(System.Net.Http.HttpClient).Assembly };

        [Fact]
        public void Every_Type_Member_named_in_the_architecture_notes_exists()
        {
            var text = File.ReadAllText(Path.Combine(ModuleRunspace.RepositoryRoot(), "docs", "ARCHITECTURE.md"));
            var names = Regex.Matches(text, @"`([A-Z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)+)`").Select(m => m.Groups[1].Value).Distinct().ToList();
            Assert.NotEmpty(names);
            var unresolved = names.Where(name => !Resolves(name)).ToList();
            Assert.True(unresolved.Count == 0, "docs/ARCHITECTURE.md names what the code does not have: " + string.Join(", ", unresolved));
        }

        [Fact]
        public void Every_Folder_Type_named_in_the_architecture_notes_is_a_type_in_that_folder()
        {
            // `Submissions/Submitter`, `Http/ApiConnection.StallWatch`, `Sandbox/Plans/PlanCatalog`: the folder is the type's
            // namespace below the project's (AchieveIt.Submissions), the rest a type and its member.
            var text = File.ReadAllText(Path.Combine(ModuleRunspace.RepositoryRoot(), "docs", "ARCHITECTURE.md"));
            var names = Regex.Matches(text, @"`((?:[A-Z][A-Za-z0-9]*/)+[A-Z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*)`").Select(m => m.Groups[1].Value).Distinct().ToList();
            Assert.NotEmpty(names);
            var unresolved = names.Where(name => !ResolvesInFolder(name)).ToList();
            Assert.True(unresolved.Count == 0, "docs/ARCHITECTURE.md names types that are not in those folders: " + string.Join(", ", unresolved));
        }

        [Theory]
        [InlineData("Submissions/Submitter", true)]
        [InlineData("Http/ApiConnection.StallWatch", true)]
        [InlineData("Online/Submitter", false)]
        [InlineData("Submissions/SubmitterRenamed", false)]
        public void The_folder_check_resolves_real_names_and_refuses_moved_ones(string name, bool expected) => Assert.Equal(expected, ResolvesInFolder(name));

        private static bool ResolvesInFolder(string name)
        {
            var slash = name.LastIndexOf('/');
            var folder = name.Substring(0, slash).Replace('/', '.');
            var rest = name.Substring(slash + 1).Split('.');
            foreach (var type in Ours.SelectMany(Types).Where(t => !t.IsNested && TrimArity(t.Name) == rest[0]))
            {
                var space = type.Namespace ?? string.Empty;
                if ((space.EndsWith("." + folder, StringComparison.Ordinal) || space == folder) && HasMembers(type, rest.Skip(1).ToList())) return true;
            }

            return false;
        }

        [Theory]
        [InlineData("Submitter.SubmitAsync", true)]
        [InlineData("Submitter.SubmitAsyncRenamed", false)]
        [InlineData("NoSuchType.Member", false)]
        [InlineData("Task.Run", true)]
        public void The_check_resolves_real_names_and_refuses_renamed_ones(string name, bool expected) => Assert.Equal(expected, Resolves(name));

        private static bool Resolves(string name)
        {
            var parts = name.Split('.');
            // The longest leading run of parts that names a type (Namespace.Type or Type), then members or nested types.
            for (var typeParts = parts.Length - 1; typeParts >= 1; typeParts--)
            {
                var typeName = string.Join(".", parts.Take(typeParts));
                foreach (var type in TypesNamed(typeName))
                {
                    if (HasMembers(type, parts.Skip(typeParts).ToList())) return true;
                }
            }

            return false;
        }

        private static IEnumerable<Type> TypesNamed(string name) =>
            Ours.Concat(Runtime).SelectMany(Types).Where(t => !t.IsNested && (t.Name == name || t.FullName == name || TrimArity(t.Name) == name));

        private static bool HasMembers(Type type, List<string> path)
        {
            if (path.Count == 0) return true;
            var nested = type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).FirstOrDefault(n => TrimArity(n.Name) == path[0]);
            if (nested != null && HasMembers(nested, path.Skip(1).ToList())) return true;
            if (path.Count != 1) return false;
            for (var t = type; t != null; t = t.BaseType)
            {
                if (t.GetMember(path[0], Everything).Length > 0) return true;
            }

            return false;
        }

        private static IEnumerable<Type> Types(Assembly assembly)
        {
            try
            {
                return assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException e)
            {
                return e.Types.Where(t => t != null);
            }
        }

        private static string TrimArity(string name) => name.Contains('`') ? name.Substring(0, name.IndexOf('`')) : name;
    }
}
