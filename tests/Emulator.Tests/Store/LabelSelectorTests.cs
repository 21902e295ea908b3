using System.Text.Json.Nodes;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Tests.Store;

public sealed class LabelSelectorTests
{
    private static readonly StoredObject Web = Stored(new() { ["app"] = "web", ["tier"] = "front", ["weight"] = "5" });

    private static StoredObject Stored(Dictionary<string, string> labels)
    {
        var store = new ObjectStore(NodaTime.Testing.FakeClock.FromUtc(2026, 11, 23, 9, 0, 0));
        var labelNode = new JsonObject();
        foreach (var (key, value) in labels)
        {
            labelNode[key] = value;
        }

        return store.Create(ResourceTypes.Namespaces, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "n", ["labels"] = labelNode } });
    }

    public static TheoryData<string, string, bool> Cases => new()
    {
        { "equality matches", "app=web", true },
        { "double equals is equality", "app==web", true },
        { "equality with another value fails", "app=db", false },
        { "inequality of another value matches", "app!=db", true },
        { "inequality matches when the key is absent", "team!=x", true },
        { "set membership", "tier in (back, front)", true },
        { "set membership fails", "tier in (back)", false },
        { "notin matches when absent", "team notin (a,b)", true },
        { "notin fails on a listed value", "tier notin (front)", false },
        { "exists", "app", true },
        { "exists fails", "team", false },
        { "does not exist", "!team", true },
        { "does not exist fails", "!app", false },
        { "every requirement must hold", "app=web,tier=back", false },
        { "commas inside sets do not split requirements", "tier in (x,front),app=web", true },
        { "greater than compares numbers", "weight>3", true },
        { "less than compares numbers", "weight<3", false },
        { "empty selector matches everything", "", true },
        { "selector with a prefixed key", "kubernetes.io/metadata.name=n", true },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Matches_follows_the_table(string because, string selector, bool expected) =>
        LabelSelector.Parse(selector).Matches(Web).ShouldBe(expected, because);

    [Theory]
    [InlineData("app in web")]
    [InlineData("app in (web")]
    [InlineData("=web")]
    [InlineData("app=web;tier=x")]
    public void Malformed_selectors_are_a_400(string selector) =>
        Should.Throw<StatusException>(() => LabelSelector.Parse(selector)).Code.ShouldBe(400);

    [Fact]
    public void Field_selector_rejects_fields_the_type_does_not_index() =>
        Should.Throw<StatusException>(() => FieldSelector.Parse("status.phase=Running", ResourceTypes.Deployments)).Message
            .ShouldBe("field label not supported: status.phase");
}
