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
/// makes a night-time sweep nearly free: it lists only the running pods. Of each item it keeps only what the
/// decisions read (<see cref="DecisiveMetadata"/>): for a namespace its Tarnfui annotations, for a stopped workload
/// the <see cref="WorkloadSnapshot"/> the restore pass plans from, made when the item arrives. At 25,000 stopped
/// workloads that is a few hundred bytes each instead of their whole metadata (managedFields and
/// <c>last-applied-configuration</c> alone are often several KB).
/// </summary>
public sealed class ClusterView : IAsyncDisposable
{
    public ClusterView(KubeApi api, IOptions<SweeperOptions> options, ILogger<ClusterView> logger)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(options);
        var watch = options.Value.Watch;
        var staleAfter = options.Value.WatchStaleAfter;
        Namespaces = new MetadataReflector<IReadOnlyDictionary<string, string>>(
            "namespaces", api.ListNamespacesAsync, api.WatchNamespacesAsync, KeepNamespace, watch, staleAfter, logger);
        StoppedDeployments = new MetadataReflector<WorkloadSnapshot>(
            "stopped deployments",
            (token, ct) => api.ListStoppedAsync(WorkloadKind.Deployment, token, ct),
            (version, connected, ct) => api.WatchStoppedAsync(WorkloadKind.Deployment, version, connected, ct),
            m => KubeApi.Snapshot(new WorkloadRef(WorkloadKind.Deployment, m.NamespaceProperty, m.Name), m),
            watch,
            staleAfter,
            logger)
        {
            Refresh = Refresh,
        };
        StoppedStatefulSets = new MetadataReflector<WorkloadSnapshot>(
            "stopped statefulsets",
            (token, ct) => api.ListStoppedAsync(WorkloadKind.StatefulSet, token, ct),
            (version, connected, ct) => api.WatchStoppedAsync(WorkloadKind.StatefulSet, version, connected, ct),
            m => KubeApi.Snapshot(new WorkloadRef(WorkloadKind.StatefulSet, m.NamespaceProperty, m.Name), m),
            watch,
            staleAfter,
            logger)
        {
            Refresh = Refresh,
        };
    }

    /// <summary>Each namespace's Tarnfui annotations (empty when it has none).</summary>
    public MetadataReflector<IReadOnlyDictionary<string, string>> Namespaces { get; }

    public MetadataReflector<WorkloadSnapshot> StoppedDeployments { get; }

    public MetadataReflector<WorkloadSnapshot> StoppedStatefulSets { get; }

    /// <summary>Lists what is stale; returns the LIST pages that cost (0 when the watches are current).</summary>
    public async Task<int> EnsureSyncedAsync(CancellationToken cancellationToken)
    {
        var pages = 0;
        if (await Namespaces.EnsureSyncedAsync(cancellationToken))
        {
            pages += Namespaces.LastListPages;
        }

        foreach (var reflector in (MetadataReflector<WorkloadSnapshot>[])[StoppedDeployments, StoppedStatefulSets])
        {
            if (await reflector.EnsureSyncedAsync(cancellationToken))
            {
                pages += reflector.LastListPages;
            }
        }

        return pages;
    }

    /// <summary>The namespace's Tarnfui annotations, or null when the namespace is unknown. Kept, not copied: never written to.</summary>
    public IReadOnlyDictionary<string, string>? NamespaceAnnotations(string @namespace) => Namespaces.Get(null, @namespace);

    public MetadataReflector<WorkloadSnapshot> Stopped(WorkloadKind kind) => kind == WorkloadKind.Deployment ? StoppedDeployments : StoppedStatefulSets;

    public bool IsStopped(WorkloadRef workload) => StoppedSnapshot(workload) is not null;

    /// <summary>The stopped set's entry for the workload, or null when it is not in the set.</summary>
    public WorkloadSnapshot? StoppedSnapshot(WorkloadRef workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return Stopped(workload.Kind).Get(workload.Namespace, workload.Name);
    }

    /// <summary>
    /// Every workload carrying the stopped label, as a metadata-only snapshot: no replicas; what one replica requests
    /// only for the workloads this sweeper stopped (from its patch's answer).
    /// </summary>
    public IEnumerable<WorkloadSnapshot> StoppedWorkloads() => StoppedDeployments.Items.Concat(StoppedStatefulSets.Items);

    /// <summary>
    /// Records the result of the sweeper's own write (the workload as the server answered it, null when it is gone):
    /// in the stopped set when it carries the label, else out. Kept as a list or watch item would be (what the restore
    /// pass reads of its metadata, not the count of the answer), plus what one replica requests, for the metrics of
    /// what is held down: later versions with the same Tarnfui keys keep it (<see cref="Refresh"/>).
    /// </summary>
    public void Record(WorkloadRef workload, WorkloadSnapshot? written)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var set = Stopped(workload.Kind);
        if (written is not null && written.Metadata.HasLabel(Core.WellKnown.Labels.Stopped))
        {
            set.Upsert(workload.Namespace, workload.Name, MetadataOnly(written), Merge);
        }
        else
        {
            set.Remove(workload.Namespace, workload.Name);
        }
    }

    // As a list or watch item of the stopped set: without the count (the restore pass tests the held-down count
    // instead) and the rollout revision of the patch's answer.
    private static WorkloadSnapshot MetadataOnly(WorkloadSnapshot written) =>
        written with
        {
            Replicas = null,
            Metadata = written.Metadata with { Annotations = DecisiveMetadata.Annotations(written.Metadata.Annotations) },
        };

    /// <summary>
    /// <paramref name="kept"/> at the version of <paramref name="metadata"/> when that is the same object with the same
    /// Tarnfui keys and owner flag (only its version moved: its status, mostly), else null.
    /// </summary>
    public static WorkloadSnapshot? Refresh(WorkloadSnapshot kept, V1ObjectMeta metadata) =>
        kept is not null && metadata is not null
        && kept.Uid == metadata.Uid && kept.OperatorOwned == OwnerWalk.IsOperatorOwned(metadata) && DecisiveMetadata.Matches(kept.Metadata, metadata)
            ? (kept.ResourceVersion == metadata.ResourceVersion ? kept : kept with { ResourceVersion = metadata.ResourceVersion ?? "" })
            : null;

    // The answer of a write arrives after the sweep's Event is written, by when the watch may have brought later
    // versions of the same state (the controller moving its status): the entry keeps the newer version and takes only
    // what the answer adds, what one replica requests. A different state (another object, other Tarnfui keys) replaces it.
    private static WorkloadSnapshot Merge(WorkloadSnapshot kept, WorkloadSnapshot written) =>
        kept.Uid == written.Uid && kept.OperatorOwned == written.OperatorOwned && DecisiveMetadata.Matches(kept.Metadata, written.Metadata)
            ? (kept.PerReplica == written.PerReplica ? kept : kept with { PerReplica = written.PerReplica })
            : written;

    private static SmallDictionary KeepNamespace(V1ObjectMeta metadata) =>
        DecisiveMetadata.Annotations(metadata.Annotations) ?? SmallDictionary.Empty;

    public async ValueTask DisposeAsync()
    {
        await Namespaces.DisposeAsync();
        await StoppedDeployments.DisposeAsync();
        await StoppedStatefulSets.DisposeAsync();
    }
}
