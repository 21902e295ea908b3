using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tarnfui.Emulator.Api.Protobuf;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Api;

/// <summary>The query parameters and body decoding every write shares: dryRun, fieldValidation, fieldManager.</summary>
public sealed record RequestOptions(bool DryRun, string FieldValidation, string? FieldManager)
{
    public static RequestOptions From(HttpRequest request)
    {
        var dryRun = request.Query["dryRun"].ToString();
        if (dryRun.Length > 0 && dryRun != "All")
        {
            throw StatusException.BadRequest($"Invalid dry run value: \"{dryRun}\": supported values: \"All\"");
        }

        var validation = request.Query["fieldValidation"].ToString();
        if (validation.Length > 0 && validation is not ("Strict" or "Warn" or "Ignore"))
        {
            throw StatusException.BadRequest($"fieldValidation: Unsupported value: \"{validation}\": supported values: \"Ignore\", \"Strict\", \"Warn\"");
        }

        var manager = request.Query["fieldManager"].ToString();
        return new RequestOptions(dryRun == "All", validation.Length == 0 ? "Warn" : validation, manager.Length == 0 ? null : manager);
    }

    /// <summary>Reads the request body as a JSON object of <paramref name="type"/>; anything else is a 400 worded like the real decoder's.</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, ResourceType type, string kind, string apiVersion)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant() ?? "";
        JsonNode? node;
        if (mediaType == KubernetesProtobuf.MediaType)
        {
            node = await ReadProtobufAsync(request, kind, type.Version);
        }
        else if (mediaType is "" or "application/json" or "*/*")
        {
            try
            {
                node = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            }
            catch (JsonException e)
            {
                throw StatusException.BadRequest($"{kind} in version \"{type.Version}\" cannot be handled as a {kind}: {e.Message}");
            }
        }
        else
        {
            throw new StatusException(415, "UnsupportedMediaType",
                $"the body of the request was in an unknown format - accepted media types include: application/json, {KubernetesProtobuf.MediaType}; got {mediaType}");
        }

        if (node is not JsonObject obj)
        {
            throw StatusException.BadRequest($"{kind} in version \"{type.Version}\" cannot be handled as a {kind}: expected a JSON object");
        }

        if ((string?)obj["kind"] is { } sentKind && sentKind != kind || (string?)obj["apiVersion"] is { } sentVersion && sentVersion != apiVersion)
        {
            throw StatusException.BadRequest($"the API version in the data ({(string?)obj["apiVersion"]}) does not match the expected API version ({apiVersion})");
        }

        if (obj["metadata"] is not JsonObject)
        {
            obj["metadata"] = new JsonObject();
        }

        return obj;
    }

    // kubectl create/run send protobuf: decoded for the kinds they generate, refused by name (415) for anything else.
    private static async Task<JsonNode> ReadProtobufAsync(HttpRequest request, string kind, string version)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        try
        {
            return KubernetesProtobuf.Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }
        catch (NotSupportedException e)
        {
            throw new StatusException(415, "UnsupportedMediaType", e.Message);
        }
        catch (FormatException e)
        {
            throw StatusException.BadRequest($"{kind} in version \"{version}\" cannot be handled as a {kind}: {e.Message}");
        }
    }

    /// <summary>metadata.resourceVersion of an object, as a precondition; null when absent or empty.</summary>
    public static long? ResourceVersionOf(JsonObject obj)
    {
        var text = (string?)obj["metadata"]?["resourceVersion"];
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var rv)
            ? rv
            : throw StatusException.BadRequest($"invalid resourceVersion \"{text}\"");
    }
}
