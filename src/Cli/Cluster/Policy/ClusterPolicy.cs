using Tarnfui.Cli.Cluster.Workloads;
using Tarnfui.Core;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Cluster.Policy;

/// <summary>The resolver the commands evaluate with, and a sentence saying where its global configuration came from.</summary>
internal sealed record ClusterPolicy(PolicyResolver Resolver, string Source)
{
    /// <summary>Reads Tarnfui's ConfigMap (when installed and readable) under the command-line overrides.</summary>
    public static async Task<ParseResult<ClusterPolicy>> LoadAsync(WorkloadApi api, PolicyOverrides overrides, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(overrides);
        var own = overrides.OwnNamespace;
        var configMap = await api.ReadConfigurationAsync(own, cancellationToken);
        var policy = PolicyConfiguration.Create(configMap?.Data, overrides);
        if (!policy.IsValid)
        {
            var where = configMap is { } found ? $"ConfigMap {own}/{found.Name} with the flags" : "the flags";
            return ParseResult<ClusterPolicy>.Fail($"invalid global configuration from {where}: {policy.Error}");
        }

        var source = configMap is { } map ? $"ConfigMap {own}/{map.Name}" : $"defaults (no ConfigMap {WellKnown.Objects.ConfigMap} in namespace {own})";
        if (overrides.Any)
        {
            source += ", overridden by flags";
        }

        return ParseResult<ClusterPolicy>.Ok(new ClusterPolicy(new PolicyResolver(policy.Value), source));
    }

    /// <summary>Replicas kept during off-hours: <c>downtime-replicas</c> from the workload, else its namespace, else 0.</summary>
    public static int DowntimeReplicas(IReadOnlyDictionary<string, string> workload, IReadOnlyDictionary<string, string>? @namespace)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var text = workload.TryGetValue(WellKnown.Annotations.DowntimeReplicas, out var w) ? w
            : @namespace is not null && @namespace.TryGetValue(WellKnown.Annotations.DowntimeReplicas, out var n) ? n
            : null;

        // An unreadable value counts as the default here; explain and status show the annotation error itself.
        return text is not null && AnnotationValues.ParseReplicas(WellKnown.Annotations.DowntimeReplicas, text).TryGetValue(out var replicas) ? replicas : 0;
    }
}
