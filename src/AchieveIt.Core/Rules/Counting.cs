namespace AchieveIt.Rules
{
    /// <summary>Counts in sentences, with the noun and the verb agreeing: "1 of 3 rows is invalid", "2 of 3 rows are invalid".</summary>
    public static class Counting
    {
        /// <summary>"1 row", "3 rows".</summary>
        public static string Of(long count, string noun) => count + " " + noun + (count == 1 ? string.Empty : "s");

        /// <summary>"1 of 3 rows is", "2 of 3 rows are": the verb agrees with the part.</summary>
        public static string PartOf(long part, long whole, string noun, string singularVerb, string pluralVerb) =>
            $"{part} of {whole} {noun}{(whole == 1 ? string.Empty : "s")} {(part == 1 ? singularVerb : pluralVerb)}";
    }
}
