using k8s;
using k8s.Models;
using NodaTime;
using Tarnfui.Emulator.Controllers;

namespace Tarnfui.Emulator.Seeding;

/// <summary>
/// Builds the objects of one <see cref="WorkloadPlan"/> exactly as the emulated controllers would have left them:
/// same template hash, names, labels, ownerReferences and statuses (computed by the controllers' own functions),
/// so that the controllers find nothing to change.
/// </summary>
internal sealed class SeedObjects(ClusterShape shape, Instant now)
{
    private static readonly V1Pod RunningPlaceholder = new() { Status = new V1PodStatus { Phase = "Running" } };

    public const string ContainerName = "main";

    private readonly IReadOnlyList<string> _nodes = ClusterSeeder.NodeNames(shape);

    public static string Image(string workload) => "registry.example/" + workload + ":1.0";

    public IReadOnlyList<string> Nodes => _nodes;

    public static V1Namespace Namespace(string name, IReadOnlyDictionary<string, string>? annotations) => new()
    {
        ApiVersion = "v1",
        Kind = "Namespace",
        Metadata = new V1ObjectMeta { Name = name, Annotations = annotations is null ? null : new Dictionary<string, string>(annotations) },
    };

    /// <summary>The workload itself, with the status its controller reports once its pods run.</summary>
    public IKubernetesObject<V1ObjectMeta> Workload(WorkloadPlan plan) => plan.Kind switch
    {
        SeedKind.Deployment => Deployment(plan, uid: null),
        SeedKind.StatefulSet => StatefulSet(plan),
        SeedKind.DaemonSet => DaemonSet(plan),
        SeedKind.CronJob => CronJob(plan),
        _ => Job(plan),
    };

