using Tarnfui.Core.Policy;
using Tarnfui.Sweeper.Watching;

namespace Tarnfui.Sweeper.Sweeping;

/// <summary>
/// The gauges of what the stopped set holds down: workloads and replicas by kind (a CronJob counts as a workload with
/// no replicas), and the CPU and memory its pods would request (a suspended CronJob frees none: it has no pod between runs).
/// </summary>
internal sealed class HeldDownGauges(ClusterView view, Metrics metrics)
{
    // One slot per kind of WorkloadKind.All, reused: a sweep allocates nothing for the gauges.
    private readonly int[] _counts = new int[WorkloadKind.All.Count];
    private readonly double[] _replicas = new double[WorkloadKind.All.Count];

    /// <summary>Sums over the view as it stands, without copying it: a large stopped set costs no allocation per sweep.</summary>
    public void Update()
    {
        Array.Clear(_counts);
        Array.Clear(_replicas);
        double cpu = 0, memory = 0;
        foreach (var w in view.StoppedWorkloads())
        {
            var kind = IndexOf(w.Ref.Kind);
            _counts[kind]++;
            if (w.Ref.Kind.Stop == StopMethod.Replicas && w.Metadata.ReadStoppedState() is { IsValid: true, Value: { } state })
            {
                _replicas[kind] += state.OriginalReplicas;
                var saved = w.PerReplica.Times(state.OriginalReplicas);
                cpu += saved.CpuCores;
                memory += saved.MemoryBytes;
            }
        }

        // Every kind gets its series, zero included, so that a panel summing them never misses one.
        for (var i = 0; i < WorkloadKind.All.Count; i++)
        {
            var label = WorkloadKind.All[i].ToString();
            metrics.WorkloadsHeldDown.WithLabels(label).Set(_counts[i]);
            metrics.ReplicasHeldDown.WithLabels(label).Set(_replicas[i]);
        }

        metrics.CpuSaved.Set(cpu);
        metrics.MemorySaved.Set(memory);
    }

    private static int IndexOf(WorkloadKind kind)
    {
        for (var i = 0; i < WorkloadKind.All.Count; i++)
        {
            if (ReferenceEquals(WorkloadKind.All[i], kind))
            {
                return i;
            }
        }

        throw WorkloadKind.NotHandled(kind, nameof(HeldDownGauges));
    }
}
