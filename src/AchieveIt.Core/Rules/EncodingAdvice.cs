namespace AchieveIt.Rules
{
    /// <summary>
    /// How to read an ANSI (Windows-1252) export, in the words of the PowerShell this runs in. Never Latin1: it maps
    /// the bytes 0x80-0x9F (the en dash, the euro sign, curly quotes) to C1 control characters instead of the letters
    /// Windows-1252 has there, and Windows PowerShell 5.1 has no Latin1 encoding at all.
    /// </summary>
    public static class EncodingAdvice
    {
        /// <summary>"Import-Csv -Encoding 1252" on PowerShell 7; "Import-Csv -Encoding Default" on Windows PowerShell 5.1 (.NET Framework).</summary>
        public static string AnsiImport { get; } = Http.FrameworkRuntime.IsRunning
            ? "Import-Csv -Encoding Default (Windows PowerShell 5.1: the system's ANSI code page, Windows-1252 in Western Europe and the US)"
            : "Import-Csv -Encoding 1252 (PowerShell 7: Windows-1252)";

        /// <summary>The sentence that ends every encoding issue.</summary>
        public static string ReadWithItsEncoding =>
            $"Read the file with its encoding: for an ANSI / Windows-1252 export, {AnsiImport}; for UTF-8, -Encoding utf8. Never -Encoding Latin1, which turns characters such as '–' and '€' into control characters.";

        /// <summary>The first C1 control character (U+0080 to U+009F) in the text, or -1.</summary>
        public static int FindC1(string text)
        {
            if (text == null) return -1;
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] >= '\u0080' && text[i] <= '\u009F') return i;
            }

            return -1;
        }
    }
}
