using System.Text.Json.Nodes;
using Tarnfui.Emulator.Api.Patching;

namespace Tarnfui.Emulator.Tests.Api;

public sealed class StrategicMergePatchTests
{
    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "maps merge and null deletes", """{"a":{"x":1,"y":2}}""", """{"a":{"y":null,"z":3}}""", """{"a":{"x":1,"z":3}}""" },
        { "containers merge by name", """{"containers":[{"name":"a","image":"1"},{"name":"b","image":"1"}]}""", """{"containers":[{"name":"b","image":"2"}]}""", """{"containers":[{"name":"a","image":"1"},{"name":"b","image":"2"}]}""" },
        { "a new container is appended", """{"containers":[{"name":"a"}]}""", """{"containers":[{"name":"c"}]}""", """{"containers":[{"name":"a"},{"name":"c"}]}""" },
        { "$patch delete removes a list element", """{"containers":[{"name":"a"},{"name":"b"}]}""", """{"containers":[{"name":"a","$patch":"delete"}]}""", """{"containers":[{"name":"b"}]}""" },
        { "lists without a merge key replace", """{"args":["x","y"]}""", """{"args":["z"]}""", """{"args":["z"]}""" },
        { "$patch replace replaces a map", """{"m":{"a":1}}""", """{"m":{"$patch":"replace","b":2}}""", """{"m":{"b":2}}""" },
        { "$retainKeys drops the other keys", """{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}}""", """{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}""", """{"strategy":{"type":"Recreate"}}""" },
        { "$setElementOrder reorders by merge key", """{"containers":[{"name":"a"},{"name":"b"}]}""", """{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}]}""", """{"containers":[{"name":"b"},{"name":"a"}]}""" },
        { "finalizers merge as a set", """{"finalizers":["a"]}""", """{"finalizers":["b","a"]}""", """{"finalizers":["a","b"]}""" },
        { "$deleteFromPrimitiveList removes values", """{"finalizers":["a","b"]}""", """{"$deleteFromPrimitiveList/finalizers":["a"]}""", """{"finalizers":["b"]}""" },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Apply_follows_the_table(string because, string target, string patch, string expected) =>
        StrategicMergePatch.Apply(JsonNode.Parse(target)!, JsonNode.Parse(patch)!).ToJsonString().ShouldBe(expected, because);

    public static TheoryData<string, string, string, string> JsonPatchCases => new()
    {
        { "add into a map", """{"a":{}}""", """[{"op":"add","path":"/a/b","value":1}]""", """{"a":{"b":1}}""" },
        { "add appends with -", """{"a":[1]}""", """[{"op":"add","path":"/a/-","value":2}]""", """{"a":[1,2]}""" },
        { "remove", """{"a":1,"b":2}""", """[{"op":"remove","path":"/a"}]""", """{"b":2}""" },
        { "replace", """{"a":1}""", """[{"op":"replace","path":"/a","value":3}]""", """{"a":3}""" },
        { "move", """{"a":1}""", """[{"op":"move","from":"/a","path":"/b"}]""", """{"b":1}""" },
        { "copy", """{"a":1}""", """[{"op":"copy","from":"/a","path":"/b"}]""", """{"a":1,"b":1}""" },
        { "~1 escapes a slash", """{"m":{}}""", """[{"op":"add","path":"/m/tarnfui.io~1stopped","value":"true"}]""", """{"m":{"tarnfui.io/stopped":"true"}}""" },
        { "a passing test changes nothing", """{"a":1}""", """[{"op":"test","path":"/a","value":1}]""", """{"a":1}""" },
    };

    [Theory, MemberData(nameof(JsonPatchCases))]
    public void Json_patch_follows_the_table(string because, string target, string patch, string expected) =>
        JsonPatch.ApplyRequest(JsonNode.Parse(target)!, JsonNode.Parse(patch)).ToJsonString().ShouldBe(expected, because);

    [Theory]
    [InlineData("""[{"op":"test","path":"/a","value":2}]""")]
    [InlineData("""[{"op":"remove","path":"/missing"}]""")]
    [InlineData("""[{"op":"replace","path":"/x/y","value":1}]""")]
    public void Json_patch_failures_are_422(string patch) =>
        Should.Throw<Tarnfui.Emulator.Store.StatusException>(() => JsonPatch.ApplyRequest(JsonNode.Parse("""{"a":1}""")!, JsonNode.Parse(patch))).Code.ShouldBe(422);

    [Fact]
    public void Merge_patch_follows_rfc_7386() =>
        MergePatch.Apply(JsonNode.Parse("""{"a":"b","c":{"d":"e","f":"g"}}"""), JsonNode.Parse("""{"a":"z","c":{"f":null}}"""))!
            .ToJsonString().ShouldBe("""{"a":"z","c":{"d":"e"}}""");
}
