using System.Text.Json;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Sandbox.Demo;

/// <summary>One workload as the census saw it: its <c>spec.replicas</c>, whether Tarnfui holds it down and the count it keeps to restore.</summary>
internal sealed record WorkloadCount(int Replicas, bool Stopped, int? OriginalReplicas);

/// <summary>
/// Every Deployment and StatefulSet with its replica count, read straight from the sandbox's store: the snapshot
/// taken before the evening and the final check read the truth without adding API requests to either side's bill.
/// </summary>
internal sealed class ReplicaCensus
{
    private ReplicaCensus(IReadOnlyDictionary<WorkloadRef, WorkloadCount> workloads) => Workloads = workloads;

    public IReadOnlyDictionary<WorkloadRef, WorkloadCount> Workloads { get; }

    public int Running => Workloads.Values.Count(w => w.Replicas > 0);

    public long Replicas => Workloads.Values.Sum(w => (long)w.Replicas);

    /// <summary>Workloads Tarnfui holds down right now.</summary>
    public int Stopped => Workloads.Values.Count(w => w.Stopped);

    /// <summary>Replicas Tarnfui holds down right now: what it will put back, less what it keeps running.</summary>
    public long ReplicasHeld => Workloads.Values.Where(w => w.Stopped).Sum(w => (long)Math.Max(0, (w.OriginalReplicas ?? 0) - w.Replicas));

    public static ReplicaCensus Take(ObjectStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var workloads = new Dictionary<WorkloadRef, WorkloadCount>();
        foreach (var (type, kind) in new[] { (ResourceTypes.Deployments, WorkloadKind.Deployment), (ResourceTypes.StatefulSets, WorkloadKind.StatefulSet) })
        {
            foreach (var stored in store.All(type))
            {
                workloads[new WorkloadRef(kind, stored.Namespace, stored.Name)] = Read(stored);
            }
        }

        return new ReplicaCensus(workloads);
    }

    public WorkloadCount? this[WorkloadRef workload] => Workloads.GetValueOrDefault(workload);

    private static WorkloadCount Read(StoredObject stored)
    {
        using var document = JsonDocument.Parse(stored.Json);
        var root = document.RootElement;
        // An absent spec.replicas means 1, as the API server defaults it.
        var replicas = root.TryGetProperty("spec", out var spec) && spec.TryGetProperty("replicas", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetInt32() : 1;
        var stopped = stored.Label(WellKnown.Labels.Stopped) == "true";
        int? original = null;
        if (root.GetProperty("metadata").TryGetProperty("annotations", out var annotations)
            && annotations.ValueKind == JsonValueKind.Object
            && annotations.TryGetProperty(WellKnown.Annotations.OriginalReplicas, out var text)
            && int.TryParse(text.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            original = value;
        }

        return new WorkloadCount(replicas, stopped, original);
    }
}
