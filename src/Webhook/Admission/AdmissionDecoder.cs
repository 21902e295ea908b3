using System.Net.Http.Headers;
using System.Text.Json;

namespace Tarnfui.Webhook.Admission;

/// <summary>Reads a request body into an AdmissionReview, or says why it is not one.</summary>
internal static class AdmissionDecoder
{
    /// <returns>The review, or the reason it was refused (the endpoint answers 400 with it).</returns>
    public static async ValueTask<(AdmissionReview? Review, string? Error)> DecodeAsync(Stream body, string? contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType) || !string.Equals(mediaType.MediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, $"Content-Type must be application/json, got \"{contentType}\"");
        }

        AdmissionReview? review;
        try
        {
            review = await JsonSerializer.DeserializeAsync(body, AdmissionJsonContext.Default.AdmissionReview, cancellationToken);
        }
        catch (JsonException e)
        {
            return (null, $"body is not an AdmissionReview: {e.Message}");
        }
        catch (BadHttpRequestException e) when (e.StatusCode != StatusCodes.Status413PayloadTooLarge)
        {
            // A body over Kestrel's size limit is not malformed: the endpoint answers 413 for it.
            return (null, $"body could not be read: {e.Message}");
        }

        return (review, review is null ? "body is null, expected an AdmissionReview" : Validate(review));
    }

    private static string? Validate(AdmissionReview review)
    {
        if (!string.Equals(review.ApiVersion, AdmissionReview.ApiVersionV1, StringComparison.Ordinal))
        {
            return $"apiVersion must be {AdmissionReview.ApiVersionV1}, got \"{review.ApiVersion}\"";
        }

        if (!string.Equals(review.Kind, AdmissionReview.KindName, StringComparison.Ordinal))
        {
            return $"kind must be {AdmissionReview.KindName}, got \"{review.Kind}\"";
        }

        if (review.Request is not { } request)
        {
            return "request is missing";
        }

        if (string.IsNullOrEmpty(request.Uid))
        {
            return "request.uid is missing";
        }

        return NullEntry("object", request.NewObject?.Metadata) ?? NullEntry("oldObject", request.OldObject?.Metadata);
    }

    // The API server never sends a null annotation or label value; refusing one here keeps the decision total.
    private static string? NullEntry(string field, ObjectMetadata? metadata)
    {
        foreach (var (map, entries) in new[] { ("annotations", metadata?.Annotations), ("labels", metadata?.Labels) })
        {
            if (entries?.FirstOrDefault(e => e.Value is null) is { Key: { } key })
            {
                return $"request.{field}.metadata.{map}[\"{key}\"] is null, expected a string";
            }
        }

        return null;
    }
}
