using System.Text.Json.Nodes;
using CsCheck;
using Tarnfui.Emulator.Api.Crds;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Tests.Conformance;

/// <summary>Invariants of structural pruning over objects mixing declared, preserved and unknown fields.</summary>
public sealed class CrdSchemaPruningPropertyTests
{
    private static readonly CustomResourceInfo Widgets = new("widgets.example.tarnfui.io", """
        {"type":"object","properties":{"spec":{"type":"object","properties":{
          "size":{"type":"integer"},"colour":{"type":"string"},
          "parts":{"type":"array","items":{"type":"object","properties":{"name":{"type":"string"}}}},
          "extra":{"type":"object","x-kubernetes-preserve-unknown-fields":true},
          "labels":{"type":"object","additionalProperties":{"type":"string"}}}}}}
        """, Storage: true, Scale: null);

    private static readonly Gen<string> Unknown = Gen.String[Gen.Char['a', 'z'], 1, 6].Select(s => "x" + s);

    private static readonly Gen<JsonObject> Objects =
        Gen.Select(Gen.Int[0, 9], Unknown.Array[0, 3], Unknown.Array[0, 3], Unknown.Array[0, 3], Unknown.Array[0, 2])
            .Select((size, specUnknown, extraKeys, labelKeys, partUnknown) =>
            {
                var spec = new JsonObject
                {
                    ["size"] = size,
                    ["extra"] = new JsonObject(extraKeys.Distinct().Select(k => KeyValuePair.Create(k, (JsonNode?)k))),
                    ["labels"] = new JsonObject(labelKeys.Distinct().Select(k => KeyValuePair.Create(k, (JsonNode?)k))),
                    ["parts"] = new JsonArray(new JsonObject(
                        [KeyValuePair.Create("name", (JsonNode?)"p"), .. partUnknown.Distinct().Select(k => KeyValuePair.Create(k, (JsonNode?)1))])),
                };
                foreach (var key in specUnknown.Distinct())
                {
                    spec[key] = true;
                }

                return new JsonObject { ["apiVersion"] = "example.tarnfui.io/v1", ["kind"] = "Widget", ["metadata"] = new JsonObject { ["name"] = "w" }, ["spec"] = spec };
            });

    [Fact]
    public void Pruning_drops_exactly_the_reported_unknown_fields_keeps_preserved_ones_and_is_idempotent()
    {
        Objects.Sample(obj =>
        {
            var reported = CrdSchemaPruning.UnknownFields(Widgets, obj);
            var pruned = obj.DeepClone().AsObject();
            CrdSchemaPruning.Prune(Widgets, pruned);

            reported.ShouldAllBe(path => path.StartsWith("spec.x", StringComparison.Ordinal) || path.StartsWith("spec.parts[0].x", StringComparison.Ordinal));
            CrdSchemaPruning.UnknownFields(Widgets, pruned).ShouldBeEmpty();
            pruned["spec"]!["extra"]!.ToJsonString().ShouldBe(obj["spec"]!["extra"]!.ToJsonString());
            pruned["spec"]!["labels"]!.ToJsonString().ShouldBe(obj["spec"]!["labels"]!.ToJsonString());
            pruned["spec"]!.AsObject().Count.ShouldBe(obj["spec"]!.AsObject().Count - reported.Count(p => !p.Contains('[', StringComparison.Ordinal)));
            var again = pruned.DeepClone().AsObject();
            CrdSchemaPruning.Prune(Widgets, again);
            JsonNode.DeepEquals(again, pruned).ShouldBeTrue();
        });
    }
}
