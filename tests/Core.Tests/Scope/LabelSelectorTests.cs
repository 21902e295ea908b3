using Tarnfui.Core.Scope;

namespace Tarnfui.Core.Tests.Scope;

public class LabelSelectorTests
{
    private static Dictionary<string, string> Labels(string pairs) =>
        pairs.Length == 0 ? [] : pairs.Split(';').Select(p => p.Split(':')).ToDictionary(p => p[0], p => p[1]);

    [Theory]
    [InlineData("tier=db", "tier:db", true)]
    [InlineData("tier==db", "tier:db", true)]
    [InlineData("tier=db", "tier:web", false)]
    [InlineData("tier=db", "", false)]
    [InlineData("tier!=db", "tier:web", true)]
    [InlineData("tier!=db", "", true)]
    [InlineData("tier!=db", "tier:db", false)]
    [InlineData("tier in (db,cache)", "tier:cache", true)]
    [InlineData("tier in (db, cache)", "tier:web", false)]
    [InlineData("tier in (db)", "", false)]
    [InlineData("tier notin (db)", "tier:web", true)]
    [InlineData("tier notin (db)", "", true)]
    [InlineData("tier notin (db,cache)", "tier:cache", false)]
    [InlineData("canary", "canary:yes", true)]
    [InlineData("canary", "", false)]
    [InlineData("!canary", "", true)]
    [InlineData("!canary", "canary:", false)]
    [InlineData("tier in (db),!canary", "tier:db", true)]
    [InlineData("tier in (db),!canary", "tier:db;canary:yes", false)]
    [InlineData(" tier = db , team = a ", "tier:db;team:a", true)]
    [InlineData("app.kubernetes.io/part-of=shop", "app.kubernetes.io/part-of:shop", true)]
    [InlineData("owner=", "owner:", true)]
    [InlineData("owner=", "owner:x", false)]
    public void A_selector_matches_as_kubernetes_selects(string selector, string labels, bool matches) =>
        LabelSelector.Parse(selector).Value.Matches(Labels(labels)).ShouldBe(matches);

    [Theory]
    [InlineData("", "at position 1, the end: expected a label key")]
    [InlineData("tier=db,", "at position 9, the end: expected a label key")]
    [InlineData("tier in db", "at position 9, \"db\": expected '(' to open the values of 'in'")]
    [InlineData("tier in (db", "at position 12, the end: expected ',' or ')' in a list of values")]
    [InlineData("tier > 3", "at position 6, \"> 3\": expected '=', '==', '!=', 'in', 'notin', ',' or the end after a label key")]
    [InlineData("tier = db web", "at position 11, \"web\": expected ',' or the end of the selector")]
    [InlineData("-tier=db", "\"-tier\" is not a label key")]
    [InlineData("Example.com/tier=db", "\"Example.com/tier\" is not a label key")]
    [InlineData("tier=-db", "\"-db\" is not a label value")]
    [InlineData("!", "at position 2, the end: expected a label key")]
    public void An_invalid_selector_quotes_the_position(string selector, string error) =>
        LabelSelector.Parse(selector).Error.ShouldNotBeNull().ShouldContain(error);
}
