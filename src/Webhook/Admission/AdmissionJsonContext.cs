using System.Text.Json.Serialization;

namespace Tarnfui.Webhook.Admission;

/// <summary>
/// Source-generated serialisation of the answer (<see cref="AdmissionReviewResult"/>): no reflection on the admission
/// path. Requests are read by <see cref="AdmissionReviewReader"/>; the tests deserialise with this context as the
/// reference the reader is checked against.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    // The API server sends exact-case keys; case-insensitive matching would accept what it never sends.
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(AdmissionReview))]
internal sealed partial class AdmissionJsonContext : JsonSerializerContext;
