using Tarnfui.Cli.Cluster.Output;
using Tarnfui.Cli.Cluster.Workloads;
using Tarnfui.Core;
using Tarnfui.Core.Keda;
using Tarnfui.Core.Replicas;

namespace Tarnfui.Cli.Cluster.Sleep;

/// <summary>
/// <c>kubectl tarnfui sleep scaledobject/NAME</c>: the evening's pause now, with the one Core patch that pauses it at
/// the target's downtime count and records what the morning puts back.
/// </summary>
internal static class ScaledObjectSleep
{
    public static Task<int> RunAsync(ClusterSession session, IReadOnlyList<string> names, CancellationToken cancellationToken) =>
        ScaledObjectRunner.RunAsync(session, names, (name, token) => PauseAsync(session, name, token), cancellationToken);

    private static async Task<(bool Ok, string Message)> PauseAsync(ClusterSession session, string name, CancellationToken cancellationToken)
    {
        var scaledObject = await session.Api.ReadScaledObjectAsync(session.Namespace, name, cancellationToken);
        if (scaledObject is null)
        {
            return (false, $"not found in namespace {session.Namespace}");
        }

        var record = scaledObject.Record;
        if (!record.IsValid)
        {
            return (false, $"not paused: {record.Error}");
        }

        if (record.Value is not null)
        {
            return (true, "unchanged: already paused by Tarnfui");
        }

        if (scaledObject.Target is not { } target || await session.Api.ReadAsync(target, cancellationToken) is not { Replicas: { } count } workload)
        {
            return (false, "not paused: its scaleTargetRef names no workload Tarnfui scales, or it is gone");
        }

        // The count kept is the target's policy, as the sweeper reads it.
        var downtime = ReplicaRules.DowntimeReplicas(workload.Annotations, await session.Api.NamespaceAnnotationsAsync(target.Namespace, cancellationToken));
        if (!downtime.IsValid)
        {
            return (false, $"not paused: {downtime.Error}");
        }

        var paused = ScaledObjectRules.PausedCount(downtime.Value, count);
        await session.Api.PatchScaledObjectAsync(
            scaledObject, ScaledObjectPatches.Pause(scaledObject.Uid, scaledObject.Annotations, scaledObject.Labels, paused, count, session.Now), cancellationToken);
        return (true, $"paused: {WellKnown.Keda.PausedReplicas}={ScaledObjectRules.Format(paused)} ({Names.Of(target)} {ScaledObjectRules.Format(count)} -> {ScaledObjectRules.Format(paused)} replicas by KEDA)");
    }
}
