using System.Text.Json.Nodes;
using CsCheck;
using Tarnfui.Cli.Cluster.Restore;
using Tarnfui.Cli.Cluster.Sleep;
using Tarnfui.Cli.Cluster.Workloads;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;
using Tarnfui.Emulator.Api.Patching;
using static Tarnfui.Cli.Tests.Cluster.TestWorkloads;

namespace Tarnfui.Cli.Tests.Cluster;

/// <summary>
/// The invariant of sleep and restore on a CronJob: whatever it carried, <c>sleep</c> then <c>restore</c> (each patch
/// applied as the API server applies JSON Patch) leaves it exactly as it was, save a wake-up the sleep ended.
/// A CronJob a person suspended is left untouched by both.
/// </summary>
public class CronJobRoundTripPropertyTests
{
    private static readonly Gen<Dictionary<string, string>?> Maps = Gen.OneOf(
        Gen.Const((Dictionary<string, string>?)null),
        Gen.Select(Gen.Bool, Gen.Bool, (team, woken) =>
        {
            var map = new Dictionary<string, string>();
            if (team)
            {
                map["team"] = "shop";
            }

            if (woken)
            {
                map[WellKnown.Annotations.ExcludeUntil] = "2026-11-23T21:00:00Z";
            }

            return (Dictionary<string, string>?)map;
        }));

    [Fact]
    public void Sleep_then_restore_gives_the_cronjob_back_as_it_was()
    {
        Gen.Select(Gen.Bool, Maps, Maps).Sample((suspend, annotations, labels) =>
        {
            var before = Document(suspend, annotations, labels?.Where(l => l.Key != WellKnown.Annotations.ExcludeUntil).ToDictionary());

            var sleep = SleepCommand.Decide(Read(before), null, DefaultResolver, Night);
            var asleep = Apply(before, sleep);
            var after = Apply(asleep, RestoreCommand.Decide(Read(asleep), null));

            var expected = before.DeepClone();
            if (sleep is WorkloadChange.Patch)
            {
                // The sleep ended the wake-up; one a person suspended is not Tarnfui's to touch, wake-up and all.
                (expected["metadata"]!["annotations"] as JsonObject)?.Remove(WellKnown.Annotations.ExcludeUntil);
            }

            JsonNode.DeepEquals(Normalised(after), Normalised(expected)).ShouldBeTrue($"before {before.ToJsonString()}, asleep {asleep.ToJsonString()}, after {after.ToJsonString()}");
        });
    }

    private static JsonObject Document(bool suspend, Dictionary<string, string>? annotations, Dictionary<string, string>? labels)
    {
        var metadata = new JsonObject { ["name"] = "report", ["namespace"] = "shop", ["resourceVersion"] = "42" };
        if (annotations is not null)
        {
            metadata["annotations"] = new JsonObject([.. annotations.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))]);
        }

        if (labels is not null)
        {
            metadata["labels"] = new JsonObject([.. labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))]);
        }

        return new JsonObject { ["metadata"] = metadata, ["spec"] = new JsonObject { ["schedule"] = "*/15 * * * *", ["suspend"] = suspend } };
    }

    private static Workload Read(JsonNode document)
    {
        static Dictionary<string, string>? Map(JsonNode? node) => node?.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
        var metadata = document["metadata"]!;
        return new Workload(
            new WorkloadRef(WorkloadKind.CronJob, "shop", "report"),
            new WorkloadMetadata(Map(metadata["annotations"]), Map(metadata["labels"])),
            null,
            metadata["resourceVersion"]!.GetValue<string>(),
            false)
        {
            Suspend = document["spec"]!["suspend"]!.GetValue<bool>(),
        };
    }

    // Stands for the API server: the patch applies, and the stored object gets a new resourceVersion.
    private static JsonNode Apply(JsonNode document, WorkloadChange change)
    {
        if (change is not WorkloadChange.Patch patch)
        {
            return document;
        }

        var applied = JsonPatch.Apply(document.DeepClone(), patch.Operations.DeepClone().AsArray());
        applied.IsValid.ShouldBeTrue(applied.IsValid ? string.Empty : applied.Error);
        var next = applied.Value!;
        next["metadata"]!["resourceVersion"] = "43";
        return next;
    }

    // An empty map left by removing the record is the map the object had before, less its keys: compare without
    // resourceVersion, and with an empty map the same as none (kube-apiserver drops empty maps on write).
    private static JsonNode Normalised(JsonNode document)
    {
        var copy = document.DeepClone();
        var metadata = copy["metadata"]!.AsObject();
        metadata.Remove("resourceVersion");
        foreach (var key in new[] { "annotations", "labels" })
        {
            if (metadata[key] is JsonObject { Count: 0 })
            {
                metadata.Remove(key);
            }
        }

        return copy;
    }
}
