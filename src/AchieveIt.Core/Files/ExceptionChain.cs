using System;

namespace AchieveIt.Files
{
    /// <summary>The first exception of a kind in an exception and its inner ones (a library may wrap what our own code threw).</summary>
    internal static class ExceptionChain
    {
        public static T Find<T>(Exception e)
            where T : Exception
        {
            for (; e != null; e = e.InnerException)
            {
                if (e is T found) return found;
            }

            return null;
        }
    }
}
