using System.Runtime.CompilerServices;
using Tarnfui.Cli.Cluster.Workloads;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Cluster.Targets;

/// <summary>Turns a selection into workloads: named ones are read later, selected ones are listed (every kind the CLI handles).</summary>
internal static class TargetResolver
{
    /// <param name="api">The API.</param>
    /// <param name="selection">Names, a label selector or --all.</param>
    /// <param name="namespace">Where names live.</param>
    /// <param name="scope">Where to list (null: all namespaces).</param>
    /// <param name="requiredSelector">A selector every listed workload must also match (restore: the stopped label).</param>
    /// <param name="untouchable">Namespaces whose listed workloads are left out (a named workload is always taken).</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    public static async IAsyncEnumerable<(WorkloadRef Ref, Workload? Known)> ResolveAsync(
        WorkloadApi api,
        TargetSelection selection,
        string @namespace,
        string? scope,
        string? requiredSelector,
        IReadOnlySet<string>? untouchable,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(selection);
        // Named ScaledObjects are no workloads: naming only them selects no workload (never "every workload").
        if (selection.Names.Count > 0 || selection.ScaledObjects.Count > 0)
        {
            foreach (var name in selection.Names)
            {
                yield return (name.In(@namespace), null);
            }

            yield break;
        }

        var selector = string.Join(',', new[] { selection.LabelSelector, requiredSelector }.Where(s => !string.IsNullOrEmpty(s)));
        foreach (var kind in CliKinds.Handled)
        {
            await foreach (var workload in api.ListAsync(kind, scope, selector.Length == 0 ? null : selector, metadataOnly: false, cancellationToken))
            {
                // kube-system and the like are never touched: `wake --all -A` must not annotate them.
                if (untouchable?.Contains(workload.Ref.Namespace) == true)
                {
                    continue;
                }

                yield return (workload.Ref, workload);
            }
        }
    }
}
