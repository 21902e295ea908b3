using k8s.Models;

namespace Tarnfui.Sweeper.Planning;

/// <summary>The CPU (cores) and memory (bytes) one replica requests, summed over the pod template's containers.</summary>
internal readonly record struct PodResources(double CpuCores, double MemoryBytes)
{
    public static readonly PodResources None = new(0, 0);

    public PodResources Times(int replicas) => new(CpuCores * replicas, MemoryBytes * replicas);

    /// <summary>The sum over a pod template's containers, given each container's <c>resources.requests</c> (null: none).</summary>
    public static PodResources Of(IEnumerable<IDictionary<string, ResourceQuantity>?> containerRequests)
    {
        ArgumentNullException.ThrowIfNull(containerRequests);
        double cpu = 0, memory = 0;
        foreach (var requests in containerRequests)
        {
            if (requests is not null)
            {
                if (requests.TryGetValue("cpu", out var c))
                {
                    cpu += (double)c.ToDecimal();
                }

                if (requests.TryGetValue("memory", out var m))
                {
                    memory += (double)m.ToDecimal();
                }
            }
        }

        return new PodResources(cpu, memory);
    }
}
