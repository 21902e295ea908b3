using k8s.Models;
using Microsoft.Extensions.Options;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Watching;
using Tarnfui.Sweeper.Configuration;
using Tarnfui.Sweeper.Kube;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Watching;

/// <summary>
/// The last whole read (or write answer) of each running workload of a kind that the stop pass reads before deciding
/// and that has no ReplicaSet copy to decide from (<see cref="Kinds"/>: StatefulSets, Argo Rollouts), kept current by a
/// metadata-only watch of every object of the kind, so that a daytime sweep over an unchanged cluster reads none of
/// them. The watch brings what the decision reads of the metadata (the Tarnfui keys, the owner flag, the selector
/// labels, the resourceVersion the stop's patch tests) as it changes; the count and the pod template are in the spec,
/// which a metadata watch does not carry, and which the API server versions with <c>metadata.generation</c>: a kept
/// read stands in for the spec only while the watch shows the same object (uid) at the same generation. A spec changed
/// since (a person's scale, a new template) or a watch that never saw the object sends the sweeper to read it again.
/// </summary>
/// <remarks>
/// Correctness never rests on the kept read: the stop's JSON Patch tests the resourceVersion the watch last brought,
/// so a change the watch has not delivered yet fails the patch and the workload is read again. The watched view costs a
/// LIST when it is (re)listed and one watch stream; it holds the kept form of every object of the kinds (a few hundred
/// bytes each) and a read for each one that ran in the last sweep. Without <c>Sweeper:Watch</c> nothing is kept: every
/// stop reads, as before.
/// </remarks>
internal sealed class KeptReads : IAsyncDisposable
{
    private readonly Dictionary<WorkloadKind, Reflector<V1ObjectMeta, WorkloadSnapshot>> _views = [];
    private readonly Dictionary<WorkloadRef, Kept> _reads = [];
    private readonly HashSet<WorkloadKind> _served = [];
    private readonly ServedApis _servedApis;
    private int _sweep;

    public KeptReads(KubeApi api, ServedApis served, ReadScope scope, IOptions<SweeperOptions> options, ILogger<ClusterView> logger)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(options);
        _servedApis = served;
        if (!options.Value.Watch)
        {
            return;
        }

