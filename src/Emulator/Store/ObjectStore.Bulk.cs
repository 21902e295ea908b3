using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Tarnfui.Emulator.Store;

public sealed partial class ObjectStore
{
    /// <summary>
    /// Stores many new objects of one type given as compact UTF-8 JSON (the bulk seeder's path): no JSON tree is
    /// built. Each object must be complete as the tree path would store it — apiVersion, kind, the defaults of
    /// <see cref="ObjectDefaults"/>, name and namespace — and must not carry uid, creationTimestamp or
    /// resourceVersion: the store adds those (and <c>generation: 1</c> where the tree path adds it) at the end of
    /// its <c>metadata</c>, in the order and place <see cref="CreateMany(ResourceType, IEnumerable{System.Text.Json.Nodes.JsonObject})"/>
    /// appends them, so both paths store the same bytes. Namespaces take the tree path (their label is computed).
    /// </summary>
    public int CreateMany(ResourceType type, IEnumerable<ReadOnlyMemory<byte>> objects)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(objects);
        if (type == ResourceTypes.Namespaces)
        {
            throw new ArgumentException("namespaces get a computed label: store them with the JSON tree overload", nameof(type));
        }

        var drafts = new List<PreparedDraft>();
        foreach (var json in objects)
        {
            drafts.Add(PreparedDraft.Read(type, json));
        }

        // One timestamp for the batch: the clock is read once per write on the tree path too, and a batch is one write.
        var created = NodaTime.Text.InstantPattern.General.Format(_clock.GetCurrentInstant());
        var addGeneration = type.Group is "apps" or "batch" or "admissionregistration.k8s.io";
        lock (_gate)
        {
            string? checkedNamespace = null;
            var builder = TableOf(type).ToBuilder();
            foreach (var draft in drafts)
            {
                if (type.Namespaced && !string.Equals(draft.Key.Namespace, checkedNamespace, StringComparison.Ordinal))
                {
                    RequireNamespace(type, draft.Key.Namespace);
                    checkedNamespace = draft.Key.Namespace;
                }

                var resourceVersion = _resourceVersion + 1;
                var uid = Guid.NewGuid().ToString();
                var stored = draft.Stamp(type, uid, created, resourceVersion, addGeneration && !draft.HasGeneration);
                if (!builder.Add(stored))
                {
                    throw StatusException.AlreadyExists(type, draft.Key.Name);
                }

                Commit(new StoreChange(StoreChangeType.Added, stored));
            }

            _tables[type] = builder.ToImmutable();
        }

        return drafts.Count;
    }

    /// <summary>One object of the bytes path, read once: where its metadata ends and what the store must know of it.</summary>
    private readonly record struct PreparedDraft(
        ReadOnlyMemory<byte> Json, ObjectKey Key, int MetadataStart, int MetadataEnd, bool MetadataEmpty, bool HasGeneration,
        KeyValuePair<string, string>[] Labels, string? Phase, string? NodeName)
    {
        public static PreparedDraft Read(ResourceType type, ReadOnlyMemory<byte> json)
        {
            var reader = new Utf8JsonReader(json.Span);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new ArgumentException("a stored object is a JSON object", nameof(json));
            }

            string? name = null, ns = null, phase = null, nodeName = null;
            KeyValuePair<string, string>[] labels = [];
            int metadataStart = -1, metadataEnd = -1;
            bool empty = true, hasGeneration = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("metadata"u8))
                {
                    reader.Read();
                    metadataStart = (int)reader.TokenStartIndex;
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        empty = false;
                        if (reader.ValueTextEquals("name"u8))
                        {
                            reader.Read();
                            name = reader.GetString();
                        }
                        else if (reader.ValueTextEquals("namespace"u8))
                        {
                            reader.Read();
                            ns = reader.GetString();
                        }
                        else if (reader.ValueTextEquals("labels"u8))
                        {
                            reader.Read();
                            labels = ReadLabels(ref reader);
                        }
                        else if (reader.ValueTextEquals("uid"u8) || reader.ValueTextEquals("resourceVersion"u8) || reader.ValueTextEquals("creationTimestamp"u8)
                            || reader.ValueTextEquals("deletionTimestamp"u8))
                        {
                            throw new ArgumentException($"object {ns}/{name}: uid, resourceVersion, creationTimestamp and deletionTimestamp are the store's to set", nameof(json));
                        }
                        else
                        {
                            hasGeneration |= reader.ValueTextEquals("generation"u8);
                            reader.Read();
                            reader.Skip();
                        }
                    }

                    metadataEnd = (int)reader.TokenStartIndex; // the closing brace
                }
                else if (type == ResourceTypes.Pods && reader.ValueTextEquals("status"u8))
                {
                    phase = ReadChildString(ref reader, "phase"u8);
                }
                else if (type == ResourceTypes.Pods && reader.ValueTextEquals("spec"u8))
                {
                    nodeName = ReadChildString(ref reader, "nodeName"u8);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (metadataStart < 0 || string.IsNullOrEmpty(name) || (type.Namespaced && string.IsNullOrEmpty(ns)))
            {
                throw new ArgumentException($"a new {type.Kind} needs metadata with a name{(type.Namespaced ? " and a namespace" : "")}", nameof(json));
            }

            return new PreparedDraft(json, ObjectStore.Key(type, SharedStrings.Of(ns), name), metadataStart, metadataEnd, empty, hasGeneration,
                labels.Length == 0 ? labels : SharedStrings.Labels(labels, name), SharedStrings.Of(phase), SharedStrings.Of(nodeName));
        }

        /// <summary>The stored object: the draft with the store's fields inserted before the metadata's closing brace.</summary>
        public StoredObject Stamp(ResourceType type, string uid, string created, long resourceVersion, bool addGeneration)
        {
            var insert = new StringBuilder(128);
            // The order the tree path leaves them in: uid, creationTimestamp, generation (when it adds one), resourceVersion.
            insert.Append(MetadataEmpty ? "" : ",");
            insert.Append(CultureInfo.InvariantCulture, $"\"uid\":\"{uid}\",\"creationTimestamp\":\"{created}\",");
            if (addGeneration)
            {
                insert.Append("\"generation\":1,");
            }

            insert.Append(CultureInfo.InvariantCulture, $"\"resourceVersion\":\"{resourceVersion}\"");
            var extra = Encoding.UTF8.GetByteCount(insert.ToString());
            var source = Json.Span;
            var bytes = new byte[source.Length + extra];
            source[..MetadataEnd].CopyTo(bytes);
            Encoding.UTF8.GetBytes(insert.ToString(), bytes.AsSpan(MetadataEnd, extra));
            source[MetadataEnd..].CopyTo(bytes.AsSpan(MetadataEnd + extra));
            return StoredObject.FromParts(type, Key, bytes, MetadataStart, MetadataEnd + extra + 1 - MetadataStart, uid, resourceVersion, Labels, Phase, NodeName);
        }

        private static KeyValuePair<string, string>[] ReadLabels(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                return [];
            }

            var labels = new List<KeyValuePair<string, string>>(4);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                reader.Read();
                labels.Add(KeyValuePair.Create(key, reader.TokenType == JsonTokenType.String ? reader.GetString()! : ""));
            }

            return [.. labels];
        }

        // Reads the value of the property the reader is on and returns its string child `name`, leaving the reader at the value's end.
        private static string? ReadChildString(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                return null;
            }

            string? found = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var match = reader.ValueTextEquals(name);
                reader.Read();
                if (match && reader.TokenType == JsonTokenType.String)
                {
                    found = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }

            return found;
        }
    }
}
