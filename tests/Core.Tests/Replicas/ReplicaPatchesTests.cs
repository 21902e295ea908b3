using System.Text.Json.Nodes;
using NodaTime;
using Tarnfui.Core.Replicas;

namespace Tarnfui.Core.Tests.Replicas;

public class ReplicaPatchesTests
{
    private static readonly Instant Evening = Instant.FromUtc(2026, 11, 23, 19, 0);

    private static readonly string OriginalPath = "/metadata/annotations/" + WellKnown.Annotations.OriginalReplicas.Replace("/", "~1", StringComparison.Ordinal);
    private static readonly string StoppedAtPath = "/metadata/annotations/" + WellKnown.Annotations.StoppedAt.Replace("/", "~1", StringComparison.Ordinal);
    private static readonly string HeldPath = "/metadata/annotations/" + WellKnown.Annotations.HeldReplicas.Replace("/", "~1", StringComparison.Ordinal);
    private static readonly string LabelPath = "/metadata/labels/" + WellKnown.Labels.Stopped.Replace("/", "~1", StringComparison.Ordinal);

    [Fact]
    public void Stop_tests_the_resource_version_then_writes_count_and_record_together()
    {
        var metadata = new WorkloadMetadata(new Dictionary<string, string> { ["app"] = "x" }, new Dictionary<string, string> { ["app"] = "x" });

        var ops = ReplicaPatches.Stop(metadata, currentReplicas: 3, downtimeReplicas: 0, Evening, PatchPreconditions.OnResourceVersion("41"));

        ops.ToJsonString().ShouldBe(new JsonArray(
            Op("test", "/metadata/resourceVersion", "41"),
            Op("replace", "/spec/replicas", 0),
            Op("add", OriginalPath, "3"),
            Op("add", HeldPath, "0"),
            Op("add", StoppedAtPath, "2026-11-23T19:00:00Z"),
            Op("add", LabelPath, "true")).ToJsonString());
    }

    [Fact]
    public void Stop_planned_without_reading_the_workload_tests_every_value_it_was_decided_on()
    {
        var metadata = new WorkloadMetadata(new Dictionary<string, string> { [WellKnown.Annotations.Uptime] = "Mon-Fri 08:00-18:00 UTC" }, new Dictionary<string, string>());
        var preconditions = new PatchPreconditions(null, Replicas: 3)
        {
            Uid = "d-uid",
            NoOwnerReferences = true,
            Annotations = [KeyValuePair.Create(WellKnown.DeploymentAnnotations.Revision, (string?)"4"), KeyValuePair.Create(WellKnown.Annotations.Uptime, (string?)"Mon-Fri 08:00-18:00 UTC"), KeyValuePair.Create(WellKnown.Annotations.Exclude, (string?)null)],
            Labels = [KeyValuePair.Create(WellKnown.Labels.Stopped, (string?)null)],
        };

        var ops = ReplicaPatches.Stop(metadata, currentReplicas: 3, downtimeReplicas: 0, Evening, preconditions);

        ops.ToJsonString().ShouldBe(new JsonArray(
            Op("test", "/metadata/uid", "d-uid"),
            Op("test", "/metadata/ownerReferences", null),
            Op("test", "/spec/replicas", 3),
            Op("test", AnnotationPath(WellKnown.DeploymentAnnotations.Revision), "4"),
            Op("test", AnnotationPath(WellKnown.Annotations.Uptime), "Mon-Fri 08:00-18:00 UTC"),
            Op("test", AnnotationPath(WellKnown.Annotations.Exclude), null),
            Op("test", LabelPath, null),
            Op("replace", "/spec/replicas", 0),
            Op("add", OriginalPath, "3"),
            Op("add", HeldPath, "0"),
            Op("add", StoppedAtPath, "2026-11-23T19:00:00Z"),
            Op("add", LabelPath, "true")).ToJsonString());
    }

    [Fact]
    public void Stop_adds_missing_annotation_and_label_maps_whole_with_the_record()
    {
        var ops = ReplicaPatches.Stop(new WorkloadMetadata(null, null), 2, 1, Evening, PatchPreconditions.None);

        ops.Select(o => (o!["op"]!.GetValue<string>(), o["path"]!.GetValue<string>())).ShouldBe(
        [
            ("replace", "/spec/replicas"),
            ("add", "/metadata/annotations"),
            ("add", "/metadata/labels"),
        ]);
        ops[0]!["value"]!.GetValue<int>().ShouldBe(1);
        ops[1]!["value"]!.ToJsonString().ShouldBe(
            $$"""{"{{WellKnown.Annotations.OriginalReplicas}}":"2","{{WellKnown.Annotations.HeldReplicas}}":"1","{{WellKnown.Annotations.StoppedAt}}":"2026-11-23T19:00:00Z"}""");
        ops[2]!["value"]!.ToJsonString().ShouldBe($$"""{"{{WellKnown.Labels.Stopped}}":"true"}""");
    }

