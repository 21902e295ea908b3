using Tarnfui.Cli.Cluster.Workloads;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Cluster.Status;

/// <summary>
/// A KEDA ScaledObject Tarnfui holds paused, as a status row: the count its record puts back on the target, and when,
/// decided by the policy of the target (where the policy's annotations live), read once per paused ScaledObject.
/// </summary>
internal static class ScaledObjectRow
{
    public static async Task<HeldDown?> CreateAsync(ClusterSession session, PolicyResolver resolver, ScaledObject scaledObject, CancellationToken cancellationToken)
    {
        if (scaledObject.Target is not { } target)
        {
            // A target Tarnfui cannot scale through /scale is never paused by the sweeper: a stray label only.
            return null;
        }

        var workload = await session.Api.ReadAsync(target, cancellationToken);
        var namespaceAnnotations = await session.Api.NamespaceAnnotationsAsync(target.Namespace, cancellationToken);
        var decision = resolver.Resolve(
            target, workload?.Annotations ?? new Dictionary<string, string>(StringComparer.Ordinal), workload?.OperatorOwned ?? false, namespaceAnnotations, session.Now, cancellationToken);
        var record = scaledObject.Record is { IsValid: true, Value: { } paused } ? paused : null;
        return HeldDown.Create(target, record?.TargetReplicas, record?.PausedAt, decision, session.Now) with { ScaledObject = scaledObject.Name };
    }
}
