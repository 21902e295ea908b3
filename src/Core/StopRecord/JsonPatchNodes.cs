using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Tarnfui.Core.Replicas;

namespace Tarnfui.Core.StopRecord;

/// <summary>
/// Writes neutral <see cref="PatchOperation"/>s as a <see cref="JsonArray"/>, the form the sweeper and the CLI send
/// (<c>new V1Patch(ops.ToJsonString(), V1Patch.PatchType.JsonPatch)</c>) and append their own operations to.
/// The webhook writes the same operations straight to UTF-8 instead (its encoder is on the admission hot path).
/// </summary>
public static class JsonPatchNodes
{
    /// <summary>Appends <paramref name="operations"/> to <paramref name="document"/>.</summary>
    public static JsonArray Append(JsonArray document, IEnumerable<PatchOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(operations);
        foreach (var operation in operations)
        {
            document.Add(Node(operation));
        }

        return document;
    }

    /// <summary>A new document of <paramref name="operations"/>.</summary>
    public static JsonArray Of(IEnumerable<PatchOperation> operations) => Append(new JsonArray(), operations);

    // JsonNode, not JsonObject: JsonArray.Add<JsonObject> would be the generic overload, which wraps values by
    // reflection and is unfit for the native sweeper build; Add(JsonNode) is not.
    [SuppressMessage("Performance", "CA1859:Use concrete types when possible for improved performance", Justification = "Selects JsonArray.Add(JsonNode), see above.")]
    private static JsonNode Node(PatchOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var node = new JsonObject { ["op"] = operation.Op, ["path"] = JsonPointer.Of(operation.Path) };
        if (operation.Kind != PatchOperationKind.Remove)
        {
            node["value"] = Value(operation.Value);
        }

        return node;
    }

    private static JsonNode? Value(PatchValue? value) => value switch
    {
        null or PatchValue.Null => null,
        PatchValue.Number number => JsonValue.Create(number.Value),
        PatchValue.Flag flag => JsonValue.Create(flag.Value),
        PatchValue.Text text => JsonValue.Create(text.Value),
        PatchValue.Map map => Map(map),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "not a patch value Tarnfui writes"),
    };

    private static JsonObject Map(PatchValue.Map map)
    {
        var node = new JsonObject();
        foreach (var (key, entry) in map.Entries)
        {
            node[key] = entry;
        }

        return node;
    }
}
