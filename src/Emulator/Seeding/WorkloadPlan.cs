using k8s.Models;

namespace Tarnfui.Emulator.Seeding;

/// <summary>The kinds of workload a shape seeds.</summary>
public enum SeedKind
{
    Deployment,
    StatefulSet,
    DaemonSet,
    Job,
    CronJob,
}

/// <summary>One workload of a seeded cluster, before it is built: small, so 100,000 of them cost little memory.</summary>
public sealed record WorkloadPlan(SeedKind Kind, string Namespace, string Name, int Replicas, V1OwnerReference? Owner = null, IReadOnlyDictionary<string, string>? Annotations = null, string? Schedule = null);
