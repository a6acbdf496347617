using System.Collections.Generic;
using AchieveIt.Csv;

namespace AchieveIt.Submissions
{
    /// <summary>
    /// The files of one Submit -Path, sorted as they are checked: ready (with their upload names), held back
    /// (invalid or unreadable) and empty (no rows: left out, not an error). <see cref="SendVerdict.ForFiles"/> says what follows.
    /// </summary>
    public sealed class FileSelection
    {
        private readonly string fileName;
        private readonly int count;
        private readonly List<string> all = new List<string>();
        private readonly List<UploadFile> ready = new List<UploadFile>();
        private readonly List<string> heldBack = new List<string>();
        private readonly List<string> empty = new List<string>();
        private readonly List<string> renamed = new List<string>();

        /// <param name="fileName">The checked -FileName, or null (each file keeps its own name).</param>
        /// <param name="count">How many files the command has: several under one -FileName are numbered.</param>
        public FileSelection(string fileName, int count)
        {
            this.fileName = fileName;
            this.count = count;
        }

        public IReadOnlyList<string> Checked => all;

        public IReadOnlyList<UploadFile> Ready => ready;

        public IReadOnlyList<string> HeldBack => heldBack;

        public IReadOnlyList<string> Empty => empty;

        /// <summary>What was said of files whose own names AchieveIt would refuse ("'a[1].csv' is uploaded as 'a_1_.csv'").</summary>
        public IReadOnlyList<string> Renamed => renamed;

        /// <summary>Sorts one checked file.</summary>
        public void Add(FileCheck check)
        {
            all.Add(check.Path);
            if (check.HoldsNoRows) empty.Add(check.Path);
            else if (check.Unreadable != null || check.Validation.HasErrors) heldBack.Add(check.Path);
            else
            {
                var name = fileName == null ? NameOf(check.Path) : count > 1 ? UploadNames.Numbered(fileName, ready.Count + 1) : fileName;
                ready.Add(new UploadFile(check.Path, name, check.Validation.RowCount, check.Validation.Fingerprint.Sha256, check.Validation.Fingerprint));
            }
        }

        // A file's own name, made one AchieveIt accepts (said when it was changed).
        private string NameOf(string path)
        {
            var own = System.IO.Path.GetFileName(path);
            var name = UploadNames.FromFile(own) ?? "upload-" + (ready.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + ".csv";
            if (name != own) renamed.Add($"'{own}' is uploaded as '{name}': AchieveIt accepts only letters, digits, spaces and . _ - ( ) in a file name (-FileName names it yourself).");
            return name;
        }
    }
}
