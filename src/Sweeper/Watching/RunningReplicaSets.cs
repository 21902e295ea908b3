using k8s.Models;
using Microsoft.Extensions.Options;
using Tarnfui.Core.Watching;
using Tarnfui.Sweeper.Configuration;
using Tarnfui.Sweeper.Kube;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Watching;

/// <summary>
/// The ReplicaSets that run, kept current by a metadata-only LIST and WATCH selected by
/// <c>status.replicas!=0</c> (<see cref="KubeApi.RunningReplicaSetsFieldSelector"/>): of each, its workload and the
/// copy of its Deployment the deployment controller keeps on it (<see cref="WatchedReplicaSet"/>), which is what the
/// <see cref="OwnerCache"/> answers from while the watch holds the ReplicaSet. The deployment controller writes a
/// changed annotation, count or revision of the Deployment onto its current ReplicaSet, so the watch brings it, and a
/// daytime sweep reads no ReplicaSet, however long the cluster stays unchanged.
/// </summary>
/// <remarks>
/// The view holds what runs, not what exists: a ReplicaSet scaled to zero (an old one after a rollout, every one of a
/// stopped Deployment) leaves the selection, and the watch sends it as DELETED; one scaled up enters it as ADDED. So a
/// night with everything at zero streams nothing but bookmarks, and the evening's stops cost one small event per
/// ReplicaSet. Correctness never rests on it: a stop planned from a copy tests every value it read in its JSON Patch.
/// A ReplicaSet whose Deployment Tarnfui holds at zero (<see cref="WatchedReplicaSet.HeldAtZero"/>) is not kept even
/// while its pods are still terminating: the view of the stopped workloads holds its Deployment from the stop's own
/// write on, and the owner cache keeps the ReplicaSet's entry for the restore, so holding it here too would only keep
/// every stopped workload twice until its pods are gone, which is where a stop sweep's memory peaked.
/// Without <c>Sweeper:Watch</c> there is no view, and the owner cache reads each ReplicaSet again once it ages, as before.
/// </remarks>
internal sealed class RunningReplicaSets : IAsyncDisposable
{
    private const string What = "running replicasets";
    private readonly Reflector<V1ObjectMeta, WatchedReplicaSet>? _view;

    public RunningReplicaSets(KubeApi api, ReadScope scope, IOptions<SweeperOptions> options, ILogger<ClusterView> logger)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Value.Watch)
        {
            return;
        }

        _view = new(
            scope.ListWatch(ns => MetadataListWatch.Of(
                (continueToken, ct) => api.ListRunningReplicaSetsAsync(ns, continueToken, ct),
                (version, connected, ct) => api.WatchRunningReplicaSetsAsync(ns, version, connected, ct))),
            WatchedReplicaSet.Of,
            ClusterView.Options<WatchedReplicaSet>(What, options.Value.WatchStaleAfter, logger, merge: null, unwanted: watched => watched.HeldAtZero));
    }

    /// <summary>How many running ReplicaSets the view holds (for tests and the memory scenario).</summary>
    public int Count => _view?.Store.Count ?? 0;

    /// <summary>Lists the view when it cannot be trusted (never listed, its watch down or silent); returns the LIST pages that cost.</summary>
    public async Task<int> EnsureSyncedAsync(CancellationToken cancellationToken) =>
        _view is not null && await _view.EnsureSyncedAsync(cancellationToken) ? _view.LastListPages : 0;

    /// <summary>
    /// The ReplicaSet as the watch last brought it; null when there is no current view, or it does not hold that
    /// ReplicaSet (not running, not reported yet, or another object of the same name).
    /// </summary>
    public WatchedReplicaSet? Find(OwnerRef replicaSet)
    {
        ArgumentNullException.ThrowIfNull(replicaSet);
        return _view is not null && _view.Staleness() is null ? Held(replicaSet) : null;
    }

    /// <summary>
    /// Forgets the ReplicaSet (when the view holds that object) of a Deployment the sweeper has just stopped and holds at
    /// zero: its copy will say so (<see cref="WatchedReplicaSet.HeldAtZero"/>) once the deployment controller has
    /// written it, and the view need not hold it until then.
    /// </summary>
    public void Forget(OwnerRef replicaSet)
    {
        ArgumentNullException.ThrowIfNull(replicaSet);
        if (Held(replicaSet) is not null)
        {
            _view!.Forget(ObjectKey.Of(replicaSet.Namespace, replicaSet.Name));
        }
    }

    // What the view holds under the ReplicaSet's name when it is that object (not another one of the same name).
    private WatchedReplicaSet? Held(OwnerRef replicaSet) =>
        _view?.Get(replicaSet.Namespace, replicaSet.Name) is { } watched && watched.Uid == ObjectUid.Of(replicaSet.Uid) ? watched : null;

    public async ValueTask DisposeAsync()
    {
        if (_view is not null)
        {
            await _view.DisposeAsync();
        }
    }
}
