using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tarnfui.Cli.Cluster.Output;
using Tarnfui.Cli.Dashboard.Model;
using Tarnfui.Cli.Dashboard.Pages;

namespace Tarnfui.Cli.Dashboard.Web;

/// <summary>The dashboard's endpoints: the pages, the embedded assets, the live feed and the actions.</summary>
internal sealed class DashboardRoutes(ClusterModel model, ClusterClock clock, ChangeFeed feed, Access access, CancellationToken stopping)
{
    private const string HtmlType = "text/html; charset=utf-8";

    public Access Access => access;

    private string Scope => model.Scope is { } ns ? $"namespace {ns}" : "all namespaces";

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", Overview);
        app.MapGet("/assets/{name}", (HttpContext context, string name) => Assets.ServeAsync(context, name));
        app.MapGet("/events", EventsAsync);
    }

    private IResult Overview()
    {
        var now = clock.Now;
        var version = feed.Version;
        var body = OverviewPage.Render(model.Report(now), model.Namespaces, model.Policy.Resolver);
        return Results.Content(Layout.Page("Overview", body, now, version, Scope), HtmlType);
    }

    // Server-Sent Events: one event now, then one each time the model or the cluster's minute moves. The page's
    // script fetches its own URL again from this server (which renders from the model) and swaps what changed.
    private async Task EventsAsync(HttpContext context)
    {
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        var seen = 0L;
        try
        {
            while (true)
            {
                seen = await feed.WaitPastAsync(seen, ended.Token);
                var data = new JsonObject { ["version"] = seen, ["now"] = Names.Instant(clock.Now) }.ToJsonString();
                await response.WriteAsync($"id: {seen}\nevent: change\ndata: {data}\n\n", ended.Token);
                await response.Body.FlushAsync(ended.Token);
            }
        }
        catch (OperationCanceledException) when (ended.IsCancellationRequested)
        {
            // The page closed, or the dashboard is stopping.
        }
    }
}
