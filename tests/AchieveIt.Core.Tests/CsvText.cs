using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using AchieveIt.Csv;

namespace AchieveIt.Tests
{
    /// <summary>Runs the validator over CSV given as text or bytes, for tests.</summary>
    internal static class CsvText
    {
        public static CsvValidation Validate(string text) => Validate(Encoding.UTF8.GetBytes(text));

        public static CsvValidation Validate(byte[] bytes) => CsvValidator.Validate(new MemoryStream(bytes));

        public static (CsvValidation Validation, List<ProgressUpdate> Rows) Read(byte[] bytes)
        {
            var rows = new List<ProgressUpdate>();
            var validation = CsvValidator.Validate(new MemoryStream(bytes), (_, update) => rows.Add((ProgressUpdate)update));
            return (validation, rows);
        }

        public static string Describe(CsvValidation validation) =>
            string.Join("; ", validation.Issues.Select(i => $"{i.Code}@{i.Line}/{i.Column}"));
    }
}
