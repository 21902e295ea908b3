using System.Text.Json.Nodes;
using Tarnfui.Cli.Cluster.Output;
using Tarnfui.Cli.Cluster.Targets;

namespace Tarnfui.Cli.Cluster.Workloads;

/// <summary>Applies one decision to every selected workload, one patch each, and reports each outcome as kubectl would.</summary>
internal static class ChangeRunner
{
    public static async Task<int> RunAsync(
        ClusterSession session,
        TargetSelection selection,
        string? listScope,
        string? requiredSelector,
        IReadOnlySet<string>? untouchable,
        Func<Workload, IReadOnlyDictionary<string, string>?, WorkloadChange> decide,
        CancellationToken cancellationToken,
        (JsonArray Items, bool Failed)? changedAlongside = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(selection);
        if (selection.ScaledObjects.Count > 0)
        {
            // sleep, restore and wake take named ScaledObjects apart (ScaledObjectRunner); none may reach the workloads' path.
            throw new ArgumentException("named ScaledObjects are changed by ScaledObjectRunner, not as workloads", nameof(selection));
        }

        var mutator = new WorkloadMutator(session.Api);
        var outcomes = new List<ChangeOutcome>();
        await foreach (var (reference, known) in TargetResolver.ResolveAsync(session.Api, selection, session.Namespace, listScope, requiredSelector, untouchable, cancellationToken))
        {
            var outcome = await mutator.ApplyAsync(reference, known, decide, cancellationToken);
            outcomes.Add(outcome);
            if (session.Format == OutputFormat.Table)
            {
                await WriteAsync(session, outcome, listScope is null && selection.Names.Count == 0);
            }
        }

        // Changed before this run (restore's ScaledObjects): reported in the same document, counted as found.
        var alongside = changedAlongside ?? ([], false);
        if (outcomes.Count == 0 && alongside.Items.Count == 0)
        {
            // kubectl's wording when a selector matches nothing; not an error.
            await session.Error.WriteLineAsync(listScope is null ? "No resources found" : $"No resources found in {listScope} namespace.");
        }

        if (session.Format != OutputFormat.Table)
        {
            StructuredWriter.Write(session.Out, session.Format, new JsonObject
            {
                ["items"] = new JsonArray([.. alongside.Items.Select(i => i!.DeepClone()), .. outcomes.Select(o => (JsonNode)new JsonObject
                {
                    ["kind"] = o.Workload.Kind.ToString(),
                    ["namespace"] = o.Workload.Namespace,
                    ["name"] = o.Workload.Name,
                    ["result"] = o.Result.ToString(),
                    ["message"] = o.Message,
                })]),
            });
        }

        return alongside.Failed || outcomes.Any(o => o.Failed) ? ClusterAction.RuntimeError : ClusterAction.Ok;
    }

    private static Task WriteAsync(ClusterSession session, ChangeOutcome outcome, bool showNamespace)
    {
        var name = showNamespace ? $"{Names.Of(outcome.Workload)} -n {outcome.Workload.Namespace}" : Names.Of(outcome.Workload);
        return outcome.Result switch
        {
            ChangeResult.NotFound => session.Error.WriteLineAsync(outcome.Message),
            ChangeResult.Refused => session.Error.WriteLineAsync($"error: {name} {outcome.Message}"),
            _ => session.Out.WriteLineAsync($"{name} {outcome.Message}"),
        };
    }
}
