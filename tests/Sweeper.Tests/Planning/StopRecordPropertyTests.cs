using System.Text.Json.Nodes;
using CsCheck;
using NodaTime;
using Tarnfui.Core;
using Tarnfui.Core.Replicas;
using Tarnfui.Core.StopRecord;
using Tarnfui.Emulator.Api.Patching;

namespace Tarnfui.Sweeper.Tests.Planning;

/// <summary>
/// The one predicate and the writes of the stop record agree, for ANY labels and annotations a workload may carry
/// (Tarnfui's keys with valid, invalid or foreign values, maps absent or empty): each write is applied with the
/// emulator's RFC 6902 implementation and the predicate is asked about the object that results.
/// </summary>
public class StopRecordPropertyTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 22, 0);

    private static readonly string[] AnnotationKeys =
        [StopMarks.OriginalReplicas, StopMarks.HeldReplicas, StopMarks.StoppedAt, WellKnown.Annotations.Exclude, "example.com/team", "a~/b"];

    private static readonly string[] AnnotationValues = ["3", "0", "three", "", "2026-11-23T19:00:00Z", "true"];

    private static readonly string[] LabelKeys = [StopMarks.StoppedLabel, "app"];

    private static readonly string[] LabelValues = ["true", "false", "", "True"];

    private static readonly Gen<Dictionary<string, string>?> Annotations = RecordMaps.Of(AnnotationKeys, AnnotationValues, absentOneIn: 6);

    private static readonly Gen<Dictionary<string, string>?> Labels = RecordMaps.Of(LabelKeys, LabelValues, absentOneIn: 6);

    private static readonly Gen<ReplicasMember> Member = Gen.Bool.Select(b => b ? ReplicasMember.Stored : ReplicasMember.MayBeAbsent);

    [Fact]
    public void After_a_stop_the_predicate_says_stopped_and_the_record_reads_back_the_written_counts()
    {
        Gen.Select(Annotations, Labels, Gen.Int[0, 20], Gen.Int[0, 3], Member, Gen.Bool).Sample((annotations, labels, current, downtime, member, absent) =>
        {
            var before = StopMarks.IsStopped(annotations, labels);
            var keptInstant = before && annotations?.TryGetValue(StopMarks.StoppedAt, out var at) == true && at.Length > 0 ? at : null;
            var workload = Workload(annotations, labels, member == ReplicasMember.MayBeAbsent && absent ? null : current);

            var stopped = Apply(workload, StopWrites.Stop(annotations, labels, current, downtime, Now, member));

            var (a, l) = RecordMaps.Read(stopped);
            StopMarks.IsStopped(a, l).ShouldBeTrue();
            StopMarks.IsLabelled(l).ShouldBeTrue();
            var record = StoppedState.Read(a, l).Value.ShouldNotBeNull();
            (record.OriginalReplicas, record.HeldReplicas).ShouldBe((current, (int?)downtime));
            a![StopMarks.StoppedAt].ShouldBe(keptInstant ?? AnnotationValuesOf(Now), "a stop again keeps the first stop's instant");
            Replicas(stopped).ShouldBe(downtime);
            Foreign(a, l).ShouldBe(Foreign(annotations, labels), "a stop touches only the record");
        });
    }

    [Fact]
    public void After_a_restore_or_a_forget_the_predicate_says_not_stopped_and_no_key_is_left()
    {
        Gen.Select(Annotations, Labels, Gen.Int[0, 20], Gen.Int[0, 3], Gen.Bool).Sample((annotations, labels, original, downtime, restore) =>
        {
            var (stoppedAnnotations, stoppedLabels) = RecordMaps.Read(Apply(Workload(annotations, labels, original), StopWrites.Stop(annotations, labels, original, downtime, Now, ReplicasMember.Stored)));

            // From a stopped workload, and from whatever the generator made (a forget of a partial record must apply too).
            foreach (var (a, l) in new[] { (stoppedAnnotations, stoppedLabels), (annotations, labels) })
            {
                var writes = restore ? StopWrites.Restore(a, l, original) : StopWrites.Forget(a, l);
                var result = Apply(Workload(a, l, downtime), writes);

                var (after, afterLabels) = RecordMaps.Read(result);
                StopMarks.IsStopped(after, afterLabels).ShouldBeFalse();
                StopMarks.HasAnyKey(after, afterLabels).ShouldBeFalse();
                StoppedState.Read(after, afterLabels).Value.ShouldBeNull();
                Replicas(result).ShouldBe(restore ? original : downtime);
                Foreign(after, afterLabels).ShouldBe(Foreign(annotations, labels));
            }
        });
    }

    [Fact]
    public void Keep_intent_puts_back_a_record_an_update_dropped()
    {
        Gen.Select(Annotations, Labels, Gen.Int[0, 20], Gen.Int[0, 3], Gen.Int[0, 15], Gen.Bool).Sample((annotations, labels, original, downtime, drop, changesReplicas) =>
        {
            var stored = Apply(Workload(annotations, labels, original), StopWrites.Stop(annotations, labels, original, downtime, Now, ReplicasMember.Stored));
            var (oldAnnotations, oldLabels) = RecordMaps.Read(stored);

            // The update drops any part of the record: each annotation, the label, or whole maps.
            var newAnnotations = Without(oldAnnotations, StopMarks.Annotations.Where((_, i) => (drop & (1 << i)) != 0), dropMap: drop == 15);
            var newLabels = Without(oldLabels, (drop & 8) != 0 ? [StopMarks.StoppedLabel] : [], dropMap: drop == 15);
            var newReplicas = changesReplicas ? downtime + 1 : downtime;

            var writes = StopWrites.KeepIntent(oldAnnotations, oldLabels, downtime, newAnnotations, newLabels, newReplicas, out var kept);

            if (changesReplicas)
            {
                writes.ShouldBeEmpty("a person who sets a count and drops the record takes the workload over");
                return;
            }

            kept.ShouldBe(original);
            var (a, l) = RecordMaps.Read(Apply(Workload(newAnnotations, newLabels, newReplicas), writes));
            StopMarks.IsStopped(a, l).ShouldBeTrue();
            StopMarks.IsLabelled(l).ShouldBeTrue();
            Record(a).ShouldBe(Record(oldAnnotations));
        });
    }

    private static JsonObject Workload(IReadOnlyDictionary<string, string>? annotations, IReadOnlyDictionary<string, string>? labels, int? replicas)
    {
        var metadata = new JsonObject { ["name"] = "api" };
        if (annotations is not null)
        {
            metadata["annotations"] = RecordMaps.Node(annotations);
        }

        if (labels is not null)
        {
            metadata["labels"] = RecordMaps.Node(labels);
        }

        var spec = new JsonObject();
        if (replicas is { } count)
        {
            spec["replicas"] = count;
        }

        return new JsonObject { ["metadata"] = metadata, ["spec"] = spec };
    }

    private static JsonNode Apply(JsonObject workload, List<PatchOperation> writes)
    {
        var result = JsonPatch.Apply(workload, JsonPatchNodes.Of(writes));
        result.IsValid.ShouldBeTrue(result.IsValid ? null : result.Error);
        return result.Value.ShouldNotBeNull();
    }

    private static int? Replicas(JsonNode workload) => (int?)workload["spec"]?["replicas"];

    private static string AnnotationValuesOf(Instant instant) => Tarnfui.Core.Policy.AnnotationValues.FormatInstant(instant);

    private static Dictionary<string, string>? Without(Dictionary<string, string>? map, IEnumerable<string> keys, bool dropMap)
    {
        if (map is null || dropMap)
        {
            return null;
        }

        var copy = new Dictionary<string, string>(map, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            copy.Remove(key);
        }

        return copy;
    }

    // The record's annotations, in key order.
    private static string[] Record(Dictionary<string, string>? annotations) =>
        [.. StopMarks.Annotations.Where(k => annotations?.ContainsKey(k) == true).Order(StringComparer.Ordinal).Select(k => $"{k}={annotations![k]}")];

    // Everything but the record, in key order: what no write of the record may change.
    private static string[] Foreign(IReadOnlyDictionary<string, string>? annotations, IReadOnlyDictionary<string, string>? labels) =>
        [
            .. (annotations ?? new Dictionary<string, string>()).Where(a => !StopMarks.Annotations.Contains(a.Key)).Select(a => $"a:{a.Key}={a.Value}")
                .Concat((labels ?? new Dictionary<string, string>()).Where(l => l.Key != StopMarks.StoppedLabel).Select(l => $"l:{l.Key}={l.Value}"))
                .Order(StringComparer.Ordinal),
        ];
}
