using System.Text.Json.Nodes;
using NodaTime;
using Tarnfui.Core.Autoscaling;

namespace Tarnfui.Core.Tests.Autoscaling;

public class AutoscalerPatchesTests
{
    private const string Uid = "8a1f";
    private static readonly Instant Evening = Instant.FromUtc(2026, 11, 23, 19, 0);
    private static readonly string MinPath = AnnotationPath(WellKnown.Annotations.OriginalMinReplicas);
    private static readonly string MaxPath = AnnotationPath(WellKnown.Annotations.OriginalMaxReplicas);
    private static readonly string HeldPath = AnnotationPath(WellKnown.Annotations.HeldReplicas);
    private static readonly string AtPath = AnnotationPath(WellKnown.Annotations.StoppedAt);

    [Fact]
    public void Bound_tests_the_bounds_read_then_sets_both_and_records_them_together()
    {
        var ops = AutoscalerPatches.Bound(Uid, new Dictionary<string, string> { ["app"] = "web" }, new AutoscalerBounds(2, 5), 1, Evening);

        ops.ToJsonString().ShouldBe(new JsonArray(
            Op("test", "/metadata/uid", Uid),
            Op("test", "/spec/minReplicas", 2),
            Op("test", "/spec/maxReplicas", 5),
            Op("test", MaxPath, null),
            Op("add", "/spec/minReplicas", 1),
            Op("replace", "/spec/maxReplicas", 1),
            Op("add", MinPath, "2"),
            Op("add", MaxPath, "5"),
            Op("add", HeldPath, "1"),
            Op("add", AtPath, "2026-11-23T19:00:00Z")).ToJsonString());
    }

    [Fact]
    public void Bound_of_an_HPA_without_minReplicas_or_annotations_tests_both_absent_and_records_unset()
    {
        var ops = AutoscalerPatches.Bound(Uid, null, new AutoscalerBounds(null, 5), 2, Evening);

        ops.ToJsonString().ShouldBe(new JsonArray(
            Op("test", "/metadata/uid", Uid),
            Op("test", "/spec/minReplicas", null),
            Op("test", "/spec/maxReplicas", 5),
            Op("test", "/metadata/annotations", null),
            Op("add", "/spec/minReplicas", 2),
            Op("replace", "/spec/maxReplicas", 2),
            Op("add", "/metadata/annotations", new JsonObject
            {
                [WellKnown.Annotations.OriginalMinReplicas] = WellKnown.Annotations.UnsetValue,
                [WellKnown.Annotations.OriginalMaxReplicas] = "5",
                [WellKnown.Annotations.HeldReplicas] = "2",
                [WellKnown.Annotations.StoppedAt] = "2026-11-23T19:00:00Z",
            })).ToJsonString());
    }

    [Fact]
    public void Restore_tests_the_held_bounds_and_the_record_then_puts_back_and_removes_it()
    {
        var annotations = Recorded("2", "5", "1");

        var ops = AutoscalerPatches.Restore(Uid, annotations, AutoscalerRecord.Read(annotations).Value!);

        ops.ToJsonString().ShouldBe(new JsonArray(
            Op("test", "/metadata/uid", Uid),
            Op("test", "/spec/minReplicas", 1),
            Op("test", "/spec/maxReplicas", 1),
            Op("test", MinPath, "2"),
            Op("test", MaxPath, "5"),
            Op("test", HeldPath, "1"),
            Op("replace", "/spec/minReplicas", 2),
            Op("replace", "/spec/maxReplicas", 5),
            Remove(MinPath),
            Remove(MaxPath),
            Remove(HeldPath)).ToJsonString());
    }

    [Fact]
    public void Restore_of_a_minReplicas_that_was_absent_removes_it_again()
    {
        var annotations = Recorded(WellKnown.Annotations.UnsetValue, "5", "1");

        var ops = AutoscalerPatches.Restore(Uid, annotations, AutoscalerRecord.Read(annotations).Value!);

        ops.AsArray().ShouldContain(op => op!.ToJsonString() == Remove("/spec/minReplicas").ToJsonString());
    }

    [Fact]
    public void Forget_tests_the_persons_bounds_and_removes_only_the_record()
    {
        var annotations = Recorded("2", "5", "1");

        var ops = AutoscalerPatches.Forget(Uid, annotations, new AutoscalerBounds(1, 4));

        ops.ToJsonString().ShouldBe(new JsonArray(
            Op("test", "/metadata/uid", Uid),
            Op("test", "/spec/minReplicas", 1),
            Op("test", "/spec/maxReplicas", 4),
            Op("test", MinPath, "2"),
            Op("test", MaxPath, "5"),
            Op("test", HeldPath, "1"),
            Remove(MinPath),
            Remove(MaxPath),
            Remove(HeldPath)).ToJsonString());
    }

    private static Dictionary<string, string> Recorded(string min, string max, string held) => new()
    {
        [WellKnown.Annotations.OriginalMinReplicas] = min,
        [WellKnown.Annotations.OriginalMaxReplicas] = max,
        [WellKnown.Annotations.HeldReplicas] = held,
    };

    private static string AnnotationPath(string key) => "/metadata/annotations/" + key.Replace("/", "~1", StringComparison.Ordinal);

    private static JsonObject Op(string op, string path, JsonNode? value) => new() { ["op"] = op, ["path"] = path, ["value"] = value };

    private static JsonObject Remove(string path) => new() { ["op"] = "remove", ["path"] = path };
}
