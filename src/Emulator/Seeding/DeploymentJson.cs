using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Tarnfui.Emulator.Controllers;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Seeding;

/// <summary>
/// The fast path for the bulk of a seeded cluster: Deployments and their ReplicaSets written straight to UTF-8
/// JSON for <see cref="ObjectStore.CreateMany(ResourceType, IEnumerable{ReadOnlyMemory{byte}})"/>. Typed models
/// and JSON trees cost time and garbage per object (most of a large seed went to the GC); this writes each object once, in the bytes the tree path would store. The statuses are the controllers'
/// own (computed once per replica count), and a test proves the controllers find nothing to change in what this
/// writes. One instance per writing thread: it reuses its buffer.
/// </summary>
internal sealed class DeploymentJson(SeedObjects objects, ClusterShape shape)
{
    // Quantities as the API would write them back (0.1 → 100m), once.
    private readonly string _cpu = new ResourceQuantity(shape.CpuRequest).ToString();
    private readonly string _memory = new ResourceQuantity(shape.MemoryRequest).ToString();

    private readonly Dictionary<int, (JsonObject Deployment, JsonObject ReplicaSet)> _statuses = [];
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);

    /// <summary>
    /// The <c>pod-template-hash</c> of the plan's template, as the deployment controller computes it: over the
    /// same JSON tree, so the two can never disagree. Compute it once per plan and pass it to the writers.
    /// </summary>
    public string TemplateHash(WorkloadPlan plan)
    {
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
        return Names.TemplateHash(template);
    }

    public static string ReplicaSetName(WorkloadPlan plan, string hash) => $"{plan.Name}-{hash}";

    /// <summary>The Deployment of <paramref name="plan"/>, with its status.</summary>
    public ReadOnlyMemory<byte> Deployment(WorkloadPlan plan, string hash)
    {
        using var writer = Start();
        writer.WriteStartObject();
        writer.WriteString("apiVersion", "apps/v1");
        writer.WriteString("kind", "Deployment");
        writer.WriteStartObject("metadata");
        writer.WriteString("name", plan.Name);
        writer.WriteString("namespace", plan.Namespace);
        WriteLabels(writer, "labels", plan.Name, null);

        // The deployment controller writes its first ReplicaSet's revision on the Deployment.
        writer.WriteStartObject("annotations");
        foreach (var (key, value) in plan.Annotations ?? new Dictionary<string, string>())
        {
            if (key != ClusterControllers.RevisionAnnotation)
            {
                writer.WriteString(key, value);
            }
        }

        writer.WriteString(ClusterControllers.RevisionAnnotation, "1");
        writer.WriteEndObject();

        if (plan.Owner is { } owner)
        {
            writer.WritePropertyName("ownerReferences");
            JsonNode.Parse(KubernetesJson.Serialize(new[] { owner }))!.WriteTo(writer);
        }

        writer.WriteNumber("generation", 1);
        writer.WriteEndObject();

        writer.WriteStartObject("spec");
        writer.WriteNumber("replicas", plan.Replicas);
        WriteSelector(writer, plan.Name, null);
        WriteTemplate(writer, plan.Name, null);
        writer.WriteNumber("revisionHistoryLimit", 10);
        writer.WriteNumber("progressDeadlineSeconds", 600);
        writer.WriteStartObject("strategy");
        writer.WriteString("type", "RollingUpdate");
        writer.WriteStartObject("rollingUpdate");
        writer.WriteString("maxSurge", "25%");
        writer.WriteString("maxUnavailable", "25%");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();

        // The controllers' status, with the Progressing condition naming this Deployment's ReplicaSet.
        writer.WriteStartObject("status");
        foreach (var (key, value) in Statuses(plan).Deployment)
        {
            writer.WritePropertyName(key);
            if (key != "conditions" || value is not JsonArray conditions)
            {
                WriteNode(writer, value);
                continue;
            }

            writer.WriteStartArray();
            foreach (var condition in conditions)
            {
                if ((string?)condition?["type"] != "Progressing")
                {
                    WriteNode(writer, condition);
                    continue;
                }

                writer.WriteStartObject();
                foreach (var (field, fieldValue) in condition.AsObject())
                {
                    if (field == "message")
                    {
                        writer.WriteString(field, $"ReplicaSet \"{ReplicaSetName(plan, hash)}\" has successfully progressed.");
                    }
                    else
                    {
                        writer.WritePropertyName(field);
                        WriteNode(writer, fieldValue);
                    }
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        return Finish(writer);
    }

    /// <summary>The ReplicaSet the deployment controller makes for <paramref name="plan"/>, owned by the stored Deployment's uid.</summary>
    public ReadOnlyMemory<byte> ReplicaSet(WorkloadPlan plan, string hash, string deploymentUid)
    {
        using var writer = Start();
        writer.WriteStartObject();
        writer.WriteString("apiVersion", "apps/v1");
        writer.WriteString("kind", "ReplicaSet");
        writer.WriteStartObject("metadata");
        writer.WriteString("name", ReplicaSetName(plan, hash));
        writer.WriteString("namespace", plan.Namespace);
        writer.WriteNumber("generation", 1);
        WriteLabels(writer, "labels", plan.Name, hash);
        writer.WriteStartObject("annotations");

        // The controller's copy of the Deployment's annotations (ClusterControllers.SetReplicaSetAnnotations).
        foreach (var (key, value) in plan.Annotations ?? new Dictionary<string, string>())
        {
            if (!DeploymentControllerAnnotations.NotCopied.Contains(key))
            {
                writer.WriteString(key, value);
            }
        }

        writer.WriteString(ClusterControllers.RevisionAnnotation, "1");
        writer.WriteString(ClusterControllers.DesiredReplicasAnnotation, plan.Replicas.ToString(System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteEndObject();
        writer.WriteStartArray("ownerReferences");
        writer.WriteStartObject();
        writer.WriteString("apiVersion", "apps/v1");
        writer.WriteString("kind", "Deployment");
        writer.WriteString("name", plan.Name);
        writer.WriteString("uid", deploymentUid);
        writer.WriteBoolean("controller", true);
        writer.WriteBoolean("blockOwnerDeletion", true);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();

        writer.WriteStartObject("spec");
        writer.WriteNumber("replicas", plan.Replicas);
        WriteSelector(writer, plan.Name, hash);
        WriteTemplate(writer, plan.Name, hash);
        writer.WriteNumber("revisionHistoryLimit", 10); // ObjectDefaults gives every ReplicaSet one
        writer.WriteEndObject();
        writer.WritePropertyName("status");
        Statuses(plan).ReplicaSet.WriteTo(writer);
        writer.WriteEndObject();
        return Finish(writer);
    }

    private Utf8JsonWriter Start()
    {
        _buffer.ResetWrittenCount();
        return new Utf8JsonWriter(_buffer, StoreJson.WriterOptions);
    }

    private ReadOnlyMemory<byte> Finish(Utf8JsonWriter writer)
    {
        writer.Flush();
        return _buffer.WrittenSpan.ToArray();
    }

    private void WriteTemplate(Utf8JsonWriter writer, string name, string? hash)
    {
        writer.WriteStartObject("template");
        writer.WriteStartObject("metadata");
        WriteLabels(writer, "labels", name, hash);
        writer.WriteEndObject();
        writer.WriteStartObject("spec");
        writer.WriteStartArray("containers");
        writer.WriteStartObject();
        writer.WriteString("image", SeedObjects.Image(name));
        writer.WriteString("name", SeedObjects.ContainerName);
        writer.WriteStartObject("resources");
        writer.WriteStartObject("requests");
        writer.WriteString("cpu", _cpu);
        writer.WriteString("memory", _memory);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteString("restartPolicy", "Always");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteSelector(Utf8JsonWriter writer, string name, string? hash)
    {
        writer.WriteStartObject("selector");
        WriteLabels(writer, "matchLabels", name, hash);
        writer.WriteEndObject();
    }

    private static void WriteLabels(Utf8JsonWriter writer, string property, string name, string? hash)
    {
        writer.WriteStartObject(property);
        writer.WriteString(ClusterSeeder.AppLabel, name);
        if (hash is not null)
        {
            writer.WriteString(ClusterControllers.PodTemplateHashLabel, hash);
        }

        writer.WriteEndObject();
    }

    private static void WriteNode(Utf8JsonWriter writer, JsonNode? node)
    {
        if (node is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            node.WriteTo(writer);
        }
    }

    // The controllers' statuses for a replica count, computed through their own functions once.
    private (JsonObject Deployment, JsonObject ReplicaSet) Statuses(WorkloadPlan plan)
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
