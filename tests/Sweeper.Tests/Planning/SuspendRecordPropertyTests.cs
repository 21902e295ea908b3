using System.Text.Json.Nodes;
using CsCheck;
using NodaTime;
using Tarnfui.Core;
using Tarnfui.Core.Replicas;
using Tarnfui.Core.StopRecord;
using Tarnfui.Emulator.Api.Patching;

namespace Tarnfui.Sweeper.Tests.Planning;

/// <summary>
/// A CronJob's suspend and resume undo each other exactly, for ANY stored <c>spec.suspend</c> and any labels and
/// annotations it carries (foreign keys, maps absent or empty): each patch, preconditions included, is applied with the
/// emulator's RFC 6902 implementation, and the morning's object is the evening's, byte for byte.
/// </summary>
public class SuspendRecordPropertyTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 22, 0);

    private static readonly Gen<Dictionary<string, string>?> Annotations =
        RecordMaps.Of([WellKnown.Annotations.Exclude, WellKnown.Annotations.Uptime, "example.com/team", "a~/b"], ["true", "", "Mon-Fri 08:00-18:00", "x"], absentOneIn: 5);

    private static readonly Gen<Dictionary<string, string>?> Labels = RecordMaps.Of(["app", "team"], ["web", "", "true"], absentOneIn: 5);

    [Fact]
    public void Suspend_then_resume_gives_back_exactly_the_original_object()
    {
        Gen.Select(Annotations, Labels, Gen.Bool, Gen.Int[1, 99]).Sample((annotations, labels, suspended, version) =>
        {
            var original = CronJob(annotations, labels, suspended, version.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var metadata = new WorkloadMetadata(annotations, labels);
            var verdict = SuspendRules.ForOffHours(suspended, SuspendState.Read(annotations, labels));
            if (suspended)
            {
                verdict.ShouldBeOfType<SuspendVerdict.SuspendedByPerson>("a CronJob a person suspended is never written");
                return;
            }

            verdict.ShouldBeOfType<SuspendVerdict.Suspend>();
            var stopped = Apply(original, SuspendPatches.Stop(metadata, suspended, Now, SuspendPatches.StopPreconditions(metadata, Version(original), suspended)));
            stopped["spec"]!["suspend"]!.GetValue<bool>().ShouldBeTrue();
            var (a, l) = RecordMaps.Read(stopped);
            StopMarks.IsStopped(a, l).ShouldBeTrue();
            var state = SuspendState.Read(a, l).Value.ShouldNotBeNull();
            state.OriginalSuspend.ShouldBe(suspended);

            // The API server moves the version with each write; the morning's patch tests the one it read.
            stopped["metadata"]!["resourceVersion"] = "after-stop";
            var stoppedMetadata = new WorkloadMetadata(a, l);
            SuspendRules.ForRestore(true, state).ShouldBe(new ResumeVerdict.PutBack(suspended));
            var restored = Apply(stopped, SuspendPatches.Restore(stoppedMetadata, state.OriginalSuspend, SuspendPatches.RestorePreconditions("after-stop", state.OriginalSuspend)));

            restored["metadata"]!["resourceVersion"] = Version(original);
            Stored(restored).ShouldBe(Stored(original));
        });
    }

    [Fact]
    public void A_resume_by_a_person_fails_the_morning_patch_and_the_forget_keeps_their_choice()
    {
        Gen.Select(Annotations, Labels).Sample((annotations, labels) =>
        {
            var original = CronJob(annotations, labels, suspended: false, "5");
            var metadata = new WorkloadMetadata(annotations, labels);
            var stopped = Apply(original, SuspendPatches.Stop(metadata, false, Now, SuspendPatches.StopPreconditions(metadata, "5", false)));
            stopped["spec"]!["suspend"] = false;
            var (a, l) = RecordMaps.Read(stopped);
            var stoppedMetadata = new WorkloadMetadata(a, l);

            var putBack = JsonPatch.Apply(stopped.DeepClone(), SuspendPatches.Restore(stoppedMetadata, false, SuspendPatches.RestorePreconditions("5", false)));
            putBack.IsValid.ShouldBeFalse("a patch planned on the suspended object fails its test of spec.suspend");

            var state = SuspendState.Read(a, l).Value.ShouldNotBeNull();
            SuspendRules.ForRestore(false, state).ShouldBeOfType<ResumeVerdict.Forget>();
            var forgotten = Apply(stopped, ReplicaPatches.Forget(stoppedMetadata, PatchPreconditions.OnResourceVersion("5")));
            Stored(forgotten).ShouldBe(Stored(original));
        });
    }

    private static JsonObject CronJob(Dictionary<string, string>? annotations, Dictionary<string, string>? labels, bool suspended, string version)
    {
        var metadata = new JsonObject { ["name"] = "nightly", ["resourceVersion"] = version };
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
            ["metadata"] = metadata,
            ["spec"] = new JsonObject { ["schedule"] = "0 2 * * *", ["suspend"] = suspended, ["concurrencyPolicy"] = "Allow" },
        };
    }

    // The object as kube-apiserver stores it: ObjectMeta's annotations and labels are omitempty, so a map emptied by the
    // restore's removals is the same object as one that never had it.
    private static string Stored(JsonNode cronJob)
    {
        var copy = cronJob.DeepClone();
        var metadata = copy["metadata"]!.AsObject();
        foreach (var map in new[] { "annotations", "labels" })
        {
            if (metadata[map] is JsonObject { Count: 0 })
            {
                metadata.Remove(map);
            }
        }

        return copy.ToJsonString();
    }

    private static string Version(JsonNode cronJob) => (string)cronJob["metadata"]!["resourceVersion"]!;

    private static JsonNode Apply(JsonNode cronJob, JsonArray patch)
    {
        var result = JsonPatch.Apply(cronJob.DeepClone(), patch);
        result.IsValid.ShouldBeTrue(result.IsValid ? null : result.Error);
        return result.Value.ShouldNotBeNull();
    }
}
