using System.Globalization;
using k8s;
using k8s.Models;
using NodaTime;
using Tarnfui.Core;
using Tarnfui.Sandbox.Controllers;

namespace Tarnfui.Sandbox.Seeding;

/// <summary>
/// Generates the objects of a <see cref="ClusterShape"/> — namespaces, Deployments with their ReplicaSets and
/// Running pods, StatefulSets, DaemonSet and Job pods — exactly as the emulated controllers would have made
/// them (same names, hashes, ownerReferences with uids, statuses), so that writing them straight into the
/// store leaves the controllers nothing to do. Objects come in dependency order and are not kept: a bulk
/// writer can stream 100,000 Deployments through bounded memory.
/// </summary>
public static class ClusterSeeder
{
    public const string ExcludedNamespace = "tarnfui-excluded";
    public const string KubeSystem = "kube-system";
    public const string AppLabel = "app";

    /// <summary>The namespaces every cluster has; the sink skips those that already exist.</summary>
    public static readonly IReadOnlyList<string> SystemNamespaces = ["default", KubeSystem, "kube-public", "kube-node-lease", WellKnown.Objects.Namespace];

    /// <summary>Workload namespace <paramref name="index"/>: <c>team-0001</c>, …</summary>
    public static string NamespaceName(int index) => "team-" + (index + 1).ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>The node names of a shape, as <see cref="ControllerOptions.Nodes"/> should list them.</summary>
    public static IReadOnlyList<string> NodeNames(ClusterShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return Enumerable.Range(1, shape.Nodes).Select(i => "sandbox-node-" + i.ToString(CultureInfo.InvariantCulture)).ToList();
    }

    public static IEnumerable<IKubernetesObject<V1ObjectMeta>> Objects(ClusterShape shape, Instant now)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Validate() is { } error)
        {
            throw new ArgumentException(error, nameof(shape));
        }

        var context = new SeedContext(shape, now);
        foreach (var ns in SystemNamespaces)
        {
            yield return Namespace(ns, now);
        }

        for (var n = 0; n < shape.Namespaces; n++)
        {
            yield return Namespace(NamespaceName(n), now);
        }

        if (shape.ExcludedNamespace)
        {
            var excluded = Namespace(ExcludedNamespace, now);
            excluded.Metadata.Annotations = new Dictionary<string, string> { [WellKnown.Annotations.Exclude] = "true" };
            yield return excluded;
            foreach (var item in context.Deployment(ExcludedNamespace, "excluded-app", shape.RunningReplicas))
            {
                yield return item;
            }
        }

        // Exactly round(M × (1 − zero fraction)) workloads run, chosen by the seeded generator.
        var running = context.ChooseRunning(shape.Deployments);
        for (var i = 0; i < shape.Deployments; i++)
        {
            var name = "app-" + (i + 1).ToString("D6", CultureInfo.InvariantCulture);
            foreach (var item in context.Deployment(NamespaceName(i % shape.Namespaces), name, running.Contains(i) ? shape.RunningReplicas : 0))
            {
                yield return item;
            }
        }

        var runningSets = context.ChooseRunning(shape.StatefulSets);
        for (var i = 0; i < shape.StatefulSets; i++)
        {
            var name = "db-" + (i + 1).ToString("D5", CultureInfo.InvariantCulture);
            foreach (var item in context.StatefulSet(NamespaceName(i % shape.Namespaces), name, runningSets.Contains(i) ? shape.RunningReplicas : 0))
            {
                yield return item;
            }
        }

        for (var i = 0; i < shape.OperatorOwnedDeployments; i++)
        {
            var name = "operated-" + (i + 1).ToString("D4", CultureInfo.InvariantCulture);
            var owner = new V1OwnerReference { ApiVersion = "example.com/v1", Kind = "Database", Name = name, Uid = context.NewUid(), Controller = true, BlockOwnerDeletion = true };
            foreach (var item in context.Deployment(NamespaceName(i % shape.Namespaces), name, shape.RunningReplicas, owner))
            {
                yield return item;
            }
        }

        if (shape.OwnScheduleUptime is { } uptime)
        {
            foreach (var item in context.Deployment(NamespaceName(0), "own-schedule", shape.RunningReplicas, annotations: new Dictionary<string, string> { [WellKnown.Annotations.Uptime] = uptime }))
            {
                yield return item;
            }
        }

        if (shape.KubeSystemPods > 0)
        {
            foreach (var item in context.Deployment(KubeSystem, "coredns", shape.KubeSystemPods))
            {
                yield return item;
            }
        }

        for (var i = 0; i < shape.DaemonSets; i++)
        {
            foreach (var item in context.DaemonSet(KubeSystem, i == 0 ? "kube-proxy" : "node-agent-" + i.ToString(CultureInfo.InvariantCulture)))
            {
                yield return item;
            }
        }

        for (var i = 0; i < shape.FinishedJobPods; i++)
        {
            foreach (var item in context.Job(NamespaceName(i % shape.Namespaces), "batch-" + (i + 1).ToString("D5", CultureInfo.InvariantCulture)))
            {
                yield return item;
            }
        }
    }

    private static V1Namespace Namespace(string name, Instant now) => new()
    {
        ApiVersion = "v1",
        Kind = "Namespace",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            Labels = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = name },
            CreationTimestamp = now.ToDateTimeUtc(),
            Uid = Guid.NewGuid().ToString(),
        },
        Spec = new V1NamespaceSpec { Finalizers = ["kubernetes"] },
        Status = new V1NamespaceStatus { Phase = "Active" },
    };
}
