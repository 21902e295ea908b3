using Microsoft.AspNetCore.Http.HttpResults;

namespace Tarnfui.Emulator.Accounting;

/// <summary><c>GET /sandbox/stats</c>, <c>GET /sandbox/stats/requests</c> and <c>POST /sandbox/stats/reset</c>.</summary>
public static class StatsEndpoints
{
    public static IEndpointRouteBuilder MapSandboxStats(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(RequestAccountingMiddleware.InternalPrefix + "/stats", GetStats);
        app.MapGet(RequestAccountingMiddleware.InternalPrefix + "/stats/requests", GetRequests);
        app.MapPost(RequestAccountingMiddleware.InternalPrefix + "/stats/reset", Reset);
        return app;
    }

    public static Ok<StatsDocument> GetStats(RequestStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var snapshot = stats.Snapshot();
        return TypedResults.Ok(new StatsDocument(snapshot.Requests, snapshot.Bytes, snapshot.RequestsByVerb, snapshot.RequestsByResource, snapshot.RequestsByUser, snapshot.Counts));
    }

    /// <summary>The last <paramref name="limit"/> logged requests (default 1000), in the order they ended.</summary>
    public static Ok<IReadOnlyList<RequestRecord>> GetRequests(RequestStats stats, int? limit)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var all = stats.Requests();
        var take = Math.Clamp(limit ?? 1000, 0, all.Count);
        return TypedResults.Ok<IReadOnlyList<RequestRecord>>(all.Skip(all.Count - take).ToList());
    }

    public static NoContent Reset(RequestStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        stats.Reset();
        return TypedResults.NoContent();
    }

    public sealed record StatsDocument(
        long Requests,
        long Bytes,
        IReadOnlyDictionary<string, long> ByVerb,
        IReadOnlyDictionary<string, long> ByResource,
        IReadOnlyDictionary<string, long> ByUser,
        IReadOnlyList<RequestCount> Counts);
}
