using System.Text;
using System.Text.Json.Nodes;
using NodaTime;
using Tarnfui.Core.Policy;

namespace Tarnfui.Emulator.Api.Protobuf;

/// <summary>
/// Decodes <c>application/vnd.kubernetes.protobuf</c> request bodies — the <c>k8s\0</c> magic, then a
/// <c>runtime.Unknown</c> envelope (typeMeta = 1, raw = 2) around the object's message — into the JSON the sandbox
/// stores. kubectl's typed generators (<c>kubectl create namespace|deployment</c>, <c>kubectl run</c>) send this;
/// everything else kubectl and KubernetesClient send is JSON.
/// </summary>
public static class KubernetesProtobuf
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    private static readonly byte[] Magic = "k8s\0"u8.ToArray();

    /// <summary>The object in <paramref name="body"/> as JSON; <see cref="NotSupportedException"/> for a kind or field not in <see cref="ProtoSchema"/>, <see cref="FormatException"/> for bytes that are not protobuf.</summary>
    public static JsonObject Decode(ReadOnlySpan<byte> body)
    {
        if (!body.StartsWith(Magic))
        {
            throw new FormatException("the body does not start with the Kubernetes protobuf magic number \"k8s\\x00\"");
        }

        string apiVersion = "", kind = "";
        ReadOnlySpan<byte> raw = default;
        var envelope = new ProtoWireReader(body[Magic.Length..]);
        while (!envelope.End)
        {
            var (field, wireType) = envelope.ReadTag();
            switch (field)
            {
                case 1 when wireType == ProtoWireReader.LengthDelimited:
                    (apiVersion, kind) = ReadTypeMeta(envelope.ReadLengthDelimited());
                    break;
                case 2 when wireType == ProtoWireReader.LengthDelimited:
                    raw = envelope.ReadLengthDelimited();
                    break;
                default:
                    envelope.Skip(wireType);
                    break;
            }
        }

        if (!ProtoSchema.Kinds.TryGetValue((apiVersion, kind), out var message))
        {
            throw new NotSupportedException(
                $"the sandbox decodes protobuf only for {string.Join(", ", ProtoSchema.Kinds.Keys.Select(k => $"{k.ApiVersion} {k.Kind}"))}, not {apiVersion} {kind}; send it as JSON (kubectl apply -f, kubectl create -f)");
        }

        var obj = ReadMessage(raw, message);
        var result = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
        foreach (var (name, value) in obj.ToList())
        {
            obj.Remove(name);
            result[name] = value;
        }

        return result;
    }

    private static (string ApiVersion, string Kind) ReadTypeMeta(ReadOnlySpan<byte> data)
    {
        string apiVersion = "", kind = "";
        var reader = new ProtoWireReader(data);
        while (!reader.End)
        {
            var (field, wireType) = reader.ReadTag();
            switch (field)
            {
                case 1 when wireType == ProtoWireReader.LengthDelimited:
                    apiVersion = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
                    break;
                case 2 when wireType == ProtoWireReader.LengthDelimited:
                    kind = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        return (apiVersion, kind);
    }

    private static JsonObject ReadMessage(ReadOnlySpan<byte> data, string message)
    {
        var schema = ProtoSchema.Messages[message];
        var obj = new JsonObject();
        var reader = new ProtoWireReader(data);
        while (!reader.End)
        {
            var (number, wireType) = reader.ReadTag();
            if (!schema.TryGetValue(number, out var field))
            {
                throw new NotSupportedException($"the sandbox's protobuf decoder does not know field {number} of {message}; send the object as JSON (kubectl apply -f)");
            }

            var value = ReadValue(ref reader, wireType, field, message);
            if (value is null)
            {
                continue;
            }

            if (field.Repeated)
            {
                ((obj[field.Name] ??= new JsonArray()) as JsonArray)!.Add(value);
            }
            else if (field.Kind is ProtoFieldKind.TextMap or ProtoFieldKind.BytesMap or ProtoFieldKind.QuantityMap)
            {
                var map = (obj[field.Name] ??= new JsonObject()).AsObject();
                foreach (var (key, entry) in ((JsonObject)value).ToList())
                {
                    ((JsonObject)value).Remove(key);
                    map[key] = entry;
                }
            }
            else
            {
                obj[field.Name] = value;
            }
        }

        return obj;
    }

    // Null means "leave the field out": the zero value of a non-pointer Go field, an empty message, a dropped status.
    private static JsonNode? ReadValue(ref ProtoWireReader reader, int wireType, ProtoField field, string message)
    {
        var expected = field.Kind is ProtoFieldKind.Number or ProtoFieldKind.Flag ? ProtoWireReader.Varint : ProtoWireReader.LengthDelimited;
        if (field.Kind != ProtoFieldKind.Ignored && wireType != expected)
        {
            throw new FormatException($"field {field.Name} of {message} has wire type {wireType}, expected {expected}");
        }

        switch (field.Kind)
        {
            case ProtoFieldKind.Ignored:
                reader.Skip(wireType);
                return null;
            case ProtoFieldKind.Number:
                var number = (long)reader.ReadVarint();
                return number != 0 || field.KeepsZero || field.Repeated ? JsonValue.Create(number) : null;
            case ProtoFieldKind.Flag:
                var flag = reader.ReadVarint() != 0;
                return flag || field.KeepsZero ? JsonValue.Create(flag) : null;
            case ProtoFieldKind.Text:
                var text = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
                return text.Length > 0 || field.KeepsZero || field.Repeated ? JsonValue.Create(text) : null;
            case ProtoFieldKind.Bytes:
                return JsonValue.Create(Convert.ToBase64String(reader.ReadLengthDelimited()));
            case ProtoFieldKind.Message:
                var nested = ReadMessage(reader.ReadLengthDelimited(), field.Message!);
                return nested.Count > 0 || field.Repeated ? nested : null;
            case ProtoFieldKind.TextMap:
            case ProtoFieldKind.BytesMap:
            case ProtoFieldKind.QuantityMap:
                return ReadMapEntry(reader.ReadLengthDelimited(), field.Kind);
            case ProtoFieldKind.Time:
                return ReadTime(reader.ReadLengthDelimited());
            case ProtoFieldKind.Quantity:
                return ReadQuantity(reader.ReadLengthDelimited());
            case ProtoFieldKind.IntOrString:
                return ReadIntOrString(reader.ReadLengthDelimited());
            default:
                throw new NotSupportedException($"field kind {field.Kind}");
        }
    }

    private static JsonObject ReadMapEntry(ReadOnlySpan<byte> data, ProtoFieldKind kind)
    {
        string key = "";
        JsonNode? value = kind == ProtoFieldKind.QuantityMap ? null : "";
        var reader = new ProtoWireReader(data);
        while (!reader.End)
        {
            var (field, wireType) = reader.ReadTag();
            if (field == 1 && wireType == ProtoWireReader.LengthDelimited)
            {
                key = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
            }
            else if (field == 2 && wireType == ProtoWireReader.LengthDelimited)
            {
                var bytes = reader.ReadLengthDelimited();
                value = kind switch
                {
                    ProtoFieldKind.BytesMap => Convert.ToBase64String(bytes),
                    ProtoFieldKind.QuantityMap => ReadQuantity(bytes),
                    _ => Encoding.UTF8.GetString(bytes),
                };
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return new JsonObject { [key] = value };
    }

    private static JsonNode? ReadTime(ReadOnlySpan<byte> data)
    {
        long seconds = 0, nanos = 0;
        var reader = new ProtoWireReader(data);
        while (!reader.End)
        {
            var (field, wireType) = reader.ReadTag();
            switch (field)
            {
                case 1 when wireType == ProtoWireReader.Varint:
                    seconds = (long)reader.ReadVarint();
                    break;
                case 2 when wireType == ProtoWireReader.Varint:
                    nanos = (long)reader.ReadVarint();
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        // The zero Time is Go's "unset" (it marshals to null).
        return seconds == 0 && nanos == 0 ? null : AnnotationValues.FormatInstant(Instant.FromUnixTimeSeconds(seconds).PlusNanoseconds(nanos));
    }

    private static JsonNode? ReadQuantity(ReadOnlySpan<byte> data)
    {
        var reader = new ProtoWireReader(data);
        string? text = null;
        while (!reader.End)
        {
            var (field, wireType) = reader.ReadTag();
            if (field == 1 && wireType == ProtoWireReader.LengthDelimited)
            {
                text = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return text;
    }

    private static JsonValue ReadIntOrString(ReadOnlySpan<byte> data)
    {
        long type = 0, intValue = 0;
        var stringValue = "";
        var reader = new ProtoWireReader(data);
        while (!reader.End)
        {
            var (field, wireType) = reader.ReadTag();
            switch (field)
            {
                case 1 when wireType == ProtoWireReader.Varint:
                    type = (long)reader.ReadVarint();
                    break;
                case 2 when wireType == ProtoWireReader.Varint:
                    intValue = (int)reader.ReadVarint();
                    break;
                case 3 when wireType == ProtoWireReader.LengthDelimited:
                    stringValue = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        return type == 1 ? JsonValue.Create(stringValue) : JsonValue.Create(intValue);
    }
}
