using Microsoft.AspNetCore.Http.HttpResults;
using Prometheus;

namespace Tarnfui.Sweeper.Hosting;

/// <summary><c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c> on the plain-HTTP port.</summary>
internal static class ProbeEndpoints
{
    public static WebApplication MapProbes(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/healthz", Healthz);
        app.MapGet("/readyz", Readyz);
        app.MapMetrics("/metrics", app.Services.GetRequiredService<Metrics>().Registry);
        return app;
    }

    public static Ok<string> Healthz() => TypedResults.Ok("ok");

    public static Results<Ok<string>, StatusCodeHttpResult> Readyz(SweeperReadiness readiness) =>
        readiness is { Ready: true } ? TypedResults.Ok("ok") : TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
}
