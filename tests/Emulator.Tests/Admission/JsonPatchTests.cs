using System.Text.Json.Nodes;
using Tarnfui.Emulator.Api.Patching;

namespace Tarnfui.Emulator.Tests.Admission;

public class JsonPatchTests
{
    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "add creates a missing member", """{"a":1}""", """[{"op":"add","path":"/b","value":2}]""", """{"a":1,"b":2}""" },
        { "add replaces an existing member", """{"a":1}""", """[{"op":"add","path":"/a","value":2}]""", """{"a":2}""" },
        { "add inserts into an array at an index", """{"a":[1,3]}""", """[{"op":"add","path":"/a/1","value":2}]""", """{"a":[1,2,3]}""" },
        { "add with - appends to an array", """{"a":[1]}""", """[{"op":"add","path":"/a/-","value":2}]""", """{"a":[1,2]}""" },
        { "add replaces the whole document on the empty path", """{"a":1}""", """[{"op":"add","path":"","value":{"b":2}}]""", """{"b":2}""" },
        { "~1 in a key stands for a slash", """{"metadata":{"annotations":{}}}""", """[{"op":"add","path":"/metadata/annotations/tarnfui.io~1exclude","value":"true"}]""", """{"metadata":{"annotations":{"tarnfui.io/exclude":"true"}}}""" },
        { "~0 in a key stands for a tilde and is decoded after ~1", """{}""", """[{"op":"add","path":"/a~01","value":1}]""", """{"a~1":1}""" },
        { "remove deletes a member", """{"a":1,"b":2}""", """[{"op":"remove","path":"/a"}]""", """{"b":2}""" },
        { "remove deletes an array element", """{"a":[1,2,3]}""", """[{"op":"remove","path":"/a/1"}]""", """{"a":[1,3]}""" },
        { "replace sets an existing member", """{"spec":{"replicas":3}}""", """[{"op":"replace","path":"/spec/replicas","value":0}]""", """{"spec":{"replicas":0}}""" },
        { "replace keeps an array element's position", """{"a":[1,2,3]}""", """[{"op":"replace","path":"/a/0","value":9}]""", """{"a":[9,2,3]}""" },
        { "move takes a value from one place to another", """{"a":{"x":1},"b":{}}""", """[{"op":"move","from":"/a/x","path":"/b/y"}]""", """{"a":{},"b":{"y":1}}""" },
        { "copy duplicates a value", """{"a":{"x":[1]}}""", """[{"op":"copy","from":"/a/x","path":"/a/y"}]""", """{"a":{"x":[1],"y":[1]}}""" },
        { "a passing test lets later operations apply", """{"a":"v"}""", """[{"op":"test","path":"/a","value":"v"},{"op":"add","path":"/b","value":1}]""", """{"a":"v","b":1}""" },
        { "operations apply in order, each seeing the previous", """{}""", """[{"op":"add","path":"/m","value":{}},{"op":"add","path":"/m/k","value":"v"}]""", """{"m":{"k":"v"}}""" },
    };

    public static TheoryData<string, string, string, string> Failures => new()
    {
        { "test with a different value", """{"a":"v"}""", """[{"op":"test","path":"/a","value":"w"}]""", "test failed" },
        { "replace of a missing member", """{}""", """[{"op":"replace","path":"/a","value":1}]""", "does not exist" },
        { "remove of a missing member", """{}""", """[{"op":"remove","path":"/a"}]""", "does not exist" },
        { "add under a missing parent", """{}""", """[{"op":"add","path":"/a/b","value":1}]""", "does not exist" },
        { "add past the end of an array", """{"a":[]}""", """[{"op":"add","path":"/a/2","value":1}]""", "out of range" },
        { "an index with a leading zero", """{"a":[1,2]}""", """[{"op":"remove","path":"/a/01"}]""", "does not exist" },
        { "an unknown op", """{}""", """[{"op":"merge","path":"/a","value":1}]""", "unknown op" },
        { "a path that is not a pointer", """{}""", """[{"op":"add","path":"a","value":1}]""", "not a JSON Pointer" },
        { "a move into its own child", """{"a":{}}""", """[{"op":"move","from":"/a","path":"/a/b"}]""", "own child" },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Apply_follows_RFC_6902(string because, string document, string patch, string expected)
    {
        var result = JsonPatch.Apply(JsonNode.Parse(document), JsonNode.Parse(patch)!.AsArray());

        result.IsValid.ShouldBeTrue(because + ": " + result.Error);
        JsonNode.DeepEquals(result.Value, JsonNode.Parse(expected)).ShouldBeTrue($"{because}: got {result.Value?.ToJsonString()}");
    }

    [Theory, MemberData(nameof(Failures))]
    public void Apply_refuses_an_invalid_operation_and_names_it(string because, string document, string patch, string error)
    {
        var result = JsonPatch.Apply(JsonNode.Parse(document), JsonNode.Parse(patch)!.AsArray());

        result.IsValid.ShouldBeFalse(because);
        result.Error.ShouldContain(error, Case.Insensitive, because);
    }

    [Fact]
    public void A_failing_patch_leaves_the_input_untouched()
    {
        var document = JsonNode.Parse("""{"a":1}""");

        JsonPatch.Apply(document, JsonNode.Parse("""[{"op":"add","path":"/b","value":2},{"op":"test","path":"/a","value":5}]""")!.AsArray()).IsValid.ShouldBeFalse();

        document!.ToJsonString().ShouldBe("""{"a":1}""");
    }

    [Fact]
    public void EscapeSegment_round_trips_through_a_patch_path()
    {
        var key = "a/b~c";
        var result = JsonPatch.Apply(JsonNode.Parse("{}"), new JsonArray(new JsonObject { ["op"] = "add", ["path"] = "/" + JsonPatch.EscapeSegment(key), ["value"] = 1 }));

        result.Value!.AsObject().ContainsKey(key).ShouldBeTrue();
    }
}
