using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Api;

/// <summary>
/// The resource API: <c>/api/v1/...</c> and <c>/apis/{group}/{version}/...</c>, cluster-wide and per namespace,
/// dispatched by method and subresource to the read, write, scale and watch handlers. Every failure leaves as a
/// Status body.
/// </summary>
public static class ResourceEndpoints
{
    public static IEndpointRouteBuilder MapResources(this IEndpointRouteBuilder app)
    {
        app.Map("/api/v1/{**path}", context => HandleAsync(context, "", "v1"));
        app.Map("/apis/{group}/{version}/{**path}", context =>
            HandleAsync(context, (string)context.Request.RouteValues["group"]!, (string)context.Request.RouteValues["version"]!));
        return app;
    }

    private static async Task HandleAsync(HttpContext context, string group, string version)
    {
        try
        {
            var segments = ((string?)context.Request.RouteValues["path"] ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (segments.Length == 0)
            {
                await Discovery.DiscoveryEndpoints.WriteResourceListAsync(context, group, version);
                return;
            }

            var store = context.RequestServices.GetRequiredService<ObjectStore>();
            var target = RequestTarget.Parse(store.Types, group, version, segments) ?? throw NotFound();
            await DispatchAsync(context, store, target);
        }
        catch (StatusException e) when (!context.Response.HasStarted)
        {
            await ApiResponses.WriteStatusAsync(context, e);
        }
    }

    private static Task DispatchAsync(HttpContext context, ObjectStore store, RequestTarget target)
    {
        var method = context.Request.Method;
        if (target.Subresource is "scale")
        {
            return target.Type.HasScale ? ScaleHandlers.HandleAsync(context, store, target) : throw NotFound();
        }

        if (target.Subresource is not null && !target.Type.Subresources.Contains(target.Subresource))
        {
            throw NotFound();
        }

        return (method, target.IsCollection) switch
        {
            ("GET", true) when IsWatch(context.Request) => WatchUntilTypeRetiredAsync(context, store, target),
            ("GET", true) => ListAsync(context, store, target),
            ("GET", false) => ApiResponses.WriteObjectAsync(context,
                Crds.ServedVersion.Of(store.GetRequired(target.Type, target.Namespace, target.Name!), target.Type), OutputFormats.FromAccept(context.Request)),
            ("POST", true) => WriteHandlers.CreateAsync(context, store, target),
            ("PUT", false) => WriteHandlers.UpdateAsync(context, store, target),
            ("PATCH", false) => WriteHandlers.PatchAsync(context, store, target),
            ("DELETE", false) => WriteHandlers.DeleteAsync(context, store, target),
            _ => throw StatusException.MethodNotAllowed($"the server does not allow this method on the requested resource"),
        };
    }

    // A watch of a custom type ends when its CRD is deleted or its version changes shape, as kube-apiserver tears down
    // the old storage.
    private static async Task WatchUntilTypeRetiredAsync(HttpContext context, ObjectStore store, RequestTarget target)
    {
        if (!target.Type.IsCustom)
        {
            await WatchHandler.HandleAsync(context, store, target);
            return;
        }

        using var watch = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, store.Types.Lifetime(target.Type));
        context.RequestAborted = watch.Token;
        await WatchHandler.HandleAsync(context, store, target);
    }

    private static Task ListAsync(HttpContext context, ObjectStore store, RequestTarget target)
    {
        ListOptionsValidation.Check(context.Request);
        var page = Crds.ServedVersion.Of(store.List(target.Type, target.Namespace, ParseListQuery(context.Request, target.Type)), target.Type);
        return ApiResponses.WriteListAsync(context, target.Type, page, OutputFormats.FromAccept(context.Request));
    }

    /// <summary>labelSelector, fieldSelector, limit and continue of a LIST or WATCH.</summary>
    public static ListQuery ParseListQuery(HttpRequest request, ResourceType type)
    {
        var limitText = request.Query["limit"].ToString();
        var limit = 0;
        if (limitText.Length > 0 && (!int.TryParse(limitText, out limit) || limit < 0))
        {
            throw StatusException.BadRequest($"limit: Invalid value: \"{limitText}\": must be a non-negative integer");
        }

        return new ListQuery(
            LabelSelector.Parse(request.Query["labelSelector"].ToString()),
            FieldSelector.Parse(request.Query["fieldSelector"].ToString(), type),
            limit,
            request.Query["continue"].ToString() is { Length: > 0 } token ? token : null);
    }

    private static bool IsWatch(HttpRequest request) => request.Query["watch"].ToString() is "true" or "1" or "True";

    internal static StatusException NotFound() =>
        new(404, "NotFound", "the server could not find the requested resource");
}
