namespace AchieveIt.PowerShell.Input
{
    /// <summary>
    /// The text of a value that is not plain data, taken on the pipeline thread (its ToString may run the object's
    /// own code). The check treats it as it treats the object: by its text, never as blank text, and with the
    /// messages for an object's text (not those for a string read from a file).
    /// </summary>
    internal sealed class ObjectText
    {
        private readonly string text;

        public ObjectText(string text) => this.text = text;

        public override string ToString() => text;
    }
}
