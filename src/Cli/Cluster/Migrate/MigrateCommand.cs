using System.CommandLine;
using System.Net;
using System.Text.Json.Nodes;
using k8s.Autorest;
using Tarnfui.Cli.Cluster.Connection;
using Tarnfui.Cli.Cluster.Output;
using Tarnfui.Cli.Cluster.Policy;
using Tarnfui.Core;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Cluster.Migrate;

/// <summary>
/// <c>kubectl tarnfui migrate --from kube-downscaler [--dry-run] [-A | -n NS]</c>: rewrites the <c>downscaler/*</c>
/// annotations of Deployments, StatefulSets, CronJobs and Namespaces to Tarnfui's, one patch per object.
/// </summary>
internal static class MigrateCommand
{
    /// <summary>The only tool migrate reads today.</summary>
    public const string KubeDownscaler = "kube-downscaler";

    private static readonly WorkloadKind[] Kinds = [WorkloadKind.Deployment, WorkloadKind.StatefulSet, WorkloadKind.CronJob];

    public static Command Create(ClusterEnvironment environment)
    {
        var flags = new ConnectionFlags();
        var from = new Option<string?>("--from") { Description = $"The downscaler whose annotations to rewrite: {KubeDownscaler} (required)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Say what would be rewritten; write nothing" };
        var command = new Command(
            "migrate",
            "Rewrite kube-downscaler's annotations (downscaler/exclude, exclude-until, uptime, downtime, downtime-replicas, " +
            "force-downtime) on Deployments, StatefulSets, CronJobs and Namespaces to Tarnfui's, one patch per object that adds " +
            "the tarnfui.io/* keys and removes the downscaler/* ones, and fails instead of overwriting an edit made since the read. " +
            "An object with a key Tarnfui has no equivalent of, or a value it cannot read, is left as it is, with the reason. " +
            $"Schedules are checked with the configuration in Tarnfui's ConfigMap {WellKnown.Objects.ConfigMap}.");
        command.Options.Add(from);
        command.Options.Add(dryRun);
        flags.AddTo(command);
        ClusterAction.Set(command, flags, environment, parse => Validate(parse.GetValue(from), parse.GetValue(dryRun)), RunAsync);
        return command;
    }

    private static ParseResult<bool> Validate(string? from, bool dryRun) =>
        string.Equals(from, KubeDownscaler, StringComparison.OrdinalIgnoreCase)
            ? ParseResult<bool>.Ok(dryRun)
            : ParseResult<bool>.Fail(from is null
                ? $"migrate needs --from {KubeDownscaler}"
                : $"--from \"{from}\" is not a downscaler migrate reads; use --from {KubeDownscaler}");

    private static async Task<int> RunAsync(ClusterSession session, bool dryRun, CancellationToken cancellationToken)
    {
        var policy = await ClusterPolicy.LoadAsync(session.Api, PolicyOverrides.None, cancellationToken);
        if (!policy.IsValid)
        {
            await session.Error.WriteLineAsync($"error: {policy.Error}");
            return ClusterAction.RuntimeError;
        }

        var defaults = policy.Value.Resolver.Global.Defaults;
        var outcomes = new List<MigrationOutcome>();
        await foreach (var target in TargetsAsync(session, cancellationToken))
        {
            if (MigrationPlan.Of(target.Annotations, defaults) is { } plan)
            {
                outcomes.Add(await ApplyAsync(session, target, plan, dryRun, cancellationToken));
            }
        }

        if (outcomes.Count == 0)
        {
            await session.Error.WriteLineAsync(session.Scope is { } scope
                ? $"No kube-downscaler annotations found in namespace {scope}."
                : "No kube-downscaler annotations found.");
            return ClusterAction.Ok;
        }

        Write(session, outcomes);
        return outcomes.Any(o => o.Failed) ? ClusterAction.RuntimeError : ClusterAction.Ok;
    }

