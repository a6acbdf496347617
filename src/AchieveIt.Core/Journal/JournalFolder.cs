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
        public static string Resolve(string configured)
        {
            string full;
            try
            {
                full = Path.GetFullPath(configured);
                if (File.Exists(full) && !Directory.Exists(full)) throw Unavailable(full, "it is a file, not a folder");
                if (!Directory.Exists(full))
                {
                    Directory.CreateDirectory(full);
                    PrivateFolder.Restrict(full); // ours: only the last folder of the path was made by the module for itself
                }

                var real = PrivateFolder.RealPath(full) ?? full;
                var problem = FileKind.NotPrivateFolder(real);
                if (problem == null) return real;
                if (problem != FileKind.SharedFolder && problem != FileKind.OtherOwner) throw Unavailable(real, problem);

                // A shared folder is left exactly as it is: the journal goes in a private subfolder of its own.
                var own = Path.Combine(real, "achieveit-" + FileKind.EffectiveUser());
                if (!Directory.Exists(own))
                {
                    Directory.CreateDirectory(own);
                    PrivateFolder.Restrict(own);
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

        private static AchieveItException Unavailable(string folder, string why) =>
            new AchieveItException(ErrorIds.JournalUnavailable, $"The journal folder '{folder}' cannot be used: {why.TrimEnd('.')}.");
    }
}
