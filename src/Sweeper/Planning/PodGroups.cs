namespace Tarnfui.Sweeper.Planning;

/// <summary>
/// One page of running pods, split by what the owner cache knows: the pods whose workload is known now, and the pods
/// of each ReplicaSet still to be read (unknown, or aged out). The sweep stops what it knows before it reads, then
/// each ReplicaSet's workload right after reading it, so a sweeper restarted again and again (a crash loop, a node
/// drained mid-sweep) still makes progress instead of spending every start on reads.
/// </summary>
/// <param name="Known">Pods of StatefulSets and of ReplicaSets with a fresh cache entry, and pods no workload owns.</param>
/// <param name="ToRead">Each ReplicaSet to read, in page order, with its pods.</param>
internal sealed record PodGroups(IReadOnlyList<RunningPod> Known, IReadOnlyList<(OwnerRef ReplicaSet, IReadOnlyList<RunningPod> Pods)> ToRead)
{
    public static PodGroups Of(IEnumerable<RunningPod> page, OwnerCache owners)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(owners);
        var known = new List<RunningPod>();
        var toRead = new Dictionary<string, (OwnerRef ReplicaSet, List<RunningPod> Pods)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var pod in page)
        {
            if (pod.Controller is not { Kind: OwnerWalk.ReplicaSet } replicaSet || owners.Contains(replicaSet))
            {
                known.Add(pod);
            }
            else if (toRead.TryGetValue(replicaSet.Uid, out var group))
            {
                group.Pods.Add(pod);
            }
            else
            {
                order.Add(replicaSet.Uid);
                toRead[replicaSet.Uid] = (replicaSet, [pod]);
            }
        }

        return new PodGroups(known, [.. order.Select(uid => (toRead[uid].ReplicaSet, (IReadOnlyList<RunningPod>)toRead[uid].Pods))]);
    }
}
