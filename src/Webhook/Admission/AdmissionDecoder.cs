using System.Buffers;
using System.IO.Pipelines;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Tarnfui.Webhook.Admission;

/// <summary>Reads a request body into an AdmissionReview, or says why it is not one.</summary>
internal static class AdmissionDecoder
{
    /// <summary>
    /// The most bytes of a body left in the request's pipe until it has all arrived; a larger body is copied out into
    /// a buffer of its own as it streams in. Ordinary reviews are a few KiB and arrive in one or two reads: they are
    /// left in the pipe until whole, then copied once into a buffer the reader may write to (it blanks what it skips,
    /// <see cref="SkippedValues"/>). Kestrel stops reading a connection whose pipe holds its
    /// MaxRequestBufferSize unread, so the pipe must never be asked to hold a body near that size.
    /// </summary>
    public const int WholeBodyBytes = 64 * 1024;

    private const string JsonMediaType = "application/json";

    /// <param name="body">The request body.</param>
    /// <param name="contentType">The request's Content-Type header.</param>
    /// <param name="declaredLength">The request's Content-Length, when it has one: the size of a large body's buffer.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The review, or the reason it was refused (the endpoint answers 400 with it).</returns>
    /// <remarks>
    /// The body is read whole before it is decoded, whatever its size: the reader decodes in one synchronous pass
    /// (<see cref="AdmissionReviewReader"/>), and the size is bounded by Kestrel's limit
    /// (<see cref="AdmissionEndpoints.MaxBodyBytes"/>) and the <see cref="BodyBudget"/>.
    /// </remarks>
    public static async ValueTask<(AdmissionReview? Review, string? Error)> DecodeAsync(
        PipeReader body, string? contentType, CancellationToken cancellationToken, long? declaredLength = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!IsJson(contentType))
        {
            return (null, $"Content-Type must be application/json, got \"{contentType}\"");
        }

        AdmissionReview? review;
        try
        {
            review = await ReadAsync(body, declaredLength, cancellationToken);
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

    // The API server sends exactly this media type, which is compared before the general parser: the parser builds a
    // header value (and a list for any parameter) for every request.
    private static bool IsJson(string? contentType) =>
        string.Equals(contentType, JsonMediaType, StringComparison.OrdinalIgnoreCase)
        || (MediaTypeHeaderValue.TryParse(contentType, out var mediaType) && string.Equals(mediaType.MediaType, JsonMediaType, StringComparison.OrdinalIgnoreCase));

    // Reads to the end of the body, whatever length it declared: a body longer than declared (which Kestrel never
    // passes on) is read, not cut.
    private static async ValueTask<AdmissionReview?> ReadAsync(PipeReader body, long? declaredLength, CancellationToken cancellationToken)
    {
        byte[]? copy = null;
        var filled = 0;
        try
        {
            while (true)
            {
                var result = await body.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                if (copy is null && !result.IsCompleted && buffer.Length <= WholeBodyBytes)
                {
                    body.AdvanceTo(buffer.Start, buffer.End);
                    continue;
                }

                // Out of the pipe, whose memory is Kestrel's, into a buffer the reader may write to: a body whole on
                // arrival at its size, one still arriving with room to grow.
                if (copy is null || filled + buffer.Length > copy.Length)
                {
                    var wanted = result.IsCompleted
                        ? filled + buffer.Length
                        : Math.Max(filled + buffer.Length, Math.Max(declaredLength ?? 0, 2L * (copy?.Length ?? WholeBodyBytes)));
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(wanted, Array.MaxLength));
                    copy?.AsSpan(0, filled).CopyTo(larger);
                    if (copy is not null)
                    {
                        ArrayPool<byte>.Shared.Return(copy);
                    }

                    copy = larger;
                }

                buffer.CopyTo(copy.AsSpan(filled));
                filled += (int)buffer.Length;
                body.AdvanceTo(buffer.End);
                if (result.IsCompleted)
                {
                    return AdmissionReviewReader.ReadWritable(copy, filled);
                }
            }
        }
        finally
        {
            if (copy is not null)
            {
                ArrayPool<byte>.Shared.Return(copy);
            }
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

    // A Dictionary (labels) is walked with its own enumerator, which does not allocate as one taken through the interface does.
    private static string? NullEntry(string field, string map, IReadOnlyDictionary<string, string>? entries) => entries switch
    {
        null or { Count: 0 } => null,
        Dictionary<string, string> dictionary => FirstNull(field, map, dictionary.GetEnumerator()),
        _ => FirstNull(field, map, entries.GetEnumerator()),
    };

    private static string? FirstNull<TEnumerator>(string field, string map, TEnumerator entries)
        where TEnumerator : IEnumerator<KeyValuePair<string, string>>
    {
        try
        {
            while (entries.MoveNext())
            {
                var (key, value) = entries.Current;
                if (value is null)
                {
                    return $"request.{field}.metadata.{map}[\"{key}\"] is null, expected a string";
                }
            }

            return null;
        }
        finally
        {
            entries.Dispose();
        }
    }
}
