using Microsoft.Extensions.Options;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Watching;
using Tarnfui.Sweeper.Configuration;
using Tarnfui.Sweeper.Kube;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Watching;

/// <summary>
/// Every KEDA ScaledObject, kept by a whole-object LIST and WATCH while the cluster serves them and by nothing
/// otherwise: discovery (<see cref="ServedApis"/>, asked at most once per <c>Sweeper:DiscoveryInterval</c>) decides
/// whether the reflector exists, so a cluster without KEDA pays no ScaledObject request per sweep, and one where KEDA
/// is installed later is picked up without a restart. The workloads they target are indexed once per sweep
/// (<see cref="TargetOf"/>), for the pod walk to leave them to KEDA.
/// </summary>
internal sealed class ScaledObjectView(KubeApi api, ServedApis served, ReadScope scope, IOptions<SweeperOptions> options, ILogger<ClusterView> logger) : IAsyncDisposable
{
    private readonly bool _watch = options.Value.Watch;
    private readonly TimeSpan _staleAfter = options.Value.WatchStaleAfter;
    private Reflector<ScaledObjectResource, ScaledObjectSnapshot>? _reflector;
    private Dictionary<WorkloadRef, ScaledObjectSnapshot> _byTarget = [];

    /// <summary>Every ScaledObject, empty while the cluster does not serve them.</summary>
    public IEnumerable<ScaledObjectSnapshot> Items => _reflector?.Items ?? [];

    /// <summary>Brings the view up to date (or drops it when discovery says ScaledObjects are gone); the LIST pages that cost.</summary>
    public async Task<int> EnsureSyncedAsync(CancellationToken cancellationToken)
    {
        var pages = 0;
        if (await served.ServesAsync(WellKnown.Keda.Group, WellKnown.Keda.Version, WellKnown.Keda.ScaledObjects, cancellationToken))
        {
            _reflector ??= new(
                ListWatch(),
                (scaledObject, _) => KubeApi.ScaledObjectSnapshotOf(scaledObject),
                new ReflectorOptions<ScaledObjectSnapshot>
                {
                    What = "scaledobjects",
                    StaleAfter = _staleAfter,
                    Relisting = why => Log.Relisting(logger, "scaledobjects", why),
                    WatchFailed = (e, expired, _) => Log.WatchEnded(logger, "scaledobjects", expired ? "410 Gone or error event" : e.GetType().Name + ": " + e.Message, "listing again at the next sweep"),
                });
            if (await _reflector.EnsureSyncedAsync(cancellationToken))
            {
                pages += _reflector.LastListPages;
            }
        }
        else if (_reflector is { } gone)
        {
            _reflector = null;
            await gone.DisposeAsync();
        }

        _byTarget = ByTarget();
        return pages;
    }

    /// <summary>The ScaledObject that scales <paramref name="workload"/>, as of this sweep's sync, or null.</summary>
    public ScaledObjectSnapshot? TargetOf(WorkloadRef workload) => _byTarget.GetValueOrDefault(workload);

    /// <summary>Records the sweeper's own write of a ScaledObject (null: it is gone) until the watch brings that version.</summary>
    public void Record(string @namespace, string name, ScaledObjectSnapshot? written) =>
        _reflector?.Record(ObjectKey.Of(@namespace, name), written, written?.ResourceVersion is { Length: > 0 } v ? v : null);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _reflector, null) is { } reflector)
        {
            await reflector.DisposeAsync();
        }
    }

    // KEDA refuses a second ScaledObject for a target that already has one (its admission webhook); the first by name is kept.
    private Dictionary<WorkloadRef, ScaledObjectSnapshot> ByTarget()
    {
        var byTarget = new Dictionary<WorkloadRef, ScaledObjectSnapshot>();
        foreach (var scaledObject in Items.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            if (scaledObject.Target is { } target)
            {
                byTarget.TryAdd(target, scaledObject);
            }
        }

        return byTarget;
    }

    private ListWatch<ScaledObjectResource> ListWatch() => scope.ListWatch(ns => WholeObjectListWatch.ScaledObjects(api, ns, _watch));
}
