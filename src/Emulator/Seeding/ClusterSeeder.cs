using System.Globalization;
using k8s.Models;
using Tarnfui.Core;

namespace Tarnfui.Emulator.Seeding;

/// <summary>
/// Plans the objects of a <see cref="ClusterShape"/>: namespaces (the system ones, <c>team-0001</c>…, the excluded
/// one) and workloads — Deployments and StatefulSets (a fraction at zero, chosen by the seeded generator),
/// operator-owned Deployments, one with its own schedule, kube-system's coredns and DaemonSets, finished Jobs.
/// <see cref="StoreSeeder"/> builds and writes them.
/// </summary>
public static class ClusterSeeder
{
    public const string ExcludedNamespace = "tarnfui-excluded";
    public const string KubeSystem = "kube-system";
    public const string AppLabel = "app";

    /// <summary>The namespaces every cluster has; existing ones are kept.</summary>
    public static readonly IReadOnlyList<string> SystemNamespaces = ["default", KubeSystem, "kube-public", "kube-node-lease", WellKnown.Objects.Namespace];

    /// <summary>Workload namespace <paramref name="index"/>: <c>team-0001</c>, …</summary>
    public static string NamespaceName(int index) => "team-" + (index + 1).ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>The node names of a shape; the controllers get the same list.</summary>
    public static IReadOnlyList<string> NodeNames(ClusterShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return Enumerable.Range(1, shape.Nodes).Select(i => "sandbox-node-" + i.ToString(CultureInfo.InvariantCulture)).ToList();
    }

    /// <summary>Every namespace of the shape, with its annotations.</summary>
    public static IEnumerable<(string Name, IReadOnlyDictionary<string, string>? Annotations)> Namespaces(ClusterShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        foreach (var ns in SystemNamespaces)
        {
            yield return (ns, null);
        }

        for (var n = 0; n < shape.Namespaces; n++)
        {
            yield return (NamespaceName(n), null);
        }

        if (shape.ExcludedNamespace)
        {
            yield return (ExcludedNamespace, new Dictionary<string, string> { [WellKnown.Annotations.Exclude] = "true" });
        }
    }

    /// <summary>Every workload of the shape, in a fixed order; the same shape and seed give the same list.</summary>
    public static IReadOnlyList<WorkloadPlan> Workloads(ClusterShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Validate() is { } error)
        {
            throw new ArgumentException(error, nameof(shape));
        }

        var random = new Random(shape.Seed);
        var plans = new List<WorkloadPlan>(shape.Deployments + shape.StatefulSets + shape.FinishedJobPods + 16);
        if (shape.ExcludedNamespace)
        {
            plans.Add(new WorkloadPlan(SeedKind.Deployment, ExcludedNamespace, "excluded-app", shape.RunningReplicas));
        }

        var running = ChooseRunning(random, shape.Deployments, shape.ZeroFraction);
        for (var i = 0; i < shape.Deployments; i++)
        {
            plans.Add(new WorkloadPlan(SeedKind.Deployment, NamespaceName(i % shape.Namespaces), "app-" + Number(i, 6), running.Contains(i) ? shape.RunningReplicas : 0));
        }

        var runningSets = ChooseRunning(random, shape.StatefulSets, shape.ZeroFraction);
        for (var i = 0; i < shape.StatefulSets; i++)
        {
            plans.Add(new WorkloadPlan(SeedKind.StatefulSet, NamespaceName(i % shape.Namespaces), "db-" + Number(i, 5), runningSets.Contains(i) ? shape.RunningReplicas : 0));
        }

        for (var i = 0; i < shape.OperatorOwnedDeployments; i++)
        {
            var name = "operated-" + Number(i, 4);
            var owner = new V1OwnerReference { ApiVersion = "example.com/v1", Kind = "Database", Name = name, Uid = Guid.NewGuid().ToString(), Controller = true, BlockOwnerDeletion = true };
            plans.Add(new WorkloadPlan(SeedKind.Deployment, NamespaceName(i % shape.Namespaces), name, shape.RunningReplicas, owner));
        }

        if (shape.OwnScheduleUptime is { } uptime)
        {
            plans.Add(new WorkloadPlan(SeedKind.Deployment, NamespaceName(0), "own-schedule", shape.RunningReplicas, Annotations: new Dictionary<string, string> { [WellKnown.Annotations.Uptime] = uptime }));
        }

        if (shape.KubeSystemPods > 0)
        {
            plans.Add(new WorkloadPlan(SeedKind.Deployment, KubeSystem, "coredns", shape.KubeSystemPods));
        }

        for (var i = 0; i < shape.DaemonSets; i++)
        {
            plans.Add(new WorkloadPlan(SeedKind.DaemonSet, KubeSystem, i == 0 ? "kube-proxy" : "node-agent-" + Number(i, 2), shape.Nodes));
        }

        for (var i = 0; i < shape.FinishedJobPods; i++)
        {
            plans.Add(new WorkloadPlan(SeedKind.Job, NamespaceName(i % shape.Namespaces), "batch-" + Number(i, 5), 1));
        }

        // CronJobs run no pod until a schedule time comes: no replicas to seed.
        for (var i = 0; i < shape.CronJobs; i++)
        {
            plans.Add(new WorkloadPlan(SeedKind.CronJob, NamespaceName(i % shape.Namespaces), "cron-" + Number(i, 5), 0, Schedule: CronJobSchedules[i % CronJobSchedules.Count]));
        }

        return plans;
    }

    /// <summary>The schedules seeded CronJobs take in turn: every quarter hour, nightly, and weekday mornings.</summary>
    public static IReadOnlyList<string> CronJobSchedules { get; } = ["*/15 * * * *", "0 2 * * *", "30 6 * * 1-5"];

    private static string Number(int index, int digits) => (index + 1).ToString("D" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    // Floyd's sampling: exactly round(total × (1 − zero fraction)) indices, without shuffling all of them.
    private static HashSet<int> ChooseRunning(Random random, int total, double zeroFraction)
    {
        var count = total - (int)Math.Round(total * zeroFraction, MidpointRounding.AwayFromZero);
        var chosen = new HashSet<int>();
        for (var j = total - count; j < total; j++)
        {
            var t = random.Next(j + 1);
            chosen.Add(chosen.Contains(t) ? j : t);
        }

        return chosen;
    }
}
