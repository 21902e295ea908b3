using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Tarnfui.Webhook.Admission;

/// <summary>Reads a request body into an AdmissionReview, or says why it is not one.</summary>
internal static class AdmissionDecoder
{
    /// <summary>
    /// The largest declared body whose buffer is sized from its Content-Length at once; larger ones, and bodies of
    /// unknown length, grow their buffer as they stream in. Ordinary reviews are a few KiB.
    /// </summary>
    public const int WholeBodyBytes = 64 * 1024;

    // What an unsized or large body's buffer starts at before it doubles.
    private const int StreamedBufferBytes = 16 * 1024;

    /// <param name="body">The request body.</param>
    /// <param name="contentType">The request's Content-Type header.</param>
    /// <param name="declaredLength">The request's Content-Length, when it has one.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The review, or the reason it was refused (the endpoint answers 400 with it).</returns>
    /// <remarks>
    /// The body is read whole before it is decoded, whatever its size: the reader decodes in one synchronous pass
    /// (<see cref="AdmissionReviewReader"/>), and the size is bounded by Kestrel's limit
    /// (<see cref="AdmissionEndpoints.MaxBodyBytes"/>) and the <see cref="BodyBudget"/>.
    /// </remarks>
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
            var initial = declaredLength is { } length and <= WholeBodyBytes ? (int)length + 1 : StreamedBufferBytes;
            review = await DecodeWholeAsync(body, initial, cancellationToken);
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

    // Reads to the end of the body: a body longer than declared (which Kestrel never passes on) grows the buffer
    // rather than being cut.
    private static async ValueTask<AdmissionReview?> DecodeWholeAsync(Stream body, int initialBytes, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialBytes, 256));
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

            return AdmissionReviewReader.Read(buffer.AsSpan(0, filled));
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
