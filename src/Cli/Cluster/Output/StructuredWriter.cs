using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Serialization;

namespace Tarnfui.Cli.Cluster.Output;

/// <summary>Writes one JSON document as <c>-o json</c> (4-space indent, as kubectl) or <c>-o yaml</c>, so both carry the same fields.</summary>
internal static class StructuredWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        IndentSize = 4,

        // Schedules hold '+' and '<' (offsets, messages); escaping them would make the output harder to read.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly ISerializer Yaml = new SerializerBuilder().WithQuotingNecessaryStrings().Build();

    public static void Write(TextWriter output, OutputFormat format, JsonNode document)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(document);
        if (format == OutputFormat.Yaml)
        {
            output.Write(Yaml.Serialize(ToPlain(document)));
            return;
        }

        output.WriteLine(document.ToJsonString(Json));
    }

    // YamlDotNet serialises dictionaries, lists and scalars; a JsonNode tree maps onto them one to one.
    private static object? ToPlain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.ToDictionary(p => p.Key, p => ToPlain(p.Value)),
        JsonArray a => a.Select(ToPlain).ToList(),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        _ => node.ToJsonString(),
    };
}
