using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Sandbox.Controllers;

namespace Tarnfui.Sandbox.Seeding;

/// <summary>
/// The fast path for the bulk of a seeded cluster: Deployments and their ReplicaSets written as JSON directly.
/// 100,000 Deployments through typed models and KubernetesJson cost tens of seconds; this costs a few. The
/// statuses are the controllers' own (computed once per replica count and copied), and a test proves the
/// controllers find nothing to change in what this writes.
/// </summary>
internal sealed class DeploymentJson(SeedObjects objects, ClusterShape shape)
{
    // Quantities as the API would write them back (0.1 → 100m), once.
    private readonly string _cpu = new ResourceQuantity(shape.CpuRequest).ToString();
    private readonly string _memory = new ResourceQuantity(shape.MemoryRequest).ToString();

    private readonly Dictionary<int, (JsonObject Deployment, JsonObject ReplicaSet)> _statuses = [];

    /// <summary>The Deployment of <paramref name="plan"/>, with its status.</summary>
    public JsonObject Deployment(WorkloadPlan plan)
    {
        var (template, _) = Template(plan);
        var metadata = Metadata(plan);
        metadata["generation"] = 1;
        var spec = new JsonObject
        {
            ["replicas"] = plan.Replicas,
            ["selector"] = Selector(plan.Name, null),
            ["template"] = template,
            ["revisionHistoryLimit"] = 10,
            ["progressDeadlineSeconds"] = 600,
            ["strategy"] = new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["maxSurge"] = "25%", ["maxUnavailable"] = "25%" } },
        };
        var status = Statuses(plan).Deployment.DeepClone().AsObject();
        var condition = status["conditions"]!.AsArray().Single(c => (string?)c!["type"] == "Progressing")!;
        condition["message"] = $"ReplicaSet \"{ReplicaSetName(plan)}\" has successfully progressed.";
        return new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["metadata"] = metadata, ["spec"] = spec, ["status"] = status };
    }

    /// <summary>The ReplicaSet the deployment controller makes for <paramref name="plan"/>, owned by the stored Deployment's uid.</summary>
    public JsonObject ReplicaSet(WorkloadPlan plan, string deploymentUid)
    {
        var (template, hash) = Template(plan);
        template["metadata"]!["labels"]![ClusterControllers.PodTemplateHashLabel] = hash;
        var labels = template["metadata"]!["labels"]!.DeepClone();
        var metadata = new JsonObject
        {
            ["name"] = $"{plan.Name}-{hash}",
            ["namespace"] = plan.Namespace,
            ["generation"] = 1,
            ["labels"] = labels,
            ["annotations"] = ReplicaSetAnnotations(plan),
            ["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = "apps/v1",
                ["kind"] = "Deployment",
                ["name"] = plan.Name,
                ["uid"] = deploymentUid,
                ["controller"] = true,
                ["blockOwnerDeletion"] = true,
            }),
        };
        var spec = new JsonObject { ["replicas"] = plan.Replicas, ["selector"] = Selector(plan.Name, hash), ["template"] = template };
        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["metadata"] = metadata,
            ["spec"] = spec,
            ["status"] = Statuses(plan).ReplicaSet.DeepClone(),
        };
    }

    public string ReplicaSetName(WorkloadPlan plan) => $"{plan.Name}-{Template(plan).Hash}";

    private (JsonObject Template, string Hash) Template(WorkloadPlan plan)
    {
        // The JSON KubernetesJson writes for SeedObjects.Template, built without it: typed models with
        // ResourceQuantity cost ~100 µs per template, this costs a few. The seeding test proves they agree.
        var template = new JsonObject
        {
            ["metadata"] = new JsonObject { ["labels"] = new JsonObject { [ClusterSeeder.AppLabel] = plan.Name } },
            ["spec"] = new JsonObject
            {
                ["containers"] = new JsonArray(new JsonObject
                {
                    ["image"] = SeedObjects.Image(plan.Name),
                    ["name"] = SeedObjects.ContainerName,
                    ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = _cpu, ["memory"] = _memory } },
                }),
                ["restartPolicy"] = "Always",
            },
        };
        return (template, Names.TemplateHash(template));
    }

    // The controller's copy of the Deployment's annotations, with its revision and desired count (NewReplicaSet's).
    private static JsonObject ReplicaSetAnnotations(WorkloadPlan plan)
    {
        var annotations = new JsonObject();
        foreach (var (key, value) in plan.Annotations ?? new Dictionary<string, string>())
        {
            if (!WellKnown.DeploymentAnnotations.NotCopied.Contains(key))
            {
                annotations[key] = value;
            }
        }

        annotations[ClusterControllers.RevisionAnnotation] = "1";
        annotations[ClusterControllers.DesiredReplicasAnnotation] = plan.Replicas.ToString(CultureInfo.InvariantCulture);
        return annotations;
    }

    private static JsonObject Metadata(WorkloadPlan plan)
    {
        var metadata = new JsonObject
        {
            ["name"] = plan.Name,
            ["namespace"] = plan.Namespace,
            ["labels"] = new JsonObject { [ClusterSeeder.AppLabel] = plan.Name },
        };

        // The deployment controller writes its first ReplicaSet's revision on the Deployment.
        var annotations = new JsonObject(plan.Annotations?.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value)) ?? []);
        annotations[ClusterControllers.RevisionAnnotation] = "1";
        metadata["annotations"] = annotations;

        if (plan.Owner is { } owner)
        {
            metadata["ownerReferences"] = JsonNode.Parse(KubernetesJson.Serialize(new[] { owner }));
        }

        return metadata;
    }

    private static JsonObject Selector(string name, string? hash)
    {
        var labels = new JsonObject { [ClusterSeeder.AppLabel] = name };
        if (hash is not null)
        {
            labels[ClusterControllers.PodTemplateHashLabel] = hash;
        }

        return new JsonObject { ["matchLabels"] = labels };
    }

    // The controllers' statuses for a replica count, computed through their own functions once.
    private (JsonObject Deployment, JsonObject ReplicaSet) Statuses(WorkloadPlan plan)
    {
        lock (_statuses)
        {
            if (!_statuses.TryGetValue(plan.Replicas, out var statuses))
            {
                var deployment = objects.Deployment(plan with { Annotations = null, Owner = null }, uid: null);
                var replicaSet = objects.ReplicaSet(plan with { Annotations = null, Owner = null }, "uid");
                statuses = (JsonNode.Parse(KubernetesJson.Serialize(deployment.Status))!.AsObject(), JsonNode.Parse(KubernetesJson.Serialize(replicaSet.Status))!.AsObject());
                _statuses[plan.Replicas] = statuses;
            }

            return statuses;
        }
    }
}
