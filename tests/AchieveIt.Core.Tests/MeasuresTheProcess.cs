namespace AchieveIt.Tests
{
    /// <summary>
    /// Tests that measure the whole process's memory (the heap, or bytes allocated on every thread) run alone, after
    /// the parallel ones: another test class allocating at the same time would be counted against them. Found on the
    /// Framework leg, where a plan's million IDs measured 533 MB with other classes running and 123 MB alone.
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class MeasuresTheProcess
    {
        public const string Name = "Measures the process's memory";
    }
}
