using System.Net;
using System.Text.Json.Nodes;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tarnfui.Cli.Cluster.Explain;
using Tarnfui.Cli.Cluster.Output;
using Tarnfui.Cli.Cluster.Workloads;
using Tarnfui.Cli.Dashboard.Model;
using Tarnfui.Cli.Dashboard.Pages;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Dashboard.Web;

/// <summary>The dashboard's endpoints: the pages, the embedded assets, the live feed and the actions.</summary>
internal sealed class DashboardRoutes(ClusterModel model, ClusterClock clock, ChangeFeed feed, Access access, WorkloadApi api, DashboardOptions options, CancellationToken stopping)
{
    private const string HtmlType = "text/html; charset=utf-8";

    private readonly ActionHandler _actions = new(model, clock, access, api, options.AllowChanges);

    public Access Access => access;

    private string Scope => model.Scope is { } ns ? $"namespace {ns}" : "all namespaces";

    private string? Csrf => options.AllowChanges ? access.Csrf : null;

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", Overview);
        app.MapGet("/namespaces/{name}", Namespace);
        app.MapGet("/workloads/{namespace}/{kind}/{name}", WorkloadAsync);
        app.MapGet("/assets/{name}", (HttpContext context, string name) => Assets.ServeAsync(context, name));
        // Browsers ask for /favicon.ico on their own; the page's icon link names the same SVG.
        app.MapGet("/favicon.ico", (HttpContext context) => Assets.ServeAsync(context, "favicon.svg"));
        app.MapGet("/events", EventsAsync);
        app.MapPost("/actions/{action}", ActionAsync);
    }

    private IResult Overview()
    {
        var now = clock.Now;
        var version = feed.Version;
        var body = OverviewPage.Render(model.Report(now), model.Saved(now), model.Namespaces, model.Policy.Resolver);
        return Page("Overview", body, now, version);
    }

    private IResult Namespace(string name)
    {
        var now = clock.Now;
        var version = feed.Version;
        if (!model.Namespaces.TryGetValue(name, out var annotations))
        {
            return Page("Not found", $"<p>There is no namespace {Html.E(name)} in {Html.E(Scope)}.</p>\n", now, version, HttpStatusCode.NotFound);
        }

        var body = NamespacePage.Render(name, annotations, model.Report(now), model.Held, model.Policy.Resolver, Csrf);
        return Page($"Namespace {name}", body, now, version);
    }

    // The one page that reads the API server when it is viewed: a running workload is not in the model, and its
    // Events are not watched. Three reads, as explain makes, and one list of its Events.
    private async Task<IResult> WorkloadAsync(string @namespace, string kind, string name, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var version = feed.Version;
        var known = WorkloadKind.FindByAlias(kind);
        var workload = known is null || (model.Scope is { } scope && scope != @namespace) ? null : await api.ReadAsync(new WorkloadRef(known, @namespace, name), cancellationToken);
        if (workload is null)
        {
            return Page("Not found", $"<p>There is no {Html.E(kind)} {Html.E(name)} in namespace {Html.E(@namespace)} that this dashboard shows.</p>\n", now, version, HttpStatusCode.NotFound);
        }

        var scaled = workload.Ref.Kind.Stop == StopMethod.Replicas;
        var autoscaler = scaled ? AutoscalerNote.Find(await api.ListAutoscalersAsync(@namespace, cancellationToken), workload.Ref) : null;
        var scaledObject = scaled ? ScaledObjectNote.Find(await api.ListScaledObjectsAsync(@namespace, labelSelector: null, cancellationToken), workload.Ref) : null;
        var explanation = Explanation.Create(workload, model.Namespaces.GetValueOrDefault(@namespace), model.Policy, now, autoscaler, scaledObject);
        var events = await api.Client.CoreV1.ListNamespacedEventAsync(
            @namespace, fieldSelector: $"involvedObject.kind={workload.Ref.Kind.Kind},involvedObject.name={name}", cancellationToken: cancellationToken);
        var actions = Csrf is { } csrf ? ActionForms.Render(workload.Ref, csrf, ActionForms.Names) : null;
        var body = WorkloadPage.Render(explanation, [.. events.Items], actions);
        return Page($"{workload.Ref.Kind.Kind.ToLowerInvariant()}/{name}", body, now, version);
    }

    private async Task<IResult> ActionAsync(HttpRequest request, string action, CancellationToken cancellationToken)
    {
        var result = await _actions.HandleAsync(request, action, cancellationToken);
        var back = result.Workload is { } w ? $"<a href=\"{Html.WorkloadHref(w.Namespace, w.Kind.Kind, w.Name)}\">Back to {Html.E(w.Kind.Kind.ToLowerInvariant())}/{Html.E(w.Name)}</a> · " : string.Empty;
        var body = $"<p class=\"result{(result.Succeeded ? string.Empty : " failed")}\" role=\"status\" data-testid=\"action-result\">{Html.E(result.Message)}</p>\n" +
            $"<p>{back}<a href=\"/\">Overview</a></p>\n";
        // Not live: the page's script would fetch this POST-only URL again at the next change of the model.
        return Page(result.Succeeded ? "Done" : "Not done", body, clock.Now, feed.Version, result.Status, live: false);
    }

    private IResult Page(string title, string body, NodaTime.Instant now, long version, HttpStatusCode status = HttpStatusCode.OK, bool live = true) =>
        Results.Content(Layout.Page(title, body, now, version, Scope, live), HtmlType, statusCode: (int)status);

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
