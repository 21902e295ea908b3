using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Tarnfui.Webhook.Admission;

/// <summary>
/// Writes the AdmissionReview the webhook answers with, byte for byte as <see cref="AdmissionJsonContext"/>'s
/// serializer does, with the envelope's constant names and values encoded to UTF-8 once: the endpoint writes it
/// straight to the response body. A review that carries a request (never one the webhook answers with) has it
/// written by the generated serializer.
/// </summary>
internal static class AdmissionReviewWriter
{
    private static readonly JsonEncodedText ApiVersionName = JsonEncodedText.Encode("apiVersion");
    private static readonly JsonEncodedText KindName = JsonEncodedText.Encode("kind");
    private static readonly JsonEncodedText RequestName = JsonEncodedText.Encode("request");
    private static readonly JsonEncodedText ResponseName = JsonEncodedText.Encode("response");
    private static readonly JsonEncodedText UidName = JsonEncodedText.Encode("uid");
    private static readonly JsonEncodedText AllowedName = JsonEncodedText.Encode("allowed");
    private static readonly JsonEncodedText PatchTypeName = JsonEncodedText.Encode("patchType");
    private static readonly JsonEncodedText PatchName = JsonEncodedText.Encode("patch");
    private static readonly JsonEncodedText StatusName = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText WarningsName = JsonEncodedText.Encode("warnings");
    private static readonly JsonEncodedText CodeName = JsonEncodedText.Encode("code");
    private static readonly JsonEncodedText MessageName = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText ReasonName = JsonEncodedText.Encode("reason");

    // The values every answer repeats; any other value is escaped as it is written.
    private static readonly (string Text, JsonEncodedText Encoded)[] KnownValues =
    [
        (AdmissionReview.ApiVersionV1, JsonEncodedText.Encode(AdmissionReview.ApiVersionV1)),
        (AdmissionReview.KindName, JsonEncodedText.Encode(AdmissionReview.KindName)),
        (AdmissionResponses.JsonPatchType, JsonEncodedText.Encode(AdmissionResponses.JsonPatchType)),
        (AdmissionResponses.ForbiddenReason, JsonEncodedText.Encode(AdmissionResponses.ForbiddenReason)),
    ];

    /// <summary>
    /// The type information the endpoint answers with: <see cref="Write"/> for writing, the generated serializer
    /// for reading (a review read back through it is the one the generated serializer reads).
    /// </summary>
    public static JsonTypeInfo<AdmissionReview> TypeInfo { get; } = CreateTypeInfo();

    /// <summary>Writes <paramref name="review"/> as the generated serializer writes it (null members left out).</summary>
    public static void Write(Utf8JsonWriter writer, AdmissionReview review)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(review);
        writer.WriteStartObject();
        WriteKnown(writer, ApiVersionName, review.ApiVersion);
        WriteKnown(writer, KindName, review.Kind);
        if (review.Request is { } request)
        {
            writer.WritePropertyName(RequestName);
            JsonSerializer.Serialize(writer, request, AdmissionJsonContext.Default.AdmissionRequest);
        }

        if (review.Response is { } response)
        {
            writer.WritePropertyName(ResponseName);
            WriteResponse(writer, response);
        }

        writer.WriteEndObject();
    }

    private static void WriteResponse(Utf8JsonWriter writer, AdmissionResponse response)
    {
        writer.WriteStartObject();
        writer.WriteString(UidName, response.Uid);
        writer.WriteBoolean(AllowedName, response.Allowed);
        WriteKnown(writer, PatchTypeName, response.PatchType);
        if (response.Patch is { } patch)
        {
            writer.WriteBase64String(PatchName, patch);
        }

        if (response.Status is { } status)
        {
            writer.WriteStartObject(StatusName);
            writer.WriteNumber(CodeName, status.Code);
            WriteKnown(writer, MessageName, status.Message);
            WriteKnown(writer, ReasonName, status.Reason);
            writer.WriteEndObject();
        }

        if (response.Warnings is { } warnings)
        {
            writer.WriteStartArray(WarningsName);
            foreach (var warning in warnings)
            {
                writer.WriteStringValue(warning);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    // A null value is left out, as the generated serializer's WhenWritingNull does.
    private static void WriteKnown(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is null)
        {
            return;
        }

        foreach (var (text, encoded) in KnownValues)
        {
            if (ReferenceEquals(text, value) || string.Equals(text, value, StringComparison.Ordinal))
            {
                writer.WriteString(name, encoded);
                return;
            }
        }

        writer.WriteString(name, value);
    }

    private static JsonTypeInfo<AdmissionReview> CreateTypeInfo()
    {
        var options = new JsonSerializerOptions(AdmissionJsonContext.Default.Options) { Converters = { new Converter() } };
        options.MakeReadOnly();
        return (JsonTypeInfo<AdmissionReview>)options.GetTypeInfo(typeof(AdmissionReview));
    }

    private sealed class Converter : JsonConverter<AdmissionReview>
    {
        public override AdmissionReview? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonSerializer.Deserialize(ref reader, AdmissionJsonContext.Default.AdmissionReview);

        public override void Write(Utf8JsonWriter writer, AdmissionReview value, JsonSerializerOptions options) =>
            AdmissionReviewWriter.Write(writer, value);
    }
}
