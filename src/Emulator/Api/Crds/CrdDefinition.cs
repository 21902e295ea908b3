using System.Text.Json.Nodes;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Api.Crds;

/// <summary>
/// Reads an <c>apiextensions.k8s.io/v1</c> CustomResourceDefinition: the checks kube-apiserver's validation makes
/// that the emulator depends on (a 422 otherwise), and the <see cref="ResourceType"/> of each served version.
/// </summary>
public static class CrdDefinition
{
    private static readonly string[] SubresourceNames = ["scale", "status"];

    /// <summary>Throws a 422 Invalid worded like kube-apiserver's for a CRD the emulator could not serve.</summary>
    public static void Validate(JsonObject crd)
    {
        var name = (string?)crd["metadata"]?["name"] ?? "";
        var spec = crd["spec"] as JsonObject ?? throw Invalid(name, "spec", "Required value");
        var group = (string?)spec["group"] ?? "";
        var plural = (string?)spec["names"]?["plural"] ?? "";
        if (!group.Contains('.', StringComparison.Ordinal))
        {
            throw Invalid(name, "spec.group", $"Invalid value: \"{group}\": should be a domain with at least one dot");
        }

        if (plural.Length == 0 || ((string?)spec["names"]?["kind"] ?? "").Length == 0)
        {
            throw Invalid(name, "spec.names", "Required value: plural and kind are required");
        }

        if (name != $"{plural}.{group}")
        {
            throw Invalid(name, "metadata.name", $"Invalid value: \"{name}\": must be spec.names.plural+\".\"+spec.group");
        }

        if ((string?)spec["scope"] is not ("Namespaced" or "Cluster"))
        {
            throw Invalid(name, "spec.scope", $"Unsupported value: \"{(string?)spec["scope"]}\": supported values: \"Cluster\", \"Namespaced\"");
        }

        var versions = (spec["versions"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (versions.Count(v => (bool?)v["storage"] == true) != 1)
        {
            throw Invalid(name, "spec.versions", "Invalid value: must have exactly one version marked as storage version");
        }

        for (var i = 0; i < versions.Count; i++)
        {
            if (versions[i]["schema"]?["openAPIV3Schema"] is not JsonObject)
            {
                throw Invalid(name, $"spec.versions[{i}].schema.openAPIV3Schema", "Required value: schemas are required");
            }
        }

        if ((string?)spec["conversion"]?["strategy"] is { } strategy && strategy != "None")
        {
            throw Invalid(name, "spec.conversion.strategy", $"Unsupported value: \"{strategy}\": the emulator serves only \"None\"");
        }
    }

    /// <summary>
    /// The types of the served versions of a (valid) CRD, storage version marked; the storage version is always among
    /// them, as its objects live there.
    /// </summary>
    public static IReadOnlyList<ResourceType> ServedTypes(JsonObject crd)
    {
        var name = (string)crd["metadata"]!["name"]!;
        var spec = crd["spec"]!.AsObject();
        var names = spec["names"]!.AsObject();
        var kind = (string)names["kind"]!;
        return (spec["versions"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(v => (bool?)v["served"] != false || (bool?)v["storage"] == true)
            .Select(v => new ResourceType(
                (string)spec["group"]!,
                (string)v["name"]!,
                kind,
                (string)names["plural"]!,
                (string?)names["singular"] ?? kind.ToLowerInvariant(),
                (string?)spec["scope"] == "Namespaced",
                Strings(names["shortNames"]),
                Subresources(v),
                Strings(names["categories"]),
                new CustomResourceInfo(name, v["schema"]!["openAPIV3Schema"]!.ToJsonString(), (bool?)v["storage"] == true, ScaleOf(v))))
            .ToList();
    }

    private static List<string> Subresources(JsonObject version)
    {
        var declared = version["subresources"] as JsonObject;
        return [.. SubresourceNames.Where(s => declared?[s] is JsonObject)];
    }

    private static ScalePaths? ScaleOf(JsonObject version) =>
        version["subresources"]?["scale"] is JsonObject scale
            ? new ScalePaths((string?)scale["specReplicasPath"] ?? ".spec.replicas", (string?)scale["statusReplicasPath"] ?? ".status.replicas",
                (string?)scale["labelSelectorPath"])
            : null;

    private static List<string> Strings(JsonNode? node) =>
        [.. (node as JsonArray ?? []).Select(n => (string?)n).OfType<string>()];

    private static StatusException Invalid(string name, string field, string detail) =>
        new(422, "Invalid", $"CustomResourceDefinition.apiextensions.k8s.io \"{name}\" is invalid: {field}: {detail}",
            name, "apiextensions.k8s.io", "CustomResourceDefinition");
}
