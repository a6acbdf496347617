using System.IO;
using AchieveIt.Files;
using AchieveIt.Http;

namespace AchieveIt.Journal
{
    /// <summary>
    /// Where the journal's files go, found without ever changing a folder the module did not create. Links in the path
    /// are resolved and the real folder is judged, as ssh judges its files: one that is this user's alone is used; a
    /// shared one (other users have rights on it, or it is another user's, such as /tmp) gets a private subfolder
    /// achieveit-&lt;uid&gt; that the module creates (0700) and checks; a folder just created is made private. On
    /// Windows the folder is used as it is (a profile folder is the user's already).
    /// </summary>
    internal static class JournalFolder
    {
        /// <summary>Called between creating a folder under its temporary name and moving it into place (tests hold the window open here).</summary>
        internal static System.Action<string> BeforeMove { get; set; }

        /// <summary>The journal's folder, created (private from its first instant) when it does not exist yet.</summary>
        public static string Resolve(string configured) => Find(configured, create: true);

        /// <summary>The journal's folder when it exists, or null: for reading, which never creates or changes anything.</summary>
        public static string Existing(string configured) => Find(configured, create: false);

        private static string Find(string configured, bool create)
        {
            string full;
            try
            {
                full = Path.GetFullPath(configured);
                if (File.Exists(full) && !Directory.Exists(full)) throw Unavailable(full, "it is a file, not a folder");
                if (!Directory.Exists(full))
                {
                    if (!create) return null;
                    CreatePrivate(full); // ours: only the last folder of the path was made by the module for itself
                }

                var real = PrivateFolder.RealPath(full) ?? full;
                var problem = FileKind.NotPrivateFolder(real);
                if (problem == null) return real;
                if (problem != FileKind.SharedFolder && problem != FileKind.OtherOwner) throw Unavailable(real, problem);

                // A shared folder is left exactly as it is: the journal goes in a private subfolder of its own.
                var own = Path.Combine(real, "achieveit-" + FileKind.EffectiveUser());
                if (!Directory.Exists(own))
                {
                    if (!create) return null;
                    CreatePrivate(own);
                }

                var ownProblem = FileKind.NotPrivateFolder(own); // another user may have made it first, or a link
                if (ownProblem != null) throw Unavailable(own, ownProblem);
                return own;
            }
            catch (System.Exception e) when (e is IOException || e is System.UnauthorizedAccessException)
            {
                throw Unavailable(configured, e.Message);
            }
        }

        // Made under a temporary name beside it, made private, then moved into place: no process ever sees the folder
        // before it is private (one that did would take it for a shared folder and journal elsewhere). When another
        // process moved its own into place first, that one is used and this one removed.
        private static void CreatePrivate(string folder)
        {
            var parent = Path.GetDirectoryName(folder);
            if (!string.IsNullOrEmpty(parent)) Directory.CreateDirectory(parent);
            var temporary = folder + "." + System.Guid.NewGuid().ToString("N") + ".tmp";
            Directory.CreateDirectory(temporary);
            try
            {
                PrivateFolder.Restrict(temporary);
                BeforeMove?.Invoke(folder);
                Directory.Move(temporary, folder);
            }
            catch (IOException) when (Directory.Exists(folder))
            {
                // another process made it first: theirs is private already
            }
            finally
            {
                if (Directory.Exists(temporary)) Directory.Delete(temporary, true);
            }
        }

        private static AchieveItException Unavailable(string folder, string why) =>
            new AchieveItException(ErrorIds.JournalUnavailable, $"The journal folder '{folder}' cannot be used: {why.TrimEnd('.')}.");
    }
}
