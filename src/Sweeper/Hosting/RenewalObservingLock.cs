using k8s.LeaderElection;

namespace Tarnfui.Sweeper.Hosting;

/// <summary>
/// The elector's Lease lock, telling <see cref="LeadershipFence"/> of each acquisition or renewal that succeeded with
/// this identity as holder. KubernetesClient's LeaderElector reports when leadership starts and stops, not when it is
/// renewed; every renewal is a Create or an Update through its lock.
/// </summary>
internal sealed class RenewalObservingLock(ILock inner, LeadershipFence fence) : ILock
{
    public string Identity => inner.Identity;

    public Task<LeaderElectionRecord> GetAsync(CancellationToken cancellationToken = default) => inner.GetAsync(cancellationToken);

    public Task<bool> CreateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default) =>
        ObserveAsync(record, inner.CreateAsync, cancellationToken);

    public Task<bool> UpdateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default) =>
        ObserveAsync(record, inner.UpdateAsync, cancellationToken);

    public string Describe() => inner.Describe();

    private async Task<bool> ObserveAsync(LeaderElectionRecord record, Func<LeaderElectionRecord, CancellationToken, Task<bool>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);

        // Dated before the request leaves: the API server stores the renewal later, and other candidates start
        // counting the lease duration later still, from when they see it. The fence can only close early.
        var sentAt = fence.Timestamp();
        var written = await write(record, cancellationToken);
        if (written && record.HolderIdentity == inner.Identity)
        {
            fence.Renewed(sentAt);
        }

        return written;
    }
}