    // The namespace itself (or every namespace with -A), then each kind's objects in scope.
    private static async IAsyncEnumerable<MigrationTarget> TargetsAsync(ClusterSession session, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (session.Scope is { } scope)
        {
            if (await session.Api.NamespaceAnnotationsAsync(scope, cancellationToken) is { } annotations)
            {
                yield return new MigrationTarget(null, scope, annotations);
            }
        }
        else
        {
            await foreach (var (name, annotations) in session.Api.ListNamespacesAsync(cancellationToken))
            {
                yield return new MigrationTarget(null, name, annotations);
            }
        }

        foreach (var kind in Kinds)
        {
            await foreach (var workload in session.Api.ListAsync(kind, session.Scope, labelSelector: null, metadataOnly: true, cancellationToken))
            {
                yield return new MigrationTarget(workload.Ref, workload.Ref.Namespace, workload.Annotations);
            }
        }
    }

    private static async Task<MigrationOutcome> ApplyAsync(ClusterSession session, MigrationTarget target, MigrationPlan plan, bool dryRun, CancellationToken cancellationToken)
    {
        if (plan.Unmappable is { } reason)
        {
            return new MigrationOutcome(target, plan, $"left as it is: {reason}", Failed: true);
        }

        if (dryRun)
        {
            return new MigrationOutcome(target, plan, "would migrate (dry run)", Failed: false);
        }

        var patch = plan.Patch(target.Annotations).ToJsonString();
        try
        {
            if (target.Workload is { } workload)
            {
                await session.Api.PatchAsync(workload, patch, cancellationToken);
            }
            else
            {
                await session.Api.PatchNamespaceAsync(target.Namespace, patch, cancellationToken);
            }

            return new MigrationOutcome(target, plan, "migrated", Failed: false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.Conflict)
        {
            // A failed test: someone changed these annotations since they were read. Nothing was written.
            return new MigrationOutcome(target, plan, "conflict: its annotations changed since they were read; nothing written, run migrate again", Failed: true);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return new MigrationOutcome(target, plan, "gone: deleted since it was read", Failed: true);
        }
    }

    private static void Write(ClusterSession session, IReadOnlyList<MigrationOutcome> outcomes)
    {
        if (session.Format != OutputFormat.Table)
        {
            StructuredWriter.Write(session.Out, session.Format, new JsonObject
            {
                ["items"] = new JsonArray([.. outcomes.Select(o => (JsonNode)new JsonObject
                {
                    ["object"] = o.Target.Describe(),
                    ["result"] = o.Result,
                    ["annotations"] = new JsonArray([.. o.Plan.Moves.Select(m => (JsonNode)new JsonObject
                    {
                        ["from"] = m.FromKey,
                        ["fromValue"] = m.FromValue,
                        ["to"] = m.ToKey,
                        ["toValue"] = m.ToValue,
                    })]),
                })]),
            });
            return;
        }

        var table = new TableWriter("OBJECT", "FROM", "TO", "RESULT");
        foreach (var outcome in outcomes)
        {
            foreach (var move in outcome.Plan.Moves)
            {
                table.Add(outcome.Target.Describe(), $"{move.FromKey}={move.FromValue}", move.ToKey is null ? "-" : $"{move.ToKey}={move.ToValue}", outcome.Result);
            }
        }

        table.WriteTo(session.Out);
    }
}

/// <summary>An object migrate reads: a workload, or a Namespace when <see cref="Workload"/> is null.</summary>
internal sealed record MigrationTarget(WorkloadRef? Workload, string Namespace, IReadOnlyDictionary<string, string> Annotations)
{
    /// <summary><c>deployment/api -n shop</c> or <c>namespace/shop</c>.</summary>
    public string Describe() => Workload is { } workload ? $"{Names.Of(workload)} -n {Namespace}" : $"namespace/{Namespace}";
}

/// <summary>What happened to one object.</summary>
internal sealed record MigrationOutcome(MigrationTarget Target, MigrationPlan Plan, string Result, bool Failed);
