using k8s.LeaderElection;

namespace Tarnfui.Sweeper.Hosting;

/// <summary>
/// The elector's Lease lock, renewing with one update instead of a read and an update. KubernetesClient's
/// LeaderElector reads the Lease before every attempt; while the last write through this lock succeeded with this
/// identity as holder, the Lease on the server is that write (any other writer would have had to change it after it,
/// and then this instance's next update, which carries the version of its own last write, fails with 409). So the read
/// answers the record last written, and the inner lock's update goes out with the version it already holds, as
/// client-go's elector renews optimistically. Any failed or thrown write forgets it: the next read goes to the server.
/// </summary>
internal sealed class OptimisticRenewalLock(ILock inner) : ILock
{
    private LeaderElectionRecord? _lastWrittenAsHolder;

    public string Identity => inner.Identity;

    public async Task<LeaderElectionRecord> GetAsync(CancellationToken cancellationToken = default) =>
        Volatile.Read(ref _lastWrittenAsHolder) ?? await inner.GetAsync(cancellationToken);

    public Task<bool> CreateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default) =>
        RememberAsync(record, inner.CreateAsync, cancellationToken);

    public Task<bool> UpdateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default) =>
        RememberAsync(record, inner.UpdateAsync, cancellationToken);

    public string Describe() => inner.Describe();

    private async Task<bool> RememberAsync(LeaderElectionRecord record, Func<LeaderElectionRecord, CancellationToken, Task<bool>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        Volatile.Write(ref _lastWrittenAsHolder, null);
        var written = await write(record, cancellationToken);
        if (written && !string.IsNullOrEmpty(record.HolderIdentity) && record.HolderIdentity == inner.Identity)
        {
            Volatile.Write(ref _lastWrittenAsHolder, record);
        }

        return written;
    }
}
