using k8s.Models;
using Microsoft.Extensions.Options;
using Tarnfui.Core.Policy;
using Tarnfui.Sweeper.Configuration;
using Tarnfui.Sweeper.Kube;

namespace Tarnfui.Sweeper.Sweeping;

/// <summary>
/// The metadata of the workloads KEDA ScaledObjects target (their annotations carry the policy), read with one
/// metadata-only GET and kept for <c>Sweeper:DiscoveryInterval</c>. A target at zero has no pod for the walk to reach
/// it by, and watching every Deployment for the few KEDA scales would cost more than it saves, so a sweep decides on
/// what was read last and reads again before any write (<see cref="ScaledObjectPass"/>): a decision to write is never
/// taken on a stale read, and a person's change to a target's annotations counts within the interval.
/// </summary>
internal sealed class KedaTargets(KubeApi api, TimeProvider time, IOptions<SweeperOptions> options)
{
    private readonly TimeSpan _keep = options.Value.DiscoveryInterval;
    private readonly Dictionary<WorkloadRef, (V1ObjectMeta? Metadata, long ReadAt)> _read = [];

    /// <summary>The target's metadata (null: it is gone), read again when <paramref name="fresh"/> or older than the interval.</summary>
    public async Task<V1ObjectMeta?> GetAsync(WorkloadRef target, bool fresh, SweepReport report, CancellationToken cancellationToken)
    {
        if (!fresh && _read.TryGetValue(target, out var kept) && time.GetElapsedTime(kept.ReadAt) < _keep)
        {
            return kept.Metadata;
        }

        report.WorkloadReads++;
        var metadata = await api.ReadTargetMetadataAsync(target, cancellationToken);
        _read[target] = (metadata, time.GetTimestamp());
        return metadata;
    }

    /// <summary>Forgets the targets no ScaledObject names any more.</summary>
    public void KeepOnly(IReadOnlySet<WorkloadRef> targets)
    {
        foreach (var gone in _read.Keys.Where(t => !targets.Contains(t)).ToList())
        {
            _read.Remove(gone);
        }
    }
}
