using System.Net;
using k8s.Autorest;
using Microsoft.AspNetCore.Http;
using Tarnfui.Cli.Cluster;
using Tarnfui.Cli.Cluster.Restore;
using Tarnfui.Cli.Cluster.Sleep;
using Tarnfui.Cli.Cluster.Targets;
using Tarnfui.Cli.Cluster.Wake;
using Tarnfui.Cli.Cluster.Workloads;
using Tarnfui.Cli.Dashboard.Model;
using Tarnfui.Cli.Dashboard.Pages;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Dashboard.Web;

/// <summary>
/// <c>POST /actions/{wake|sleep|restore}</c>: refused (403) unless the dashboard runs with <c>--allow-changes</c>, the form
/// carries the CSRF token and the request comes from this dashboard's own pages. The change is made by the CLI's own
/// decisions (<see cref="WakeCommand.Decide"/>, <see cref="SleepCommand.Decide"/>, <see cref="RestoreCommand.Decide"/>)
/// through its <see cref="WorkloadMutator"/>, with the person's credentials: the API server's refusal is shown as it said it.
/// </summary>
internal sealed class ActionHandler(ClusterModel model, ClusterClock clock, Access access, WorkloadApi api, bool allowed)
{
    public async Task<ActionResult> HandleAsync(HttpRequest request, string action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!allowed)
        {
            return new(HttpStatusCode.Forbidden, "This dashboard only reads: start it with --allow-changes to wake, sleep or restore from it.", null);
        }

        if (!request.HasFormContentType)
        {
            return new(HttpStatusCode.BadRequest, "An action is a form POST (application/x-www-form-urlencoded).", null);
        }

        var form = await request.ReadFormAsync(cancellationToken);
        if (access.RefuseChange(request, form[Access.CsrfField].FirstOrDefault()) is { } refused)
        {
            return new(HttpStatusCode.Forbidden, $"Refused: {refused}.", null);
        }

        if (!ActionForms.Names.Contains(action, StringComparer.Ordinal))
        {
            return new(HttpStatusCode.NotFound, $"There is no action \"{action}\": use wake, sleep or restore.", null);
        }

        var @namespace = form["namespace"].FirstOrDefault() ?? string.Empty;
        var name = form["name"].FirstOrDefault() ?? string.Empty;
        var kind = WorkloadKind.FindByAlias(form["kind"].FirstOrDefault());
        if (kind is null || @namespace.Length == 0 || name.Length == 0)
        {
            return new(HttpStatusCode.BadRequest, "The form must name the workload's namespace, kind and name.", null);
        }

        if (model.Scope is { } scope && scope != @namespace)
        {
            return new(HttpStatusCode.BadRequest, $"This dashboard shows namespace {scope} only; {@namespace} is outside it.", null);
        }

        var target = new WorkloadRef(kind, @namespace, name);
        var now = clock.Now;
        Func<Workload, IReadOnlyDictionary<string, string>?, WorkloadChange> decide;
        switch (action)
        {
            case "wake":
                var length = DurationText.Parse(form["for"].FirstOrDefault());
                if (!length.IsValid)
                {
                    return new(HttpStatusCode.BadRequest, $"Not woken: {length.Error}.", target);
                }

                decide = (workload, annotations) => WakeCommand.Decide(workload, annotations, now + length.Value);
                break;
            case "sleep":
                decide = (workload, annotations) => SleepCommand.Decide(workload, annotations, model.Policy.Resolver, now);
                break;
            default:
                decide = RestoreCommand.Decide;
                break;
        }

        try
        {
            var outcome = await new WorkloadMutator(api).ApplyAsync(target, known: null, decide, cancellationToken);
            var status = outcome.Result switch
            {
                ChangeResult.NotFound => HttpStatusCode.NotFound,
                ChangeResult.Refused => HttpStatusCode.Conflict,
                _ => HttpStatusCode.OK,
            };
            return new(status, $"{kind.Kind.ToLowerInvariant()}/{name}: {outcome.Message}", target);
        }
        catch (HttpOperationException e)
        {
            // The person's own RBAC said no (or the server failed): shown in kubectl's words, with its status.
            return new(e.Response.StatusCode, ClusterAction.Describe(e), target);
        }
    }
}

/// <summary>What an action did: the HTTP status it answers with and the sentence shown.</summary>
internal sealed record ActionResult(HttpStatusCode Status, string Message, WorkloadRef? Workload)
{
    public bool Succeeded => Status == HttpStatusCode.OK;
}
