using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tarnfui.Emulator.Store;

/// <summary>
/// JSON settings shared by everything the sandbox writes, so that its bytes read like kube-apiserver's: quotes as
/// <c>\"</c> (not <c>\u0022</c>), non-ASCII text as UTF-8.
/// </summary>
public static class StoreJson
{
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static readonly JsonSerializerOptions SerializerOptions = new() { Encoder = Encoder };

    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = Encoder };

    /// <summary>Writer options for raw stored values, which are already valid JSON.</summary>
    public static readonly JsonWriterOptions StreamingWriterOptions = new() { Encoder = Encoder, SkipValidation = true };

    /// <summary>A JSON integer, whether the node was parsed or built in code (where it may hold an int).</summary>
    public static long? WholeNumber(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
        && long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
}
