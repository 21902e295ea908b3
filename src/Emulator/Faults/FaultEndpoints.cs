using Microsoft.AspNetCore.Http.HttpResults;
using Tarnfui.Emulator.Accounting;

namespace Tarnfui.Emulator.Faults;

/// <summary><c>GET/POST/DELETE /sandbox/faults</c>: the fault configuration over HTTP, for <c>sandbox serve</c> sessions.</summary>
public static class FaultEndpoints
{
    public static IEndpointRouteBuilder MapSandboxFaults(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var prefix = RequestAccountingMiddleware.InternalPrefix + "/faults";
        app.MapGet(prefix, List);
        app.MapPost(prefix, Add);
        app.MapPost(prefix + "/seed/{seed:int}", Reseed);
        app.MapDelete(prefix, Clear);
        app.MapDelete(prefix + "/{id:int}", Remove);
        return app;
    }

    public static Ok<IReadOnlyList<FaultInjector.ActiveRule>> List(FaultInjector faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        return TypedResults.Ok(faults.Rules);
    }

    public static Results<Created<FaultInjector.ActiveRule>, BadRequest<string>> Add(FaultInjector faults, FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(faults);
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Problem() is { } problem)
        {
            return TypedResults.BadRequest(problem);
        }

        var id = faults.Add(rule);
        return TypedResults.Created($"{RequestAccountingMiddleware.InternalPrefix}/faults/{id}", new FaultInjector.ActiveRule(id, rule, 0));
    }

    public static NoContent Reseed(FaultInjector faults, int seed)
    {
        ArgumentNullException.ThrowIfNull(faults);
        faults.Reseed(seed);
        return TypedResults.NoContent();
    }

    public static NoContent Clear(FaultInjector faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        faults.Clear();
        return TypedResults.NoContent();
    }

    public static Results<NoContent, NotFound> Remove(FaultInjector faults, int id)
    {
        ArgumentNullException.ThrowIfNull(faults);
        return faults.Remove(id) ? TypedResults.NoContent() : TypedResults.NotFound();
    }
}
