using AchieveIt.Rules;

namespace AchieveIt.Tests.Rules
{
    public class StatusesTests
    {
        [Theory]
        [InlineData("On Track", "On Track")]
        [InlineData("on track", "On Track")]
        [InlineData("NOT STARTED", "Not Started")]
        [InlineData(" At Risk ", "At Risk")]
        [InlineData("canceled", "Canceled")]
        public void Canonical_ignores_case_and_surrounding_spaces(string text, string expected) =>
            Assert.Equal(expected, Statuses.Canonical(text));

        [Theory]
        [InlineData("On-Track")]
        [InlineData("Cancelled")]
        [InlineData("OnTrack")]
        [InlineData("Done")]
        public void Canonical_rejects_other_spellings(string text) => Assert.Null(Statuses.Canonical(text));

        [Theory]
        [InlineData("On-Track", "On Track")]
        [InlineData("Cancelled", "Canceled")]
        [InlineData("ontrack", "On Track")]
        [InlineData("Acheived", "Achieved")]
        [InlineData("Not Acheived", "Not Achieved")]
        [InlineData("off_track", "Off Track")]
        public void Suggest_names_the_status_probably_meant(string text, string expected) =>
            Assert.Equal(expected, Statuses.Suggest(text));

        [Theory]
        [InlineData("Done")]
        [InlineData("Green")]
        [InlineData("")]
        public void Suggest_guesses_nothing_for_unrelated_words(string text) => Assert.Null(Statuses.Suggest(text));
    }
}
