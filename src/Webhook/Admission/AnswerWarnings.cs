using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tarnfui.Webhook.Admission;

/// <summary>
/// The answer's <c>warnings</c>, each written by <see cref="AnswerJson.WriteString"/>. A type of its own, not a
/// converter on the member: the generated serializer keeps its fast path for a member whose type names a converter,
/// and leaves it for the whole answer when the member itself names one.
/// </summary>
[JsonConverter(typeof(AnswerWarningsConverter))]
internal sealed class AnswerWarnings : List<string>
{
    public AnswerWarnings()
    {
    }

    public AnswerWarnings(IEnumerable<string> warnings)
        : base(warnings)
    {
    }
}

/// <summary>Writes <see cref="AnswerWarnings"/> as an array of strings, and reads one back.</summary>
internal sealed class AnswerWarningsConverter : JsonConverter<AnswerWarnings>
{
    public override AnswerWarnings Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"warnings must be an array, got {reader.TokenType}");
        }

        var warnings = new AnswerWarnings();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            warnings.Add(reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException($"a warning must be a string, got {reader.TokenType}"));
        }

        return warnings;
    }

    public override void Write(Utf8JsonWriter writer, AnswerWarnings value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (var warning in value)
        {
            AnswerJson.WriteString(writer, warning);
        }

        writer.WriteEndArray();
    }
}
