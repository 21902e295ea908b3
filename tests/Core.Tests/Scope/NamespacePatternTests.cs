using Tarnfui.Core.Scope;

namespace Tarnfui.Core.Tests.Scope;

public class NamespacePatternTests
{
    [Theory]
    [InlineData("legacy", "legacy", true)]
    [InlineData("legacy", "legacy-2", false)]
    [InlineData("team-*-ci", "team-a-ci", true)]
    [InlineData("team-*-ci", "team-payments-eu-ci", true)]
    [InlineData("team-*-ci", "team--ci", true)]
    [InlineData("team-*-ci", "team-a-ci-old", false)]
    [InlineData("team-*-ci", "xteam-a-ci", false)]
    [InlineData("*-sandbox", "alice-sandbox", true)]
    [InlineData("*-sandbox", "sandbox", false)]
    [InlineData("*", "anything", true)]
    [InlineData("qa-?", "qa-1", true)]
    [InlineData("qa-?", "qa-12", false)]
    [InlineData("qa-?", "qa-", false)]
    [InlineData("a*b*c", "abbbc", true)]
    [InlineData("a*b*c", "acb", false)]
    [InlineData("**-ci", "x-ci", true)]
    public void A_pattern_matches_the_whole_name(string pattern, string @namespace, bool matches) =>
        NamespacePattern.Parse(pattern).Value.Matches(@namespace).ShouldBe(matches);

    [Theory]
    [InlineData("legacy", true)]
    [InlineData("team-*-ci", false)]
    [InlineData("qa-?", false)]
    public void Only_a_name_without_wildcards_is_exact(string pattern, bool exact) =>
        NamespacePattern.Parse(pattern).Value.IsExact.ShouldBe(exact);

    [Theory]
    [InlineData("", "an empty entry is not a namespace")]
    [InlineData("Team-A", "'T' at position 1 cannot be in a namespace name")]
    [InlineData("team_[ab]", "'_' at position 5 cannot be in a namespace name")]
    [InlineData("team a", "' ' at position 5")]
    public void An_invalid_pattern_says_which_character_is_wrong(string pattern, string error) =>
        NamespacePattern.Parse(pattern).Error.ShouldNotBeNull().ShouldContain(error);

    [Fact]
    public void A_name_longer_than_a_namespace_can_be_is_refused() =>
        NamespacePattern.Parse(new string('a', 64)).Error.ShouldNotBeNull().ShouldContain("longer than a namespace name can be");
}
