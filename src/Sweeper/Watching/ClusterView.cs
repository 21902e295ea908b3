using k8s.Models;
using Microsoft.Extensions.Options;
using Tarnfui.Core.Policy;
using Tarnfui.Sweeper.Configuration;
using Tarnfui.Sweeper.Kube;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Watching;

/// <summary>
/// What the sweeper keeps of the cluster between sweeps: the namespaces (for namespace-level policy) and the
/// workloads carrying the <c>stopped</c> label, each a metadata-only list kept current by a watch. This is what
/// makes a night-time sweep nearly free: it lists only the running pods.
/// </summary>
public sealed class ClusterView : IAsyncDisposable
{
    public ClusterView(KubeApi api, IOptions<SweeperOptions> options, ILogger<ClusterView> logger)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(options);
        var watch = options.Value.Watch;
        var staleAfter = DurationText.Parse(options.Value.WatchStaleAfter);
        Namespaces = new MetadataReflector("namespaces", api.ListNamespacesAsync, api.WatchNamespacesAsync, watch, staleAfter, logger);
        StoppedDeployments = new MetadataReflector(
            "stopped deployments",
            (token, ct) => api.ListStoppedAsync(WorkloadKind.Deployment, token, ct),
            (version, connected, ct) => api.WatchStoppedAsync(WorkloadKind.Deployment, version, connected, ct),
            watch,
            staleAfter,
            logger);
        StoppedStatefulSets = new MetadataReflector(
            "stopped statefulsets",
            (token, ct) => api.ListStoppedAsync(WorkloadKind.StatefulSet, token, ct),
            (version, connected, ct) => api.WatchStoppedAsync(WorkloadKind.StatefulSet, version, connected, ct),
            watch,
            staleAfter,
            logger);
    }

    public MetadataReflector Namespaces { get; }

    public MetadataReflector StoppedDeployments { get; }

    public MetadataReflector StoppedStatefulSets { get; }

    /// <summary>Lists what is stale; returns the LIST pages that cost (0 when the watches are current).</summary>
    public async Task<int> EnsureSyncedAsync(CancellationToken cancellationToken)
    {
        var pages = 0;
        foreach (var reflector in (MetadataReflector[])[Namespaces, StoppedDeployments, StoppedStatefulSets])
        {
            if (await reflector.EnsureSyncedAsync(cancellationToken))
            {
                pages += reflector.LastListPages;
            }
        }

        return pages;
    }

    public IReadOnlyDictionary<string, string>? NamespaceAnnotations(string @namespace) =>
        Namespaces.Get(null, @namespace)?.Annotations is { } annotations ? new Dictionary<string, string>(annotations, StringComparer.Ordinal) : null;

    public MetadataReflector Stopped(WorkloadKind kind) => kind == WorkloadKind.Deployment ? StoppedDeployments : StoppedStatefulSets;

    public bool IsStopped(WorkloadRef workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return Stopped(workload.Kind).Get(workload.Namespace, workload.Name) is not null;
    }

    /// <summary>Every workload carrying the stopped label, as a metadata-only snapshot.</summary>
    public IEnumerable<WorkloadSnapshot> StoppedWorkloads() =>
        StoppedDeployments.Items.Select(m => KubeApi.Snapshot(new WorkloadRef(WorkloadKind.Deployment, m.NamespaceProperty, m.Name), m))
            .Concat(StoppedStatefulSets.Items.Select(m => KubeApi.Snapshot(new WorkloadRef(WorkloadKind.StatefulSet, m.NamespaceProperty, m.Name), m)));

    /// <summary>Records the result of the sweeper's own write: in the stopped set when it carries the label, else out.</summary>
    public void Record(WorkloadRef workload, V1ObjectMeta? metadata)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var set = Stopped(workload.Kind);
        if (metadata?.Labels is { } labels && labels.ContainsKey(Core.WellKnown.Labels.Stopped))
        {
            set.Upsert(metadata);
        }
        else
        {
            set.Remove(workload.Namespace, workload.Name);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Namespaces.DisposeAsync();
        await StoppedDeployments.DisposeAsync();
        await StoppedStatefulSets.DisposeAsync();
    }
}
