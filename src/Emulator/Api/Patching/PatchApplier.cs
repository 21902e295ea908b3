using System.Text.Json;
using System.Text.Json.Nodes;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Api.Patching;

/// <summary>Chooses the patch algorithm from the request's Content-Type, as kube-apiserver does.</summary>
public static class PatchApplier
{
    public const string JsonPatchType = "application/json-patch+json";
    public const string MergePatchType = "application/merge-patch+json";
    public const string StrategicMergePatchType = "application/strategic-merge-patch+json";
    public const string ApplyPatchType = "application/apply-patch+yaml";

    /// <summary>True for a server-side apply (<c>application/apply-patch+yaml</c>).</summary>
    public static bool IsApply(string? contentType) => MediaType(contentType) == ApplyPatchType;

    /// <summary>
    /// Applies <paramref name="body"/> to a copy of <paramref name="current"/>; 415 for an unsupported type (and for a
    /// strategic merge patch of a custom resource, which has no patch strategies), 400 for bad JSON. A server-side
    /// apply merges the applied configuration over the object (strategic for built-in types, JSON merge for custom
    /// ones) without managedFields: fields the configuration no longer sets are kept, not removed.
    /// </summary>
    public static JsonObject Apply(string? contentType, JsonObject current, ReadOnlySpan<byte> body, bool customResource = false)
    {
        var mediaType = MediaType(contentType);
        if (mediaType is not (JsonPatchType or MergePatchType or StrategicMergePatchType or ApplyPatchType)
            || (customResource && mediaType == StrategicMergePatchType))
        {
            throw StatusException.UnsupportedMediaType(mediaType);
        }

        JsonNode? patch;
        try
        {
            patch = JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            throw StatusException.BadRequest($"error decoding patch: {e.Message}");
        }

        var result = mediaType switch
        {
            JsonPatchType => JsonPatch.ApplyRequest(current, patch),
            MergePatchType => MergePatch.Apply(current, patch),
            ApplyPatchType when customResource => MergePatch.Apply(current, patch),
            _ => StrategicMergePatch.Apply(current, patch!),
        };
        return result as JsonObject ?? throw new StatusException(422, "Invalid", "the patch did not produce an object");
    }

    private static string MediaType(string? contentType) => contentType?.Split(';')[0].Trim().ToLowerInvariant() ?? "";
}
