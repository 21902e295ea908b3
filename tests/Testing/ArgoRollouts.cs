using System.Text.Json;
using k8s;
using k8s.Models;
using Tarnfui.Emulator.Server;

namespace Tarnfui.Testing;

/// <summary>
/// Argo Rollouts in the tests: the reduced CRD under <c>tests/Testing/Crds</c>, installed with the real kubectl, Rollout
/// manifests kubectl applies, and what a Rollout reads as through the client's custom-object API.
/// </summary>
public static class ArgoRollouts
{
    public const string Group = "argoproj.io";
    public const string Version = "v1alpha1";
    public const string Plural = "rollouts";

    /// <summary>The CRD's file.</summary>
    public static string CrdPath => RepositoryRoot.PathOf("tests", "Testing", "Crds", "argo-rollouts.yaml");

    /// <summary>Applies the CRD with kubectl (idempotent) and waits until discovery serves Rollouts.</summary>
    public static async Task InstallAsync(EmulatorServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        using var kubectl = KubectlRunner.For(server);
        await kubectl.SucceedAsync("apply", "-f", CrdPath);
        await kubectl.SucceedAsync("wait", "--for=condition=Established", "crd/rollouts.argoproj.io", "--timeout=30s");
    }

    /// <summary>A Rollout manifest: <paramref name="replicas"/> pods of a one-container template, a canary strategy with no steps.</summary>
    public static string Manifest(string ns, string name, int replicas, IReadOnlyDictionary<string, string>? annotations = null)
    {
        var annotationLines = annotations is null or { Count: 0 }
            ? ""
            : "\n  annotations:\n" + string.Join("\n", annotations.Select(a => $"    {a.Key}: \"{a.Value}\""));
        return $"""
            apiVersion: argoproj.io/v1alpha1
            kind: Rollout
            metadata:
              name: {name}
              namespace: {ns}{annotationLines}
            spec:
              replicas: {replicas}
              selector:
                matchLabels:
                  app: {name}
              template:
                metadata:
                  labels:
                    app: {name}
                spec:
                  containers:
                    - name: main
                      image: registry.example/{name}:1
                      resources:
                        requests:
                          cpu: 250m
                          memory: 64Mi
              strategy:
                canary: {"{}"}
            """;
    }

    /// <summary>Creates a Rollout through the client (faster than kubectl when a test needs many).</summary>
    public static Task CreateAsync(IKubernetes client, string ns, string name, int replicas, IReadOnlyDictionary<string, string>? annotations = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var body = new Dictionary<string, object?>
        {
            ["apiVersion"] = $"{Group}/{Version}",
            ["kind"] = "Rollout",
            ["metadata"] = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Annotations = annotations?.ToDictionary() },
            ["spec"] = new Dictionary<string, object>
            {
                ["replicas"] = replicas,
                ["selector"] = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
                ["template"] = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = $"registry.example/{name}:1" }] },
                },
            },
        };
        return client.CustomObjects.CreateNamespacedCustomObjectAsync(body, Group, Version, ns, Plural);
    }

    /// <summary>The Rollout's <c>spec.replicas</c>, annotations and labels.</summary>
    public static async Task<RolloutState> ReadAsync(IKubernetes client, string ns, string name)
    {
        ArgumentNullException.ThrowIfNull(client);
        var (replicas, metadata) = Of(await client.CustomObjects.GetNamespacedCustomObjectAsync(Group, Version, ns, Plural, name));
        return new RolloutState(replicas, metadata.Annotations ?? new Dictionary<string, string>(), metadata.Labels ?? new Dictionary<string, string>());
    }

    /// <summary>Every Rollout of the cluster (those with <paramref name="labelSelector"/>), whole.</summary>
    public static async Task<IReadOnlyList<(int Replicas, V1ObjectMeta Metadata)>> ListAsync(IKubernetes client, string? labelSelector = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var list = Json(await client.CustomObjects.ListClusterCustomObjectAsync(Group, Version, Plural, labelSelector: labelSelector));
        return [.. list.GetProperty("items").EnumerateArray().Select(item => Of(item))];
    }

    /// <summary>A merge patch of the Rollout's main resource, and what the server answered.</summary>
    public static async Task<(int Replicas, V1ObjectMeta Metadata)> PatchAsync(IKubernetes client, string ns, string name, string mergePatch)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Of(await client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(mergePatch, V1Patch.PatchType.MergePatch), Group, Version, ns, Plural, name));
    }

    /// <summary>A write of the Rollout's <c>/scale</c>, as <c>kubectl scale</c> or an HPA sends it.</summary>
    public static Task ScaleSubresourceAsync(IKubernetes client, string ns, string name, int replicas)
    {
        ArgumentNullException.ThrowIfNull(client);
        var patch = new V1Patch($"{{\"spec\":{{\"replicas\":{replicas}}}}}", V1Patch.PatchType.MergePatch);
        return client.CustomObjects.PatchNamespacedCustomObjectScaleAsync(patch, Group, Version, ns, Plural, name);
    }

    /// <summary>A Rollout's <c>spec.replicas</c> (absent: 1) and metadata, from the JSON the custom-object API answers.</summary>
    public static (int Replicas, V1ObjectMeta Metadata) Of(object body)
    {
        var json = Json(body);
        var metadata = KubernetesJson.Deserialize<V1ObjectMeta>(json.GetProperty("metadata").GetRawText());
        var replicas = json.TryGetProperty("spec", out var spec) && spec.TryGetProperty("replicas", out var count) ? count.GetInt32() : 1;
        return (replicas, metadata);
    }

    private static JsonElement Json(object body) => body is JsonElement element ? element : JsonSerializer.SerializeToElement(body);

    /// <summary>Sets <c>spec.replicas</c> with a merge patch, as a person (or a GitOps tool) does.</summary>
    public static Task ScaleAsync(IKubernetes client, string ns, string name, int replicas)
    {
        ArgumentNullException.ThrowIfNull(client);
        var patch = new V1Patch($"{{\"spec\":{{\"replicas\":{replicas}}}}}", V1Patch.PatchType.MergePatch);
        return client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, Group, Version, ns, Plural, name);
    }
}

/// <summary>What a test reads of a Rollout.</summary>
public sealed record RolloutState(int Replicas, IDictionary<string, string> Annotations, IDictionary<string, string> Labels);
