using k8s.Models;

namespace Tarnfui.Cli.Dashboard.Model;

/// <summary>
/// The CPU and memory one pod of a workload requests, from its pod template, as the scheduler counts them: the app
/// containers and the sidecars (init containers that keep running) together, or the largest of the other init
/// containers if that is more, since those run one at a time before the rest start.
/// </summary>
/// <param name="CpuCores">CPU requested, in cores.</param>
/// <param name="MemoryBytes">Memory requested, in bytes.</param>
internal readonly record struct PodRequests(decimal CpuCores, decimal MemoryBytes)
{
    public static PodRequests Of(V1PodSpec? spec)
    {
        if (spec is null)
        {
            return default;
        }

        var sidecars = (spec.InitContainers ?? []).Where(c => c.RestartPolicy == "Always").ToList();
        var running = Sum([.. spec.Containers ?? [], .. sidecars]);
        var initOnly = (spec.InitContainers ?? []).Except(sidecars).Select(c => Sum([c])).ToList();
        return new(
            Math.Max(running.CpuCores, initOnly.Select(r => r.CpuCores).DefaultIfEmpty().Max()),
            Math.Max(running.MemoryBytes, initOnly.Select(r => r.MemoryBytes).DefaultIfEmpty().Max()));
    }

    public static PodRequests operator *(PodRequests perReplica, int replicas) =>
        new(perReplica.CpuCores * replicas, perReplica.MemoryBytes * replicas);

    private static PodRequests Sum(IEnumerable<V1Container> containers)
    {
        decimal cpu = 0, memory = 0;
        foreach (var requests in containers.Select(c => c.Resources?.Requests).OfType<IDictionary<string, ResourceQuantity>>())
        {
            cpu += requests.TryGetValue("cpu", out var c) ? c.ToDecimal() : 0;
            memory += requests.TryGetValue("memory", out var m) ? m.ToDecimal() : 0;
        }

        return new(cpu, memory);
    }
}
