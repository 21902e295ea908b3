using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;

namespace Tarnfui.Emulator.Store;

/// <summary>
/// One object as stored: immutable once built. Keeps the full JSON (UTF-8) so that reads stream it without
/// re-serialising, the byte range of its <c>metadata</c> so that metadata-only reads cost nothing extra, and
/// the few values selectors need.
/// </summary>
public sealed class StoredObject
{
    private readonly byte[] _json;
    private readonly int _metadataStart;
    private readonly int _metadataLength;

    private StoredObject(ResourceType type, ObjectKey key, byte[] json, int metadataStart, int metadataLength,
        string uid, long resourceVersion, KeyValuePair<string, string>[] labels, string? phase, string? nodeName)
    {
        Type = type;
        Key = key;
        _json = json;
        _metadataStart = metadataStart;
        _metadataLength = metadataLength;
        Uid = uid;
        ResourceVersion = resourceVersion;
        Labels = labels;
        Phase = phase;
        NodeName = nodeName;
    }

    public ResourceType Type { get; }
    public ObjectKey Key { get; }
    public string Namespace => Key.Namespace;
    public string Name => Key.Name;
    public string Uid { get; }
    public long ResourceVersion { get; }

    /// <summary>metadata.labels, as an array: label sets are small and arrays cost a tenth of a dictionary.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; }

    /// <summary>status.phase of a Pod (the field selector the sweeper uses), else null.</summary>
    public string? Phase { get; }

    /// <summary>spec.nodeName of a Pod, else null.</summary>
    public string? NodeName { get; }

    /// <summary>The whole object as UTF-8 JSON.</summary>
    public ReadOnlyMemory<byte> Json => _json;

    /// <summary>The <c>metadata</c> value alone, as UTF-8 JSON (a slice of <see cref="Json"/>).</summary>
    public ReadOnlyMemory<byte> MetadataJson => _json.AsMemory(_metadataStart, _metadataLength);

    /// <summary>A fresh mutable copy of the object.</summary>
    public JsonObject ToJsonObject() => JsonNode.Parse(_json)!.AsObject();

    /// <summary>The object as a KubernetesClient model (<c>V1Deployment</c>, <c>V1Pod</c>, ...).</summary>
    public T As<T>() => KubernetesJson.Deserialize<T>(Encoding.UTF8.GetString(_json));

    public string? Label(string key)
    {
        foreach (var label in Labels)
        {
            if (label.Key == key)
            {
                return label.Value;
            }
        }

        return null;
    }

    public override string ToString() => $"{Type.QualifiedResource} {Key} rv={ResourceVersion}";

    /// <summary>Builds the stored form of an object whose metadata the store has already completed.</summary>
    internal static StoredObject From(ResourceType type, JsonObject obj)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(obj, StoreJson.SerializerOptions);
        var metadata = obj["metadata"]!.AsObject();
        var key = new ObjectKey(type.Namespaced ? SharedStrings.Of((string?)metadata["namespace"]) ?? "" : "", (string)metadata["name"]!);
        var labels = metadata["labels"] is JsonObject labelNodes
            ? SharedStrings.Labels(labelNodes.Select(l => KeyValuePair.Create(l.Key, l.Value?.ToString() ?? "")), key.Name)
            : [];
        string? phase = null, nodeName = null;
        if (type == ResourceTypes.Pods)
        {
            phase = SharedStrings.Of((string?)obj["status"]?["phase"]);
            nodeName = SharedStrings.Of((string?)obj["spec"]?["nodeName"]);
        }

        var (start, length) = FindMetadata(json);
        return new StoredObject(type, key, json, start, length, (string?)metadata["uid"] ?? "",
            long.Parse((string?)metadata["resourceVersion"] ?? "0", System.Globalization.CultureInfo.InvariantCulture),
            labels, phase, nodeName);
    }

    /// <summary>Builds the stored form from bytes the store has already stamped (the bulk path), without re-reading them.</summary>
    internal static StoredObject FromParts(ResourceType type, ObjectKey key, byte[] json, int metadataStart, int metadataLength,
        string uid, long resourceVersion, KeyValuePair<string, string>[] labels, string? phase, string? nodeName) =>
        new(type, key, json, metadataStart, metadataLength, uid, resourceVersion, labels, phase, nodeName);

    /// <summary>A key-only instance used to search the sorted tables.</summary>
    internal static StoredObject Probe(ResourceType type, ObjectKey key) =>
        new(type, key, [], 0, 0, "", 0, [], null, null);

    private static (int Start, int Length) FindMetadata(byte[] json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read(); // StartObject
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isMetadata = reader.ValueTextEquals("metadata"u8);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (isMetadata)
            {
                return (start, (int)reader.BytesConsumed - start);
            }
        }

        throw new InvalidOperationException("stored objects always carry metadata");
    }
}
