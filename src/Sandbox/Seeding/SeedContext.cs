using k8s;
using k8s.Models;
using NodaTime;
using Tarnfui.Sandbox.Controllers;

namespace Tarnfui.Sandbox.Seeding;

/// <summary>The generator state of one seeding: the seeded random source (uids, choices) and the builders.</summary>
internal sealed class SeedContext(ClusterShape shape, Instant now)
{
    private readonly Random _random = new(shape.Seed);
    private readonly IReadOnlyList<string> _nodes = ClusterSeeder.NodeNames(shape);

    public string NewUid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    /// <summary>Floyd's sampling: exactly the running count of <paramref name="total"/>, without shuffling all of them.</summary>
    public HashSet<int> ChooseRunning(int total)
    {
        var count = total - (int)Math.Round(total * shape.ZeroFraction, MidpointRounding.AwayFromZero);
        var chosen = new HashSet<int>();
        for (var j = total - count; j < total; j++)
        {
            var t = _random.Next(j + 1);
            chosen.Add(chosen.Contains(t) ? j : t);
        }

        return chosen;
    }

    public IEnumerable<IKubernetesObject<V1ObjectMeta>> Deployment(string ns, string name, int replicas, V1OwnerReference? owner = null, IDictionary<string, string>? annotations = null)
    {
        var deployment = new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = Meta(ns, name, owner),
            Spec = new V1DeploymentSpec
            {
                Replicas = replicas,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [ClusterSeeder.AppLabel] = name } },
                Template = Template(name),
                RevisionHistoryLimit = 10,
                ProgressDeadlineSeconds = 600,
                Strategy = new V1DeploymentStrategy { Type = "RollingUpdate", RollingUpdate = new V1RollingUpdateDeployment { MaxSurge = "25%", MaxUnavailable = "25%" } },
            },
        };
        deployment.Metadata.Annotations = annotations is null ? null : new Dictionary<string, string>(annotations);
        var hash = Names.TemplateHash(deployment.Spec.Template);
        var replicaSet = ClusterControllers.NewReplicaSet(deployment, hash, replicas, revision: 1);
        replicaSet.Metadata.Uid = NewUid();
        replicaSet.Metadata.CreationTimestamp = now.ToDateTimeUtc();
        replicaSet.Metadata.Generation = 1;
        var pods = new List<V1Pod>(replicas);
        for (var i = 0; i < replicas; i++)
        {
            pods.Add(Stamp(PodFactory.Create(replicaSet.Spec.Template, replicaSet, $"{replicaSet.Metadata.Name}-{Names.PodSuffix(replicaSet.Metadata.Uid, i)}", _nodes[i % _nodes.Count], now)));
        }

        replicaSet.Status = ClusterControllers.ReplicaSetStatus(replicaSet, pods);
        deployment.Status = ClusterControllers.DeploymentStatus(deployment, replicaSet, [replicaSet], now);
        yield return deployment;
        yield return replicaSet;
        foreach (var pod in pods)
        {
            yield return pod;
        }
    }

    public IEnumerable<IKubernetesObject<V1ObjectMeta>> StatefulSet(string ns, string name, int replicas)
    {
        var set = new V1StatefulSet
        {
            ApiVersion = "apps/v1",
            Kind = "StatefulSet",
            Metadata = Meta(ns, name, null),
            Spec = new V1StatefulSetSpec
            {
                Replicas = replicas,
                ServiceName = name,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [ClusterSeeder.AppLabel] = name } },
                Template = Template(name),
            },
        };
        var revision = $"{name}-{Names.TemplateHash(set.Spec.Template)}";
        var pods = Enumerable.Range(0, replicas).Select(ordinal => Stamp(PodFactory.Create(set.Spec.Template, set, $"{name}-{ordinal}", _nodes[ordinal % _nodes.Count], now, extraLabels: new Dictionary<string, string>
        {
            [ClusterControllers.StatefulSetPodNameLabel] = $"{name}-{ordinal}",
            [ClusterControllers.ControllerRevisionHashLabel] = revision,
        }))).ToList();
        set.Status = ClusterControllers.StatefulSetStatus(set, pods, revision);
        yield return set;
        foreach (var pod in pods)
        {
            yield return pod;
        }
    }

    public IEnumerable<IKubernetesObject<V1ObjectMeta>> DaemonSet(string ns, string name)
    {
        var set = new V1DaemonSet
        {
            ApiVersion = "apps/v1",
            Kind = "DaemonSet",
            Metadata = Meta(ns, name, null),
            Spec = new V1DaemonSetSpec
            {
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [ClusterSeeder.AppLabel] = name } },
                Template = Template(name),
            },
        };
        var hash = Names.TemplateHash(set.Spec.Template);
        var pods = _nodes.Select((node, index) => Stamp(PodFactory.Create(set.Spec.Template, set, $"{name}-{Names.PodSuffix(set.Metadata.Uid, index)}", node, now, extraLabels: new Dictionary<string, string>
        {
            [ClusterControllers.ControllerRevisionHashLabel] = hash,
        }))).ToList();
        set.Status = ClusterControllers.DaemonSetStatus(set, pods, _nodes.Count);
        yield return set;
        foreach (var pod in pods)
        {
            yield return pod;
        }
    }

    public IEnumerable<IKubernetesObject<V1ObjectMeta>> Job(string ns, string name)
    {
        var template = Template(name);
        template.Spec.RestartPolicy = "Never";
        var job = new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = Meta(ns, name, null),
            Spec = new V1JobSpec { Completions = 1, Parallelism = 1, Template = template },
        };
        var pod = Stamp(PodFactory.Create(template, job, $"{name}-{Names.PodSuffix(job.Metadata.Uid, 0)}", _nodes[0], now, phase: "Succeeded", extraLabels: ClusterControllers.JobPodLabels(name)));
        job.Status = ClusterControllers.JobStatus(job, [pod], now);
        yield return job;
        yield return pod;
    }

    private V1ObjectMeta Meta(string ns, string name, V1OwnerReference? owner) => new()
    {
        Name = name,
        NamespaceProperty = ns,
        Uid = NewUid(),
        Generation = 1,
        CreationTimestamp = now.ToDateTimeUtc(),
        Labels = new Dictionary<string, string> { [ClusterSeeder.AppLabel] = name },
        OwnerReferences = owner is null ? null : [owner],
    };

    private V1Pod Stamp(V1Pod pod)
    {
        pod.Metadata.Uid = NewUid();
        pod.Metadata.CreationTimestamp = now.ToDateTimeUtc();
        return pod;
    }

    private V1PodTemplateSpec Template(string name) => new()
    {
        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { [ClusterSeeder.AppLabel] = name } },
        Spec = new V1PodSpec
        {
            Containers =
            [
                new V1Container
                {
                    Name = "main",
                    Image = "registry.example/" + name + ":1.0",
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