        foreach (var kind in Kinds)
        {
            var what = $"{kind.ToString().ToLowerInvariant()}s";
            _views[kind] = new(
                scope.ListWatch(ns => MetadataListWatch.Of(
                    (continueToken, ct) => api.ListMetadataAsync(kind, ns, null, continueToken, ct),
                    (version, connected, ct) => api.WatchMetadataAsync(kind, ns, null, version, connected, ct))),
                (metadata, _) => api.WithLabels(KubeApi.Snapshot(new WorkloadRef(kind, metadata.NamespaceProperty, metadata.Name), metadata), metadata),
                ClusterView.Options<WorkloadSnapshot>(what, options.Value.WatchStaleAfter, logger, merge: null));
        }
    }

    /// <summary>
    /// The kinds kept: found from running pods, stopped through their count, and read whole before a stop because no
    /// ReplicaSet carries a copy the deployment controller keeps (a Deployment's is read from its ReplicaSet instead).
    /// </summary>
    public static IReadOnlyList<WorkloadKind> Kinds { get; } =
        [.. WorkloadKind.All.Where(k => k.ReachedFromPods && k.Stop == StopMethod.Replicas && k != WorkloadKind.Deployment)];

    /// <summary>How many reads are kept (for tests and the memory scenario).</summary>
    public int Count => _reads.Count;

    /// <summary>Lists the views that are stale (a custom resource's only while it is served); returns the LIST pages that cost.</summary>
    public async Task<int> EnsureSyncedAsync(CancellationToken cancellationToken)
    {
        var pages = 0;
        _served.Clear();
        foreach (var (kind, view) in _views)
        {
            if (!await _servedApis.ServesAsync(kind, cancellationToken))
            {
                continue;
            }

            _served.Add(kind);
            if (await view.EnsureSyncedAsync(cancellationToken))
            {
                pages += view.LastListPages;
            }
        }

        return pages;
    }

    /// <summary>Starts a walk over the running pods: the reads it does not use are dropped at its end (<see cref="EndSweep"/>).</summary>
    public void BeginSweep() => _sweep++;

    /// <summary>
    /// The workload as it is now, from its kept read and what the watch last brought of its metadata; null when that
    /// cannot be known without reading it (not kept, not watched, another object, or its spec changed since).
    /// </summary>
    public WorkloadSnapshot? Current(WorkloadRef workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        if (!_reads.TryGetValue(workload, out var kept) || !_served.Contains(workload.Kind) || !_views.TryGetValue(workload.Kind, out var view)
            || view.Staleness() is not null || view.Get(workload.Namespace, workload.Name) is not { } watched
            || Combine(kept.Read, watched) is not { } current)
        {
            return null;
        }

        kept.Sweep = _sweep;
        return current;
    }

    /// <summary>
    /// The workload as a kept read and the watch's view of it say it is now, or null when they cannot say (another
    /// object, or a spec changed since the read).
    /// </summary>
    /// <remarks>
    /// At the same generation, the read's spec (count, template) with everything else as watched. At an older one, the
    /// watch has not yet brought the read's version (the sweeper's own write, a moment ago): the read is the newest
    /// state known, whole, its version included, and what the watch brings later is newer still.
    /// </remarks>
    public static WorkloadSnapshot? Combine(WorkloadSnapshot read, WorkloadSnapshot watched)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(watched);
        if (watched.Uid != read.Uid)
        {
            return null;
        }

        if (watched.Generation is { } seen && read.Generation is { } written && seen < written)
        {
            return read;
        }

        return SameSpec(read, watched)
            ? read with
            {
                ResourceVersion = watched.ResourceVersion,
                Metadata = watched.Metadata,
                OperatorOwned = watched.OperatorOwned,
                Labels = watched.Labels,
            }
            : null;
    }

    /// <summary>What the watch last brought of a workload of a kept kind (null: not watched, or not seen), metadata only.</summary>
    public WorkloadSnapshot? Watched(WorkloadRef workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return _views.TryGetValue(workload.Kind, out var view) ? view.Get(workload.Namespace, workload.Name) : null;
    }

    /// <summary>Keeps a whole read or a write's answer of a kept kind (one with its count); other snapshots are ignored.</summary>
    public void Remember(WorkloadSnapshot? read)
    {
        if (read is { Replicas: not null } && _views.ContainsKey(read.Ref.Kind))
        {
            _reads[read.Ref] = new Kept(read) { Sweep = _sweep };
        }
    }

    /// <summary>Forgets a workload's read (its write failed a precondition, or it is gone).</summary>
    public void Forget(WorkloadRef workload) => _reads.Remove(workload);

    /// <summary>
    /// Ends a full walk: the reads neither used nor made in it belong to workloads that no longer run (stopped, scaled
    /// to zero, deleted), so the reads follow what runs. Call only after a walk that saw every page.
    /// </summary>
    public void EndSweep()
    {
        foreach (var gone in _reads.Where(entry => entry.Value.Sweep != _sweep).Select(entry => entry.Key).ToList())
        {
            _reads.Remove(gone);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var view in _views.Values)
        {
            await view.DisposeAsync();
        }
    }

    // The same spec: the same generation, or, for an object that has none (a custom resource on a server that does not
    // set it), the very version read.
    private static bool SameSpec(WorkloadSnapshot read, WorkloadSnapshot watched) =>
        watched.Generation is { } generation
            ? generation == read.Generation
            : read.Generation is null && watched.ResourceVersion == read.ResourceVersion;

    private sealed class Kept(WorkloadSnapshot read)
    {
        public WorkloadSnapshot Read { get; } = read;

        // The last sweep that used or made it.
        public int Sweep { get; set; }
    }
}
