using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Tarnfui.Emulator.Controllers;

/// <summary>Generated names as Kubernetes makes them: FNV-32a hashes written with its safe alphabet.</summary>
public static class Names
{
    // k8s.io/apimachinery/pkg/util/rand: no vowels and no digits that read as letters, so no words appear.
    private const string Alphanumerics = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>The <c>pod-template-hash</c> of a typed pod template, stable for equal templates.</summary>
    public static string TemplateHash(V1PodTemplateSpec template) => TemplateHash(JsonNode.Parse(KubernetesJson.Serialize(template)));

    /// <summary>
    /// The <c>pod-template-hash</c> of a template as JSON: FNV-32a over its canonical form (object keys sorted at
    /// every level), so the hash depends on what the template says, never on the order a client wrote it in.
    /// </summary>
    public static string TemplateHash(JsonNode? template)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteCanonical(writer, template);
        }

        return SafeEncode(Fnv32a(buffer.WrittenSpan).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A 5-character suffix for pod <paramref name="index"/> of <paramref name="owner"/> (a uid or a name), like generateName's.</summary>
    public static string PodSuffix(string owner, int index)
    {
        var hash = Fnv32a(System.Text.Encoding.UTF8.GetBytes(owner + "/" + index.ToString(CultureInfo.InvariantCulture)));
        var chars = new char[5];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphanumerics[(int)(hash % (uint)Alphanumerics.Length)];
            hash /= (uint)Alphanumerics.Length;
        }

        return new string(chars);
    }

    /// <summary>rand.SafeEncodeString: each character mapped into the safe alphabet.</summary>
    public static string SafeEncode(string text) => string.Concat(text.Select(c => Alphanumerics[c % Alphanumerics.Length]));

    private static void WriteCanonical(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in IsSorted(obj) ? (IEnumerable<KeyValuePair<string, JsonNode?>>)obj : obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    WriteCanonical(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteCanonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            case null:
                writer.WriteNullValue();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    // Most templates are written in key order already (the seeder's are); sorting them again is the hash's main cost.
    private static bool IsSorted(JsonObject obj)
    {
        string? previous = null;
        foreach (var (key, _) in obj)
        {
            if (previous is not null && string.CompareOrdinal(previous, key) > 0)
            {
                return false;
            }

            previous = key;
        }

        return true;
    }

    private static uint Fnv32a(ReadOnlySpan<byte> data)
    {
        var hash = 2166136261u;
        foreach (var b in data)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }
}
