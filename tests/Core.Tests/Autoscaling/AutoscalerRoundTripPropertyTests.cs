using System.Text.Json.Nodes;
using CsCheck;
using NodaTime;
using Tarnfui.Core.Autoscaling;

namespace Tarnfui.Core.Tests.Autoscaling;

/// <summary>
/// The bound and the restore, applied as the API server applies JSON Patch, give an HPA back exactly as it was: its
/// bounds (an absent minReplicas stays absent) and its annotations, whatever they were and whatever count it was held at.
/// </summary>
public class AutoscalerRoundTripPropertyTests
{
    private static readonly Gen<int?> Min = Gen.Frequency((1, Gen.Const((int?)null)), (4, Gen.Int[1, 20].Select(m => (int?)m)));
    private static readonly Gen<Dictionary<string, string>?> Annotations = Gen.Frequency(
        (1, Gen.Const((Dictionary<string, string>?)null)),
        (3, Gen.Select(Gen.Bool, Gen.Bool, Gen.String[Gen.Char.AlphaNumeric, 0, 6], (team, app, value) =>
        {
            var map = new Dictionary<string, string>();
            if (team)
            {
                map["team"] = value;
            }

            if (app)
            {
                map["app"] = "web";
            }

            return (Dictionary<string, string>?)map;
        })));

    [Fact]
    public void Restore_after_bound_is_the_identity()
    {
        Gen.Select(Min, Gen.Int[0, 30], Gen.Int[1, 10], Annotations).Sample((min, extra, held, annotations) =>
        {
            var max = (min ?? 1) + extra;
            var before = Hpa(min, max, annotations);

            var bounded = JsonPatchModel.Apply(before, AutoscalerPatches.Bound("u1", annotations, new AutoscalerBounds(min, max), held, Instant.FromUtc(2026, 11, 23, 19, 0)));
            bounded.ShouldNotBeNull("the bound applies to the HPA it read");
            ((int?)bounded["spec"]!["minReplicas"], (int?)bounded["spec"]!["maxReplicas"]).ShouldBe((held, held));

            var boundedAnnotations = bounded["metadata"]!["annotations"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!);
            var record = AutoscalerRecord.Read(boundedAnnotations).Value!;
            AutoscalerRules.Decide(new AutoscalerBounds(held, held), ParseResult<AutoscalerRecord?>.Ok(record), null).ShouldBe(new AutoscalerVerdict.PutBack(record));
            var restored = JsonPatchModel.Apply(bounded, AutoscalerPatches.Restore("u1", boundedAnnotations, record));

            restored.ShouldNotBeNull("the restore applies to the HPA as bounded");

            JsonNode.DeepEquals(Served(restored), Served(before)).ShouldBeTrue($"{restored.ToJsonString()} is not {before.ToJsonString()}");
        }, iter: 500, threads: 1);
    }

    // An empty map is an absent one: the API server omits both (metadata.annotations is omitempty).
    private static JsonObject Served(JsonObject hpa)
    {
        var served = hpa.DeepClone().AsObject();
        if (served["metadata"]!["annotations"] is JsonObject { Count: 0 })
        {
            served["metadata"]!.AsObject().Remove("annotations");
        }

        return served;
    }

    private static JsonObject Hpa(int? min, int max, Dictionary<string, string>? annotations)
    {
        var spec = new JsonObject();
        if (min is { } m)
        {
            spec["minReplicas"] = m;
        }

        spec["maxReplicas"] = max;
        var metadata = new JsonObject { ["name"] = "web", ["uid"] = "u1" };
        if (annotations is not null)
        {
            metadata["annotations"] = new JsonObject(annotations.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value)));
        }

        return new JsonObject { ["metadata"] = metadata, ["spec"] = spec };
    }
}
