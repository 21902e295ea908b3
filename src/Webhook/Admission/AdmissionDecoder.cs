using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Tarnfui.Webhook.Admission;

/// <summary>Reads a request body into an AdmissionReview, or says why it is not one.</summary>
internal static class AdmissionDecoder
{
    /// <summary>
    /// The largest declared body read whole into a pooled buffer and decoded in one synchronous pass; larger ones,
    /// and bodies of unknown length, are decoded as they stream in. Ordinary reviews are a few KiB: the synchronous
    /// deserializer reads them at a fraction of the cost of the resumable one that a stream needs.
    /// </summary>
    public const int WholeBodyBytes = 64 * 1024;

    /// <param name="body">The request body.</param>
    /// <param name="contentType">The request's Content-Type header.</param>
    /// <param name="declaredLength">The request's Content-Length, when it has one.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The review, or the reason it was refused (the endpoint answers 400 with it).</returns>
    public static async ValueTask<(AdmissionReview? Review, string? Error)> DecodeAsync(
        Stream body, string? contentType, CancellationToken cancellationToken, long? declaredLength = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType) || !string.Equals(mediaType.MediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, $"Content-Type must be application/json, got \"{contentType}\"");
        }

        AdmissionReview? review;
        try
        {
            review = declaredLength is { } length and <= WholeBodyBytes
                ? await DecodeWholeAsync(body, (int)length, cancellationToken)
                : await JsonSerializer.DeserializeAsync(body, AdmissionJsonContext.Default.AdmissionReview, cancellationToken);
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

    // Reads to the end of the body, as the streaming path does: a body longer than declared (which Kestrel never
    // passes on) grows the buffer rather than being cut.
    private static async ValueTask<AdmissionReview?> DecodeWholeAsync(Stream body, int declaredLength, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(declaredLength + 1, 256));
        try
        {
            var filled = 0;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                filled += read;
            }

            return JsonSerializer.Deserialize(buffer.AsSpan(0, filled), AdmissionJsonContext.Default.AdmissionReview);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
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
    private static string? NullEntry(string field, ObjectMetadata? metadata) =>
        NullEntry(field, "annotations", metadata?.Annotations) ?? NullEntry(field, "labels", metadata?.Labels);

    private static string? NullEntry(string field, string map, Dictionary<string, string>? entries)
    {
        if (entries is null)
        {
            return null;
        }

        foreach (var (key, value) in entries)
        {
            if (value is null)
            {
                return $"request.{field}.metadata.{map}[\"{key}\"] is null, expected a string";
            }
        }

        return null;
    }
}
