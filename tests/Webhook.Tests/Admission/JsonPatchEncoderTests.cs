using System.Text;
using System.Text.Json.Nodes;
using Tarnfui.Core;
using Tarnfui.Core.Replicas;
using Tarnfui.Core.StopRecord;
using Tarnfui.Webhook.Admission;
using Tarnfui.Webhook.Tests.Support;

namespace Tarnfui.Webhook.Tests.Admission;

public class JsonPatchEncoderTests
{
    public static TheoryData<string, string[], string> Pointers => new()
    {
        { "plain segments", ["spec", "replicas"], "/spec/replicas" },
        { "a slash in a key is ~1", ["metadata", "annotations", WellKnown.Annotations.OriginalReplicas], "/metadata/annotations/tarnfui.io~1original-replicas" },
        { "a tilde is ~0, escaped before the slash", ["metadata", "labels", "a~/b"], "/metadata/labels/a~0~1b" },
    };

    [Theory, MemberData(nameof(Pointers))]
    public void Paths_are_escaped_as_RFC_6901_pointers(string because, string[] segments, string expected) =>
        JsonPointer.Of(segments).ShouldBe(expected, because);

    [Fact]
    public void Operations_are_written_as_an_RFC_6902_document()
    {
        var patch = JsonPatchEncoder.Encode([
            PatchOperation.Add(new PatchValue.Number(0), "spec", "replicas"),
            PatchOperation.Add(new PatchValue.Map([new(WellKnown.Labels.Stopped, "true")]), "metadata", "labels"),
            PatchOperation.Add(new PatchValue.Text("5"), "metadata", "annotations", WellKnown.Annotations.OriginalReplicas),
        ]);

        Encoding.UTF8.GetString(patch).ShouldBe(
            """[{"op":"add","path":"/spec/replicas","value":0},{"op":"add","path":"/metadata/labels","value":{"tarnfui.io/stopped":"true"}},{"op":"add","path":"/metadata/annotations/tarnfui.io~1original-replicas","value":"5"}]""");
    }

    [Theory]
    [InlineData("a path escaped on the stack", 20)]
    [InlineData("a path longer than the stack buffer, escaped as a string", 400)]
    public void Every_operation_and_path_length_is_written_as_the_pointer_says(string because, int keyLength)
    {
        var key = "example.com/" + new string('k', keyLength) + "~x";
        PatchOperation[] operations = [
            PatchOperation.Replace(new PatchValue.Number(1), "spec", "replicas"),
            PatchOperation.Test(new PatchValue.Text("v"), "metadata", "annotations", key),
            PatchOperation.Remove("metadata", "annotations", key),
        ];

        var document = JsonNode.Parse(JsonPatchEncoder.Encode(operations))!.AsArray();

        document.Select(o => (string?)o!["op"]).ShouldBe(["replace", "test", "remove"], because);
        document.Select(o => (string?)o!["path"]).ShouldBe(operations.Select(o => JsonPointer.Of(o.Path)), because);
        document[2]!.AsObject().ContainsKey("value").ShouldBeFalse(because);
    }

    [Theory]
    [InlineData(true, """[{"op":"add","path":"/spec/suspend","value":true}]""")]
    [InlineData(false, """[{"op":"add","path":"/spec/suspend","value":false}]""")]
    public void A_flag_is_written_as_a_JSON_boolean(bool value, string expected) =>
        Encoding.UTF8.GetString(JsonPatchEncoder.Encode([PatchOperation.Add(new PatchValue.Flag(value), "spec", "suspend")])).ShouldBe(expected);

    [Fact]
    public void Stop_patch_applied_to_an_object_without_maps_gives_the_stopped_object()
    {
        var deployment = JsonNode.Parse("""{"metadata":{"name":"api"},"spec":{"replicas":5,"template":{}}}""")!.AsObject();
        var metadata = new ObjectMetadata { Name = "api" };

        var result = JsonPatch.Apply(deployment, JsonPatchEncoder.Encode(StopPatch.Stop(metadata, 5, 0, Policies.OffHours)));

        result.ToJsonString().ShouldBe(
            """{"metadata":{"name":"api","annotations":{"tarnfui.io/original-replicas":"5","tarnfui.io/held-replicas":"0","tarnfui.io/stopped-at":"2026-11-23T05:00:00Z"},"labels":{"tarnfui.io/stopped":"true"}},"spec":{"replicas":0,"template":{}}}""");
    }

    [Fact]
    public void Stop_patch_applied_to_an_object_with_maps_adds_to_them()
    {
        var deployment = JsonNode.Parse("""{"metadata":{"name":"api","annotations":{"a":"1"},"labels":{"app":"api"}},"spec":{"replicas":5}}""")!.AsObject();
        var metadata = new ObjectMetadata { Name = "api", Annotations = new Dictionary<string, string> { ["a"] = "1" }, Labels = new Dictionary<string, string> { ["app"] = "api" } };

        var result = JsonPatch.Apply(deployment, JsonPatchEncoder.Encode(StopPatch.Stop(metadata, 5, 1, Policies.OffHours)));

        result.ToJsonString().ShouldBe(
            """{"metadata":{"name":"api","annotations":{"a":"1","tarnfui.io/original-replicas":"5","tarnfui.io/held-replicas":"1","tarnfui.io/stopped-at":"2026-11-23T05:00:00Z"},"labels":{"app":"api","tarnfui.io/stopped":"true"}},"spec":{"replicas":1}}""");
    }
}