    public V1Deployment Deployment(WorkloadPlan plan, string? uid)
    {
        var deployment = new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = Meta(plan, uid),
            Spec = new V1DeploymentSpec
            {
                Replicas = plan.Replicas,
                Selector = Selector(plan.Name),
                Template = Template(plan.Name),
                RevisionHistoryLimit = 10,
                ProgressDeadlineSeconds = 600,
                Strategy = new V1DeploymentStrategy { Type = "RollingUpdate", RollingUpdate = new V1RollingUpdateDeployment { MaxSurge = "25%", MaxUnavailable = "25%" } },
            },
        };
        // The deployment controller writes its first ReplicaSet's revision on the Deployment.
        deployment.Metadata.Annotations = new Dictionary<string, string>(deployment.Metadata.Annotations ?? new Dictionary<string, string>()) { [ClusterControllers.RevisionAnnotation] = "1" };
        var replicaSet = ClusterControllers.NewReplicaSet(deployment, Names.TemplateHash(deployment.Spec.Template), plan.Replicas, revision: 1);
        replicaSet.Metadata.Generation = 1;
        replicaSet.Status = ClusterControllers.ReplicaSetStatus(replicaSet, Enumerable.Repeat(RunningPlaceholder, plan.Replicas).ToList());
        deployment.Status = ClusterControllers.DeploymentStatus(deployment, replicaSet, [replicaSet], now);
        return deployment;
    }

    /// <summary>The ReplicaSet of a stored Deployment (whose uid its ownerReference carries).</summary>
    public V1ReplicaSet ReplicaSet(WorkloadPlan plan, string deploymentUid)
    {
        var deployment = Deployment(plan, deploymentUid);
        var replicaSet = ClusterControllers.NewReplicaSet(deployment, Names.TemplateHash(deployment.Spec.Template), plan.Replicas, revision: 1);
        replicaSet.Metadata.Generation = 1;
        replicaSet.Status = ClusterControllers.ReplicaSetStatus(replicaSet, Enumerable.Repeat(RunningPlaceholder, plan.Replicas).ToList());
        return replicaSet;
    }

    /// <summary>The pods of a stored owner (ReplicaSet, StatefulSet, DaemonSet or Job).</summary>
    public IEnumerable<V1Pod> Pods(WorkloadPlan plan, IKubernetesObject<V1ObjectMeta> owner)
    {
        switch (plan.Kind)
        {
            case SeedKind.Deployment:
                var replicaSet = (V1ReplicaSet)owner;
                for (var i = 0; i < plan.Replicas; i++)
                {
                    yield return PodFactory.Create(replicaSet.Spec.Template, replicaSet, $"{replicaSet.Metadata.Name}-{Names.PodSuffix(replicaSet.Metadata.Name, i)}", _nodes[i % _nodes.Count], now);
                }

                break;
            case SeedKind.StatefulSet:
                var set = (V1StatefulSet)owner;
                var revision = $"{plan.Name}-{Names.TemplateHash(set.Spec.Template)}";
                for (var ordinal = 0; ordinal < plan.Replicas; ordinal++)
                {
                    var name = $"{plan.Name}-{ordinal}";
                    yield return PodFactory.Create(set.Spec.Template, set, name, _nodes[ordinal % _nodes.Count], now, extraLabels: new Dictionary<string, string>
                    {
                        [ClusterControllers.StatefulSetPodNameLabel] = name,
                        [ClusterControllers.ControllerRevisionHashLabel] = revision,
                    });
                }

                break;
            case SeedKind.DaemonSet:
                var daemonSet = (V1DaemonSet)owner;
                var hash = Names.TemplateHash(daemonSet.Spec.Template);
                for (var i = 0; i < _nodes.Count; i++)
                {
                    yield return PodFactory.Create(daemonSet.Spec.Template, daemonSet, $"{plan.Name}-{Names.PodSuffix(plan.Name, i)}", _nodes[i], now, extraLabels: new Dictionary<string, string>
                    {
                        [ClusterControllers.ControllerRevisionHashLabel] = hash,
                    });
                }

                break;
            default:
                var job = (V1Job)owner;
                yield return PodFactory.Create(job.Spec.Template, job, $"{plan.Name}-{Names.PodSuffix(plan.Name, 0)}", _nodes[0], now, phase: "Succeeded", extraLabels: ClusterControllers.JobPodLabels(plan.Name));
                break;
        }
    }

    private V1StatefulSet StatefulSet(WorkloadPlan plan)
    {
        var set = new V1StatefulSet
        {
            ApiVersion = "apps/v1",
            Kind = "StatefulSet",
            Metadata = Meta(plan, null),
            Spec = new V1StatefulSetSpec { Replicas = plan.Replicas, ServiceName = plan.Name, Selector = Selector(plan.Name), Template = Template(plan.Name) },
        };
        var revision = $"{plan.Name}-{Names.TemplateHash(set.Spec.Template)}";
        set.Status = ClusterControllers.StatefulSetStatus(set, Enumerable.Repeat(RunningPlaceholder, plan.Replicas).ToList(), revision);
        return set;
    }

    private V1DaemonSet DaemonSet(WorkloadPlan plan)
    {
        var set = new V1DaemonSet
        {
            ApiVersion = "apps/v1",
            Kind = "DaemonSet",
            Metadata = Meta(plan, null),
            Spec = new V1DaemonSetSpec { Selector = Selector(plan.Name), Template = Template(plan.Name) },
        };
        set.Status = ClusterControllers.DaemonSetStatus(set, Enumerable.Repeat(RunningPlaceholder, _nodes.Count).ToList(), _nodes.Count);
        return set;
    }

    private V1Job Job(WorkloadPlan plan)
    {
        var template = Template(plan.Name);
        template.Spec.RestartPolicy = "Never";
        var job = new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = Meta(plan, null),
            Spec = new V1JobSpec { Completions = 1, Parallelism = 1, Template = template },
        };
        job.Status = ClusterControllers.JobStatus(job, [new V1Pod { Status = new V1PodStatus { Phase = "Succeeded" } }], now);
        return job;
    }

    private V1CronJob CronJob(WorkloadPlan plan)
    {
        var template = Template(plan.Name);
        template.Spec.RestartPolicy = "Never";
        return new V1CronJob
        {
            ApiVersion = "batch/v1",
            Kind = "CronJob",
            Metadata = Meta(plan, null),
            Spec = new V1CronJobSpec
            {
                Schedule = plan.Schedule ?? throw new ArgumentException($"CronJob plan {plan.Namespace}/{plan.Name} has no schedule", nameof(plan)),
                Suspend = false,
                ConcurrencyPolicy = "Forbid",
                JobTemplate = new V1JobTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { [ClusterSeeder.AppLabel] = plan.Name } },
                    Spec = new V1JobSpec { Completions = 1, Parallelism = 1, Template = template },
                },
            },
        };
    }

    private static V1ObjectMeta Meta(WorkloadPlan plan, string? uid) => new()
    {
        Name = plan.Name,
        NamespaceProperty = plan.Namespace,
        Uid = uid,
        Generation = 1,
        Labels = new Dictionary<string, string> { [ClusterSeeder.AppLabel] = plan.Name },
        Annotations = plan.Annotations is null ? null : new Dictionary<string, string>(plan.Annotations),
        OwnerReferences = plan.Owner is null ? null : [plan.Owner],
    };

    private static V1LabelSelector Selector(string name) => new() { MatchLabels = new Dictionary<string, string> { [ClusterSeeder.AppLabel] = name } };

    public V1PodTemplateSpec Template(string name) => new()
    {
        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { [ClusterSeeder.AppLabel] = name } },
        Spec = new V1PodSpec
        {
            Containers =
            [
                new V1Container
                {
                    Name = ContainerName,
                    Image = Image(name),
                    Resources = new V1ResourceRequirements
                    {
                        Requests = new Dictionary<string, ResourceQuantity>
                        {
                            ["cpu"] = new ResourceQuantity(shape.CpuRequest),
                            ["memory"] = new ResourceQuantity(shape.MemoryRequest),
                        },
                    },
                },
            ],
            RestartPolicy = "Always",
        },
    };
}
