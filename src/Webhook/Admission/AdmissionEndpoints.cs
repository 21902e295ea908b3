using Microsoft.AspNetCore.Http.HttpResults;

namespace Tarnfui.Webhook.Admission;

/// <summary><c>POST /mutate</c>: decode → decide → encode.</summary>
internal static class AdmissionEndpoints
{
    public const string MutatePath = "/mutate";

    /// <summary>
    /// The largest body read (controller-runtime's limit): kube-apiserver accepts objects of up to 3 MiB of JSON
    /// (twice etcd's 1.5 MiB request limit) and a review carries two of them (object and oldObject), plus the envelope.
    /// </summary>
    public const long MaxBodyBytes = 7 * 1024 * 1024;

    /// <summary>
    /// The body bytes of all requests being read and decided at once (<see cref="BodyBudget"/>): one review of the
    /// largest size with room beside it for the ordinary ones, a few KiB each. Decoding holds a multiple of a body in
    /// memory, so this, not the number of connections, is what bounds the memory a flood of large bodies can take.
    /// </summary>
    public const long MaxInFlightBodyBytes = MaxBodyBytes + (1024 * 1024);

    public static IEndpointRouteBuilder MapAdmission(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // The endpoint's services are singletons: taken from the root provider once, at the first admission (not at
        // start, where the API client behind the handler would be built before the webhook is ready), and kept. A
        // parameter bound from services would make every admission open a request scope (HttpContext.RequestServices)
        // only to look the same instances up again and dispose the scope after the answer.
        var services = new Lazy<MutateServices>(() => MutateServices.From(app.ServiceProvider));
        app.MapPost(MutatePath, (HttpRequest request, CancellationToken cancellationToken) =>
        {
            var (handler, budget, metrics, logger) = services.Value;
            return MutateAsync(request, handler, budget, metrics, logger, cancellationToken);
        });
        return app;
    }

    /// <remarks>
    /// A body over <see cref="MaxBodyBytes"/> gets 413 and a body that does not fit in the <see cref="BodyBudget"/>
    /// 429 with Retry-After, before it is read: the API server treats both as a failed call (a 429 may be tried again
    /// within the call's timeout) and then applies the registration's failurePolicy (Ignore: admitted unchecked, the
    /// sweeper catches up).
    /// </remarks>
    public static async Task<Results<AdmissionReviewResult, ProblemHttpResult>> MutateAsync(
        HttpRequest request, AdmissionHandler handler, BodyBudget budget, Metrics metrics, ILogger<AdmissionHandler> logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(metrics);
        if (request.ContentLength > MaxBodyBytes)
        {
            return TooLarge(metrics, logger, $"body of {request.ContentLength} bytes exceeds the limit of {MaxBodyBytes} bytes");
        }

        // A body of unknown length (chunked) may be as large as the limit; the API server always sends a length.
        var reserved = request.ContentLength ?? MaxBodyBytes;
        if (!budget.TryReserve(reserved))
        {
            metrics.Errors.WithLabels(Metrics.Reasons.Busy).Inc();
            Log.Busy(logger, reserved, budget.InFlight, budget.Capacity);
            request.HttpContext.Response.Headers.RetryAfter = "1";
            return TypedResults.Problem(
                detail: $"a body of {reserved} bytes does not fit beside the {budget.InFlight} bytes being read (at most {budget.Capacity} at once)",
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many request bodies at once");
        }

        try
        {
            AdmissionReview? review;
            string? error;
            try
            {
                (review, error) = await AdmissionDecoder.DecodeAsync(request.BodyReader, request.ContentType, cancellationToken, request.ContentLength);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return TooLarge(metrics, logger, $"body exceeds the limit of {MaxBodyBytes} bytes");
            }

            if (error is not null || review?.Request is null)
            {
                return NotAnAdmissionReview(logger, error ?? "request is missing");
            }

            var response = await handler.HandleAsync(review.Request, cancellationToken);
            return new AdmissionReviewResult(response);
        }
        finally
        {
            budget.Release(reserved);
        }
    }

    private static ProblemHttpResult NotAnAdmissionReview(ILogger logger, string reason)
    {
        Log.NotAnAdmissionReview(logger, reason);
        return TypedResults.Problem(detail: reason, statusCode: StatusCodes.Status400BadRequest, title: "Not an admission.k8s.io/v1 AdmissionReview");
    }

    private static ProblemHttpResult TooLarge(Metrics metrics, ILogger logger, string reason)
    {
        metrics.Errors.WithLabels(Metrics.Reasons.BodyTooLarge).Inc();
        Log.BodyTooLarge(logger, reason);
        return TypedResults.Problem(detail: reason, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large");
    }

    private sealed record MutateServices(AdmissionHandler Handler, BodyBudget Budget, Metrics Metrics, ILogger<AdmissionHandler> Logger)
    {
        public static MutateServices From(IServiceProvider services) => new(
            services.GetRequiredService<AdmissionHandler>(),
            services.GetRequiredService<BodyBudget>(),
            services.GetRequiredService<Metrics>(),
            services.GetRequiredService<ILogger<AdmissionHandler>>());
    }
}
