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
