using Microsoft.AspNetCore.Http.HttpResults;

namespace Tarnfui.Webhook.Admission;

/// <summary><c>POST /mutate</c>: decode → decide → encode.</summary>
public static class AdmissionEndpoints
{
    public const string MutatePath = "/mutate";

    /// <summary>controller-runtime's limit: two copies of the largest object etcd stores, plus the envelope.</summary>
    public const long MaxBodyBytes = 7 * 1024 * 1024;

    public static IEndpointRouteBuilder MapAdmission(this IEndpointRouteBuilder app)
    {
        app.MapPost(MutatePath, MutateAsync);
        return app;
    }

    public static async Task<Results<JsonHttpResult<AdmissionReview>, ProblemHttpResult>> MutateAsync(
        HttpRequest request, AdmissionHandler handler, ILogger<AdmissionHandler> logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(handler);
        if (request.ContentLength > MaxBodyBytes)
        {
            return NotAnAdmissionReview(logger, $"body of {request.ContentLength} bytes exceeds the limit of {MaxBodyBytes} bytes");
        }

        var (review, error) = await AdmissionDecoder.DecodeAsync(request.Body, request.ContentType, cancellationToken);
        if (error is not null || review?.Request is null)
        {
            return NotAnAdmissionReview(logger, error ?? "request is missing");
        }

        var response = await handler.HandleAsync(review.Request, cancellationToken);
        return TypedResults.Json(response, AdmissionJsonContext.Default.AdmissionReview);
    }

    private static ProblemHttpResult NotAnAdmissionReview(ILogger logger, string reason)
    {
        Log.NotAnAdmissionReview(logger, reason);
        return TypedResults.Problem(detail: reason, statusCode: StatusCodes.Status400BadRequest, title: "Not an admission.k8s.io/v1 AdmissionReview");
    }
}
