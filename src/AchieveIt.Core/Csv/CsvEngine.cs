using System.Reflection;

namespace AchieveIt.Csv
{
    /// <summary>Which CsvHelper the core is bound to, so the module can tell at import when another one got in.</summary>
    public static class CsvEngine
    {
        /// <summary>The loaded CsvHelper assembly's name (with its version) and location.</summary>
        public static AssemblyName Bound => typeof(CsvHelper.CsvParser).Assembly.GetName();

        public static string Location => typeof(CsvHelper.CsvParser).Assembly.Location;
    }
}
