using System.Text.Json.Serialization;

namespace Tarnfui.Webhook.Admission;

/// <summary>Source-generated (de)serialisation of AdmissionReview: no reflection on the admission path.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    // The API server sends exact-case keys; case-insensitive matching would accept what it never sends.
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(AdmissionReview))]
internal sealed partial class AdmissionJsonContext : JsonSerializerContext;
