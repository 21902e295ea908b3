using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;

namespace Tarnfui.Webhook.Admission;

/// <summary>
/// The answer to <c>POST /mutate</c>: the review, serialised by the generated serializer as
/// <see cref="TypedResults.Json{TValue}(TValue, System.Text.Json.Serialization.Metadata.JsonTypeInfo{TValue}, string?, int?)"/>
/// would (same members, same Content-Type), but escaped as <see cref="AnswerJson"/> says, written by hand when it is
/// plain (<see cref="PlainAnswer"/>, the same bytes), and sent with a Content-Length in one write.
/// </summary>
/// <remarks>
/// <c>TypedResults.Json</c> streams the body without a length: Kestrel frames it in chunks, and the serializer's
/// flush and the closing chunk at the end of the response are two writes to the TLS stream (two records, two sends),
/// and the client has the chunked framing to undo. Serialising into a buffer first costs a copy of the answer; the
/// second write and the framing are what it saves, per admission.
/// </remarks>
internal sealed class AdmissionReviewResult(AdmissionReview review)
    : IResult, IValueHttpResult<AdmissionReview>, IValueHttpResult, IStatusCodeHttpResult, IContentTypeHttpResult, IEndpointMetadataProvider
{
    /// <summary>What <c>TypedResults.Json</c> sends.</summary>
    public const string JsonContentType = "application/json; charset=utf-8";

    // The answer is serialised whole before the first byte is sent; the buffer and writer are kept per thread and
    // used only between awaits, as JsonPatchEncoder's are.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public AdmissionReview Value => review;

    object? IValueHttpResult.Value => review;

    public int? StatusCode => StatusCodes.Status200OK;

    public string? ContentType => JsonContentType;

    /// <summary>Declares the 200 answer for endpoint metadata, as <c>JsonHttpResult</c> does.</summary>
    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(AdmissionReview), [JsonContentType]));
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        if (!PlainAnswer.TryWrite(review, buffer))
        {
            var writer = t_writer ??= new Utf8JsonWriter(buffer, AnswerJson.WriterOptions);
            writer.Reset(buffer);
            JsonSerializer.Serialize(writer, review, AdmissionJsonContext.Default.AdmissionReview);
            writer.Flush();
        }

        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonContentType;
        response.ContentLength = buffer.WrittenCount;
        var body = response.BodyWriter;
        buffer.WrittenSpan.CopyTo(body.GetSpan(buffer.WrittenCount));
        body.Advance(buffer.WrittenCount);
        var flush = body.FlushAsync(httpContext.RequestAborted);
        return flush.IsCompletedSuccessfully ? Task.CompletedTask : flush.AsTask();
    }
}
