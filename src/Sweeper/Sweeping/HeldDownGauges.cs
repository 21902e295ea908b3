using Tarnfui.Sweeper.Watching;

namespace Tarnfui.Sweeper.Sweeping;

/// <summary>The gauges of what the stopped set holds down: workloads, replicas, and the CPU and memory they would request.</summary>
internal sealed class HeldDownGauges(ClusterView view, Metrics metrics)
{
    /// <summary>Sums over the view as it stands, without copying it: a large stopped set costs no allocation per sweep.</summary>
    public void Update()
    {
        var count = 0;
        double replicas = 0, cpu = 0, memory = 0;
        foreach (var w in view.StoppedWorkloads())
        {
            count++;
            if (w.Metadata.ReadStoppedState() is { IsValid: true, Value: { } state })
            {
                replicas += state.OriginalReplicas;
                var saved = w.PerReplica.Times(state.OriginalReplicas);
                cpu += saved.CpuCores;
                memory += saved.MemoryBytes;
            }
        }

        metrics.WorkloadsHeldDown.Set(count);
        metrics.ReplicasHeldDown.Set(replicas);
        metrics.CpuSaved.Set(cpu);
        metrics.MemorySaved.Set(memory);
    }
}
