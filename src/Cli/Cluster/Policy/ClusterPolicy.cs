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
}
