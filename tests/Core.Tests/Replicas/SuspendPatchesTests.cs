using System.Text.Json.Nodes;
using NodaTime;
using Tarnfui.Core.Replicas;

namespace Tarnfui.Core.Tests.Replicas;

public class SuspendPatchesTests
{
    private static readonly Instant Evening = Instant.FromUtc(2026, 11, 23, 19, 0);

    private static readonly string OriginalPath = AnnotationPath(WellKnown.Annotations.OriginalSuspend);
    private static readonly string StoppedAtPath = AnnotationPath(WellKnown.Annotations.StoppedAt);
    private static readonly string LabelPath = "/metadata/labels/" + WellKnown.Labels.Stopped.Replace("/", "~1", StringComparison.Ordinal);

    [Fact]
    public void Stop_tests_what_was_read_then_suspends_and_records_together()
    {
        var metadata = new WorkloadMetadata(new Dictionary<string, string> { ["app"] = "x" }, new Dictionary<string, string> { ["app"] = "x" });

        var ops = SuspendPatches.Stop(metadata, currentSuspend: false, Evening, SuspendPatches.StopPreconditions(metadata, "41", suspended: false));

        ops.ToJsonString().ShouldBe(new JsonArray(
            Op("test", "/metadata/resourceVersion", "41"),
            Op("test", "/spec/suspend", false),
            Op("test", OriginalPath, null),
            Op("add", "/spec/suspend", true),
            Op("add", OriginalPath, "false"),
            Op("add", StoppedAtPath, "2026-11-23T19:00:00Z"),
            Op("add", LabelPath, "true")).ToJsonString());
    }

    [Fact]
    public void Stop_of_a_CronJob_without_annotations_or_labels_adds_the_whole_maps()
    {
        var bare = new WorkloadMetadata(null, null);

        var ops = SuspendPatches.Stop(bare, currentSuspend: false, Evening, SuspendPatches.StopPreconditions(bare, "7", suspended: false));

        // No key of a missing map can be tested (the patch would fail): the version says none was added since.
        ops.ToJsonString().ShouldBe(new JsonArray(
            Op("test", "/metadata/resourceVersion", "7"),
            Op("test", "/spec/suspend", false),
            Op("add", "/spec/suspend", true),
            Op("add", "/metadata/annotations", new JsonObject { [WellKnown.Annotations.OriginalSuspend] = "false", [WellKnown.Annotations.StoppedAt] = "2026-11-23T19:00:00Z" }),
            Op("add", "/metadata/labels", new JsonObject { [WellKnown.Labels.Stopped] = "true" })).ToJsonString());
    }

    [Fact]
    public void Restore_tests_it_is_still_suspended_by_us_then_puts_the_value_back_and_removes_the_record()
    {
        var metadata = new WorkloadMetadata(
            new Dictionary<string, string> { [WellKnown.Annotations.OriginalSuspend] = "false", [WellKnown.Annotations.StoppedAt] = "2026-11-23T19:00:00Z", ["app"] = "x" },
            new Dictionary<string, string> { [WellKnown.Labels.Stopped] = "true" });

        var ops = SuspendPatches.Restore(metadata, originalSuspend: false, SuspendPatches.RestorePreconditions("52", originalSuspend: false));

        ops.ToJsonString().ShouldBe(new JsonArray(
            Op("test", "/metadata/resourceVersion", "52"),
            Op("test", "/spec/suspend", true),
            Op("test", OriginalPath, "false"),
            Op("add", "/spec/suspend", false),
            Op("remove", StoppedAtPath),
            Op("remove", OriginalPath),
            Op("remove", LabelPath)).ToJsonString());
    }

    [Fact]
    public void Forget_after_a_person_resumed_it_removes_the_record_and_leaves_suspend_alone()
    {
        var metadata = new WorkloadMetadata(new Dictionary<string, string> { [WellKnown.Annotations.OriginalSuspend] = "false" }, new Dictionary<string, string> { [WellKnown.Labels.Stopped] = "true" });

        var ops = ReplicaPatches.Forget(metadata, PatchPreconditions.OnResourceVersion("60"));

        ops.ToJsonString().ShouldBe(new JsonArray(
            Op("test", "/metadata/resourceVersion", "60"),
            Op("remove", OriginalPath),
            Op("remove", LabelPath)).ToJsonString());
    }

    private static string AnnotationPath(string key) => "/metadata/annotations/" + key.Replace("/", "~1", StringComparison.Ordinal);

    private static JsonObject Op(string op, string path, JsonNode? value) => new() { ["op"] = op, ["path"] = path, ["value"] = value };

    private static JsonObject Op(string op, string path) => new() { ["op"] = op, ["path"] = path };
}
