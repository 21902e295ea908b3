using System.Globalization;
using System.Text.Json.Nodes;
using CsCheck;
using NodaTime;
using Tarnfui.Core;
using Tarnfui.Core.Keda;
using Tarnfui.Emulator.Api.Patching;

namespace Tarnfui.Sweeper.Tests.Planning;

/// <summary>
/// A ScaledObject's pause and unpause undo each other exactly, for ANY labels and annotations it carries (a person's
/// own <c>paused-replicas</c> included, maps absent or empty): each patch, preconditions included, is applied with the
/// emulator's RFC 6902 implementation, and the morning's object is the evening's, byte for byte.
/// </summary>
public class ScaledObjectPausePropertyTests
{
    private static readonly Instant Evening = Instant.FromUtc(2026, 11, 23, 19, 0);

    private static readonly Gen<Dictionary<string, string>?> Annotations = RecordMaps.Of(
        [WellKnown.Keda.PausedReplicas, WellKnown.Annotations.Exclude, "example.com/team", "a~/b"], ["2", "0", "", "x"], absentOneIn: 5);

    private static readonly Gen<Dictionary<string, string>?> Labels = RecordMaps.Of(["app", "team"], ["web", "", "true"], absentOneIn: 5);

    [Fact]
    public void Pause_then_unpause_gives_back_exactly_the_original_object()
    {
        Gen.Select(Annotations, Labels, Gen.Int[0, 3], Gen.Int[0, 20]).Sample((annotations, labels, downtime, target) =>
        {
            var original = ScaledObject(annotations, labels);
            var pausedNow = annotations?.GetValueOrDefault(WellKnown.Keda.PausedReplicas);
            var verdict = ScaledObjectRules.Decide(pausedNow, ScaledObjectRecord.Read(annotations), Policy(true, downtime), target);
            var held = Math.Min(downtime, target);
            verdict.ShouldBe(new ScaledObjectVerdict.Pause(held, target), "never paused above the target's count");

            var paused = Apply(original, ScaledObjectPatches.Pause("u1", annotations, labels, held, target, Evening));
            var (a, l) = RecordMaps.Read(paused);
            a![WellKnown.Keda.PausedReplicas].ShouldBe(held.ToString(CultureInfo.InvariantCulture));
            l![WellKnown.Labels.Stopped].ShouldBe(WellKnown.Labels.StoppedValue);
            var record = ScaledObjectRecord.Read(a).Value.ShouldNotBeNull();
            record.ShouldBe(new ScaledObjectRecord(target, held, pausedNow, Evening));

            ScaledObjectRules.Decide(a[WellKnown.Keda.PausedReplicas], ScaledObjectRecord.Read(a), Policy(true, downtime), held)
                .ShouldBeOfType<ScaledObjectVerdict.Leave>("a paused ScaledObject is left all night");
            ScaledObjectRules.Decide(a[WellKnown.Keda.PausedReplicas], ScaledObjectRecord.Read(a), Policy(false, downtime), held)
                .ShouldBe(new ScaledObjectVerdict.Unpause(record));
            var morning = Apply(paused, ScaledObjectPatches.Resume("u1", a, l, record));

            Stored(morning).ShouldBe(Stored(original));
        });
    }

    [Fact]
    public void A_person_who_changes_the_pause_at_night_keeps_it_and_only_the_record_goes()
    {
        Gen.Select(Annotations, Labels, Gen.Int[0, 3], Gen.Int[4, 9]).Sample((annotations, labels, downtime, theirs) =>
        {
            var original = ScaledObject(annotations, labels);
            var paused = Apply(original, ScaledObjectPatches.Pause("u1", annotations, labels, downtime, 3, Evening));
            paused["metadata"]!["annotations"]![WellKnown.Keda.PausedReplicas] = theirs.ToString(CultureInfo.InvariantCulture);
            var (a, l) = RecordMaps.Read(paused);
            var record = ScaledObjectRecord.Read(a).Value.ShouldNotBeNull();

            JsonPatch.Apply(paused.DeepClone(), ScaledObjectPatches.Resume("u1", a, l, record)).IsValid
                .ShouldBeFalse("an unpause planned on Tarnfui's count fails its test of paused-replicas");
            ScaledObjectRules.Decide(a![WellKnown.Keda.PausedReplicas], ScaledObjectRecord.Read(a), Policy(false, downtime), theirs)
                .ShouldBe(new ScaledObjectVerdict.Forget(record));
            var forgotten = Apply(paused, ScaledObjectPatches.Forget("u1", a, l));

            var expected = original.DeepClone();
            expected["metadata"]!["annotations"] ??= new JsonObject();
            expected["metadata"]!["annotations"]![WellKnown.Keda.PausedReplicas] = theirs.ToString(CultureInfo.InvariantCulture);
            Stored(forgotten).ShouldBe(Stored(expected));
        });
    }

    [Fact]
    public void A_second_pause_planned_on_the_evening_read_fails_its_tests()
    {
        Gen.Select(Annotations, Labels).Sample((annotations, labels) =>
        {
            var paused = Apply(ScaledObject(annotations, labels), ScaledObjectPatches.Pause("u1", annotations, labels, 0, 3, Evening));

            JsonPatch.Apply(paused.DeepClone(), ScaledObjectPatches.Pause("u1", annotations, labels, 0, 0, Evening)).IsValid
                .ShouldBeFalse("a pause never overwrites a record: what the morning puts back would be lost");
        });
    }

    private static JsonObject ScaledObject(Dictionary<string, string>? annotations, Dictionary<string, string>? labels)
    {
        var metadata = new JsonObject { ["name"] = "worker", ["uid"] = "u1", ["resourceVersion"] = "7" };
        if (annotations is not null)
        {
            metadata["annotations"] = RecordMaps.Node(annotations);
        }

        if (labels is not null)
        {
            metadata["labels"] = RecordMaps.Node(labels);
        }

        return new JsonObject
        {
            ["apiVersion"] = "keda.sh/v1alpha1",
            ["kind"] = "ScaledObject",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject { ["scaleTargetRef"] = new JsonObject { ["name"] = "worker" }, ["minReplicaCount"] = 0 },
        };
    }

    // ObjectMeta's annotations and labels are omitempty: a map emptied by the removals is the object that never had it.
    // They are Go maps, which kube-apiserver stores and serves in key order: the order of the patch's writes is not kept.
    private static string Stored(JsonNode scaledObject)
    {
        var copy = scaledObject.DeepClone();
        var metadata = copy["metadata"]!.AsObject();
        foreach (var map in new[] { "annotations", "labels" })
        {
            if (metadata[map] is JsonObject { Count: 0 })
            {
                metadata.Remove(map);
            }
            else if (metadata[map] is JsonObject entries)
            {
                metadata[map] = new JsonObject(entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => KeyValuePair.Create(e.Key, e.Value?.DeepClone())));
            }
        }

        return copy.ToJsonString();
    }

    private static JsonNode Apply(JsonNode scaledObject, JsonArray patch)
    {
        var result = JsonPatch.Apply(scaledObject.DeepClone(), patch);
        result.IsValid.ShouldBeTrue(result.IsValid ? null : result.Error);
        return result.Value.ShouldNotBeNull();
    }

    private static ScaledObjectPolicy Policy(bool offHours, int downtime) => new(offHours, downtime, ManualRestore: false, Readable: true);
}
