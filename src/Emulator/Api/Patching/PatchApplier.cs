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

    /// <summary>Applies <paramref name="body"/> to a copy of <paramref name="current"/>; 415 for an unsupported type, 400 for bad JSON.</summary>
    public static JsonObject Apply(string? contentType, JsonObject current, ReadOnlySpan<byte> body)
    {
        var mediaType = contentType?.Split(';')[0].Trim().ToLowerInvariant() ?? "";
        if (mediaType is not (JsonPatchType or MergePatchType or StrategicMergePatchType))
        {
            // Server-side apply needs managedFields bookkeeping the sandbox does not emulate.
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
            _ => StrategicMergePatch.Apply(current, patch!),
        };
        return result as JsonObject ?? throw new StatusException(422, "Invalid", "the patch did not produce an object");
    }
}
