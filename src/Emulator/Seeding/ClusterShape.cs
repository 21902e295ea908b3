namespace Tarnfui.Emulator.Seeding;

/// <summary>
/// The shape of an emulated cluster to seed: how many namespaces and workloads, how many of them are at zero,
/// and the objects a sweeper must walk past (system pods, DaemonSet pods, finished Job pods, operator-owned
/// Deployments, an excluded namespace). The same shape and <see cref="Seed"/> give the same cluster.
/// </summary>
public sealed record ClusterShape
{
    /// <summary>Workload namespaces, named <c>team-0001</c>…; the excluded and kube-system namespaces come on top.</summary>
    public int Namespaces { get; init; } = 10;

    /// <summary>Deployments in all, spread evenly over the workload namespaces.</summary>
    public int Deployments { get; init; } = 100;

    /// <summary>StatefulSets in all, spread like the Deployments.</summary>
    public int StatefulSets { get; init; }

    /// <summary>The fraction of Deployments and StatefulSets at zero replicas (chosen by the seeded generator).</summary>
    public double ZeroFraction { get; init; } = 0.5;

    /// <summary>Replicas of each workload that is not at zero.</summary>
    public int RunningReplicas { get; init; } = 2;

    /// <summary>Emulated nodes; every DaemonSet runs one pod on each.</summary>
    public int Nodes { get; init; } = 3;

    /// <summary>Running kube-system Deployment pods (coredns-like), on top of the DaemonSet pods.</summary>
    public int KubeSystemPods { get; init; } = 2;

    /// <summary>DaemonSets in kube-system (kube-proxy-like): each one pod per node.</summary>
    public int DaemonSets { get; init; } = 1;

    /// <summary>Succeeded pods of finished Jobs, one Job each, spread over the workload namespaces.</summary>
    public int FinishedJobPods { get; init; }

    /// <summary>CronJobs, spread over the workload namespaces, with schedules from <see cref="ClusterSeeder.CronJobSchedules"/> in turn.</summary>
    public int CronJobs { get; init; }

    /// <summary>Running Deployments owned by a custom resource (an operator's), with <c>controller: true</c>.</summary>
    public int OperatorOwnedDeployments { get; init; }

    /// <summary>Adds namespace <see cref="ClusterSeeder.ExcludedNamespace"/> (annotated <c>tarnfui.io/exclude: "true"</c>) with one running Deployment.</summary>
    public bool ExcludedNamespace { get; init; }

    /// <summary>Adds one running Deployment carrying its own <c>tarnfui.io/uptime</c> annotation with this spec (null: none).</summary>
    public string? OwnScheduleUptime { get; init; }

    /// <summary>CPU request of every container (Kubernetes quantity).</summary>
    public string CpuRequest { get; init; } = "100m";

    /// <summary>Memory request of every container (Kubernetes quantity).</summary>
    public string MemoryRequest { get; init; } = "128Mi";

    public int Seed { get; init; } = 1;

    /// <summary>Why the shape is invalid, or null.</summary>
    public string? Validate() => this switch
    {
        { Namespaces: < 1 } => $"Namespaces must be at least 1, got {Namespaces}",
        { Deployments: < 0 } => $"Deployments must not be negative, got {Deployments}",
        { StatefulSets: < 0 } => $"StatefulSets must not be negative, got {StatefulSets}",
        { ZeroFraction: < 0 or > 1 } => $"ZeroFraction must be between 0 and 1, got {ZeroFraction}",
        { RunningReplicas: < 1 } => $"RunningReplicas must be at least 1, got {RunningReplicas}",
        { Nodes: < 1 } => $"Nodes must be at least 1, got {Nodes}",
        { KubeSystemPods: < 0 } or { DaemonSets: < 0 } or { FinishedJobPods: < 0 } or { CronJobs: < 0 } or { OperatorOwnedDeployments: < 0 } => "pod and workload counts must not be negative",
        _ => null,
    };
}
