using System;
using System.Collections.Generic;
using System.Runtime.Serialization;
using AchieveIt.Rules;

namespace AchieveIt.Tests.Rules
{
    public class ProgressUpdateTests
    {
        [Theory]
        [InlineData("bad,\"external", "On Track", "ExternalIdContainsExternal")]
        [InlineData("A,B", "On Track", "ExternalIdHasComma")]
        [InlineData("", "On Track", "MissingExternalId")]
        [InlineData("KPI-1", "Bogus", "InvalidStatus")]
        [InlineData("KPI-1", null, "InvalidStatus")]
        public void The_public_constructor_applies_the_rules(string id, string status, string code)
        {
            var e = Assert.Throws<ArgumentException>(() => new ProgressUpdate(id, status, null, new DateTime(2026, 11, 28), null));
            Assert.StartsWith(code + ":", e.Message);
        }

        [Fact]
        public void The_public_constructor_canonicalises_a_valid_status()
        {
            Assert.Equal("On Track", new ProgressUpdate("KPI-1", "on track", 1m, new DateTime(2026, 11, 28, 10, 0, 0), null).Status);
        }

        [Fact]
        public void An_update_made_without_a_constructor_is_caught_by_the_recheck()
        {
            var forged = (ProgressUpdate)FormatterServices.GetUninitializedObject(typeof(ProgressUpdate));
            var issues = new List<CsvIssue>();
            Assert.Null(UpdateBuilder.Recheck(3, forged, issues));
            Assert.Contains(issues, i => i.Code == RuleCodes.MissingExternalId && i.Line == 3);
            Assert.Contains(issues, i => i.Code == RuleCodes.InvalidStatus);
        }

        [Fact]
        public void The_recheck_returns_a_checked_copy_of_a_valid_update()
        {
            var update = new ProgressUpdate("KPI-1", "At Risk", 2.5m, new DateTime(2026, 11, 28), "ok");
            var issues = new List<CsvIssue>();
            Assert.Equal(update, UpdateBuilder.Recheck(1, update, issues));
            Assert.Empty(issues);
        }
    }
}
