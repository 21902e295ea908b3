using NodaTime;

namespace Tarnfui.Core.Policy;

/// <summary>
/// Decides, purely, what applies to one workload at one instant: exempt, working hours, off-hours or invalid.
/// Shared by the webhook, the sweeper and the CLI so that all three always agree.
/// </summary>
public sealed class PolicyResolver(GlobalPolicy global)
{
    // CONTRACT (issue #3).

    /// <summary>How far ahead next transitions are searched.</summary>
    public static readonly Duration Horizon = Duration.FromDays(366);

    public GlobalPolicy Global { get; } = global;

    /// <param name="workload">The workload.</param>
    /// <param name="workloadAnnotations">Its annotations (null when it has none).</param>
    /// <param name="operatorOwned">Whether its own ownerReferences name a controller.</param>
    /// <param name="namespaceAnnotations">Its namespace's annotations (null when none or unknown).</param>
    /// <param name="now">The instant, read once per admission or sweep.</param>
    public PolicyDecision Resolve(
        WorkloadRef workload,
        IReadOnlyDictionary<string, string>? workloadAnnotations,
        bool operatorOwned,
        IReadOnlyDictionary<string, string>? namespaceAnnotations,
        Instant now) => throw new NotImplementedException();
}
