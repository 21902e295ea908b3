using System.Globalization;
using Tarnfui.Cli.Cluster.Workloads;
using Tarnfui.Core;
using Tarnfui.Core.Replicas;

namespace Tarnfui.Cli.Cluster.Patching;

/// <summary>What a restore (by <c>restore</c> or <c>wake</c>) does to one workload, by the sweeper's rules.</summary>
internal static class RestoreDecision
{
    /// <summary>The verdict; null when the workload is not stopped; an error when its record cannot be read.</summary>
    public static ParseResult<RestoreVerdict?> Of(Workload workload, IReadOnlyDictionary<string, string>? namespaceAnnotations)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var state = workload.State;
        if (!state.IsValid)
        {
            return ParseResult<RestoreVerdict?>.Fail(state.Error);
        }

        if (state.Value is not { } stopped)
        {
            return ParseResult<RestoreVerdict?>.Ok(null);
        }

        var heldAt = ReplicaRules.HeldAt(stopped, workload.Annotations, namespaceAnnotations);
        return ParseResult<RestoreVerdict?>.Ok(ReplicaRules.ForRestore(workload.Replicas ?? heldAt, heldAt, stopped));
    }

    /// <summary><c>0 -> 3 replicas</c>, or why the count stays.</summary>
    public static string Describe(RestoreVerdict? verdict, int? current) => verdict switch
    {
        RestoreVerdict.Restore r => $"{I(current)} -> {I(r.Replicas)} replicas",
        RestoreVerdict.Forget f => $"replicas left at {I(f.Replicas)}: someone changed them while it was held at {I(f.DowntimeReplicas)}",
        _ => $"{I(current)} replicas; it was not stopped",
    };

    private static string I(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "?";
}