    [Fact]
    public void Stop_of_a_workload_raised_while_stopped_records_the_new_intent_and_keeps_the_first_stop_instant()
    {
        var metadata = new WorkloadMetadata(
            new Dictionary<string, string> { [WellKnown.Annotations.OriginalReplicas] = "4", [WellKnown.Annotations.HeldReplicas] = "0", [WellKnown.Annotations.StoppedAt] = "2026-11-23T19:00:00Z" },
            new Dictionary<string, string> { [WellKnown.Labels.Stopped] = "true" });

        var ops = ReplicaPatches.Stop(metadata, currentReplicas: 3, downtimeReplicas: 0, Evening + Duration.FromHours(3), PatchPreconditions.OnResourceVersion("50"));

        ops.ToJsonString().ShouldBe(new JsonArray(
            Op("test", "/metadata/resourceVersion", "50"),
            Op("replace", "/spec/replicas", 0),
            Op("add", OriginalPath, "3"),
            Op("add", HeldPath, "0"),
            Op("add", LabelPath, "true")).ToJsonString());
    }

    [Fact]
    public void Restore_removes_the_held_count_with_the_rest_of_the_record()
    {
        var metadata = new WorkloadMetadata(
            new Dictionary<string, string> { [WellKnown.Annotations.OriginalReplicas] = "3", [WellKnown.Annotations.HeldReplicas] = "1" },
            new Dictionary<string, string> { [WellKnown.Labels.Stopped] = "true" });

        var ops = ReplicaPatches.Restore(metadata, 3, PatchPreconditions.OnResourceVersion("78"));

        ops.Select(o => (o!["op"]!.GetValue<string>(), o["path"]!.GetValue<string>())).ShouldBe(
        [
            ("test", "/metadata/resourceVersion"),
            ("replace", "/spec/replicas"),
            ("remove", OriginalPath),
            ("remove", HeldPath),
            ("remove", LabelPath),
        ]);
    }

    [Fact]
    public void Restore_puts_the_count_back_and_removes_only_the_keys_present()
    {
        var metadata = new WorkloadMetadata(
            new Dictionary<string, string> { [WellKnown.Annotations.OriginalReplicas] = "3" },
            new Dictionary<string, string> { [WellKnown.Labels.Stopped] = "true" });

        var ops = ReplicaPatches.Restore(metadata, 3, new PatchPreconditions("77", Replicas: 0));

        ops.ToJsonString().ShouldBe(new JsonArray(
            Op("test", "/metadata/resourceVersion", "77"),
            Op("test", "/spec/replicas", 0),
            Op("replace", "/spec/replicas", 3),
            Op("remove", OriginalPath),
            Op("remove", LabelPath)).ToJsonString());
    }

    [Fact]
    public void Forget_removes_the_state_and_leaves_the_count()
    {
        var metadata = new WorkloadMetadata(
            new Dictionary<string, string> { [WellKnown.Annotations.OriginalReplicas] = "3", [WellKnown.Annotations.StoppedAt] = "2026-11-23T19:00:00Z" },
            new Dictionary<string, string> { [WellKnown.Labels.Stopped] = "true" });

        var ops = ReplicaPatches.Forget(metadata, PatchPreconditions.OnResourceVersion("9"));

        ops.ToJsonString().ShouldBe(new JsonArray(
            Op("test", "/metadata/resourceVersion", "9"),
            Op("remove", OriginalPath),
            Op("remove", StoppedAtPath),
            Op("remove", LabelPath)).ToJsonString());
    }

    [Theory]
    [InlineData("plain key", "app", "app")]
    [InlineData("slash becomes ~1", "tarnfui.io/stopped", "tarnfui.io~1stopped")]
    [InlineData("tilde is escaped before slash", "a~/b", "a~0~1b")]
    public void Escape_follows_rfc_6901(string because, string token, string expected) =>
        JsonPointer.Escape(token).ShouldBe(expected, because);

    [Theory]
    [InlineData("no segment", new string[0], "")]
    [InlineData("plain segments", new[] { "spec", "replicas" }, "/spec/replicas")]
    [InlineData("each segment escaped", new[] { "metadata", "labels", "tarnfui.io/stopped" }, "/metadata/labels/tarnfui.io~1stopped")]
    [InlineData("tilde before slash, repeated", new[] { "~/a/~", "", "b~" }, "/~0~1a~1~0//b~0")]
    public void A_pointer_is_its_segments_each_escaped(string because, string[] segments, string expected) =>
        JsonPointer.Of(segments).ShouldBe(expected, because);

    private static JsonObject Op(string op, string path, JsonNode? value) => new() { ["op"] = op, ["path"] = path, ["value"] = value };

    private static string AnnotationPath(string key) => "/metadata/annotations/" + key.Replace("/", "~1", StringComparison.Ordinal);

    private static JsonObject Op(string op, string path) => new() { ["op"] = op, ["path"] = path };
}
