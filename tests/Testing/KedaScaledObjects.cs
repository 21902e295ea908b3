using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using Tarnfui.Core;
using Tarnfui.Emulator.Server;

namespace Tarnfui.Testing;

/// <summary>
/// KEDA in the tests: the reduced upstream ScaledObject CRD under <c>tests/Testing/Crds</c>, installed with the real
/// kubectl; ScaledObjects as a person writes them (applied with kubectl) or as a test seeds them in bulk (JSON for the
/// store or the client); and what a ScaledObject carries, read back through the client's custom-object API.
/// </summary>
/// <remarks>
/// Every ScaledObject made here names its target by name only, leaving kind and apiVersion to KEDA's defaults
/// (<c>apps/v1</c> Deployment), unless a kind is given; its trigger is a cron trigger of working hours, which the
/// emulated operator does not evaluate (a test sets the trigger active itself).
/// </remarks>
public static class KedaScaledObjects
{
    /// <summary>The CRD's file.</summary>
    public static string CrdPath => RepositoryRoot.PathOf("tests", "Testing", "Crds", "keda-scaledobjects.yaml");

    /// <summary>Applies the CRD with <paramref name="kubectl"/> (applying it again changes nothing) and waits until it is served.</summary>
    public static async Task InstallAsync(KubectlRunner kubectl)
    {
        ArgumentNullException.ThrowIfNull(kubectl);
        await kubectl.SucceedAsync("apply", "-f", CrdPath);
        await kubectl.SucceedAsync("wait", "--for=condition=Established", "crd/scaledobjects.keda.sh", "--timeout=30s");
    }

    /// <summary>As <see cref="InstallAsync(KubectlRunner)"/>, with the machine's kubectl as the cluster admin.</summary>
    public static async Task InstallAsync(EmulatorServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        using var kubectl = KubectlRunner.For(server);
        await InstallAsync(kubectl);
    }

    /// <summary>A ScaledObject manifest for <paramref name="target"/>, with <paramref name="annotations"/> and, when asked, Tarnfui's <c>stopped</c> label.</summary>
    public static string Manifest(string ns, string name, string target, IReadOnlyDictionary<string, string>? annotations = null, bool stoppedLabel = false, string? targetKind = null)
    {
        var annotationLines = annotations is null or { Count: 0 }
            ? ""
            : "\n  annotations:\n" + string.Join("\n", annotations.Select(a => $"    {a.Key}: \"{a.Value}\""));
        var labelLines = stoppedLabel ? $"\n  labels:\n    {WellKnown.Labels.Stopped}: \"{WellKnown.Labels.StoppedValue}\"" : "";
        var kindLines = targetKind is null ? "" : $"\n    apiVersion: apps/v1\n    kind: {targetKind}";
        return $"""
            apiVersion: {WellKnown.Keda.Group}/{WellKnown.Keda.Version}
            kind: {WellKnown.Keda.ScaledObjectKind}
            metadata:
              name: {name}
              namespace: {ns}{annotationLines}{labelLines}
            spec:
              scaleTargetRef:
                name: {target}{kindLines}
              minReplicaCount: 0
              maxReplicaCount: 10
              triggers:
                - type: cron
                  metadata:
                    timezone: UTC
                    start: 0 7 * * 1-5
                    end: 0 19 * * 1-5
                    desiredReplicas: "3"
            """;
    }

    /// <summary>Applies <see cref="Manifest"/> with <paramref name="kubectl"/>, as a person does.</summary>
    public static async Task ApplyAsync(KubectlRunner kubectl, string ns, string name, string target, IReadOnlyDictionary<string, string>? annotations = null, bool stoppedLabel = false, string? targetKind = null)
    {
        ArgumentNullException.ThrowIfNull(kubectl);
        await kubectl.SucceedAsync("apply", "-f", kubectl.WriteFile($"so-{ns}-{name}.yaml", Manifest(ns, name, target, annotations, stoppedLabel, targetKind)));
    }

    /// <summary>As the other overload, with the machine's kubectl as the cluster admin.</summary>
    public static async Task ApplyAsync(EmulatorServer server, string ns, string name, string target, IReadOnlyDictionary<string, string>? annotations = null, bool stoppedLabel = false, string? targetKind = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        using var kubectl = KubectlRunner.For(server);
        await ApplyAsync(kubectl, ns, name, target, annotations, stoppedLabel, targetKind);
    }

    /// <summary>The same ScaledObject as JSON, for the store's bulk creation or the client.</summary>
    public static JsonObject Json(string ns, string name, string target, IReadOnlyDictionary<string, string>? annotations = null, string? targetKind = null)
    {
        var reference = new JsonObject { ["name"] = target };
        if (targetKind is not null)
        {
            reference["apiVersion"] = "apps/v1";
            reference["kind"] = targetKind;
        }

        var metadata = new JsonObject { ["name"] = name, ["namespace"] = ns };
        if (annotations is { Count: > 0 })
        {
            metadata["annotations"] = new JsonObject(annotations.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)JsonValue.Create(a.Value))));
        }

        return new JsonObject
        {
            ["apiVersion"] = $"{WellKnown.Keda.Group}/{WellKnown.Keda.Version}",
            ["kind"] = WellKnown.Keda.ScaledObjectKind,
            ["metadata"] = metadata,
            ["spec"] = new JsonObject
            {
                ["scaleTargetRef"] = reference,
                ["minReplicaCount"] = 0,
                ["maxReplicaCount"] = 10,
                ["triggers"] = new JsonArray(new JsonObject
                {
                    ["type"] = "cron",
                    ["metadata"] = new JsonObject { ["timezone"] = "UTC", ["start"] = "0 7 * * 1-5", ["end"] = "0 19 * * 1-5", ["desiredReplicas"] = "3" },
                }),
            },
        };
    }

    /// <summary>Creates <see cref="Json(string, string, string, IReadOnlyDictionary{string, string}?, string?)"/> through the client.</summary>
    public static Task CreateAsync(IKubernetes client, string ns, string name, string target, IReadOnlyDictionary<string, string>? annotations = null, string? targetKind = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.CustomObjects.CreateNamespacedCustomObjectAsync(Json(ns, name, target, annotations, targetKind), WellKnown.Keda.Group, WellKnown.Keda.Version, ns, WellKnown.Keda.ScaledObjects);
    }

    /// <summary>The ScaledObject's annotations and labels as the API server holds them (empty maps when it has none).</summary>
    public static async Task<(Dictionary<string, string> Annotations, Dictionary<string, string> Labels)> ReadAsync(IKubernetes client, string ns, string name)
    {
        ArgumentNullException.ThrowIfNull(client);
        var body = await client.CustomObjects.GetNamespacedCustomObjectAsync(WellKnown.Keda.Group, WellKnown.Keda.Version, ns, WellKnown.Keda.ScaledObjects, name);
        return Maps(Element(body).GetProperty("metadata"));
    }

    /// <summary>Every ScaledObject of the cluster (one list request).</summary>
    public static async Task<IReadOnlyList<ScaledObjectState>> ListAsync(IKubernetes client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var list = Element(await client.CustomObjects.ListClusterCustomObjectAsync(WellKnown.Keda.Group, WellKnown.Keda.Version, WellKnown.Keda.ScaledObjects));
        return [.. list.GetProperty("items").EnumerateArray().Select(item =>
        {
            var metadata = item.GetProperty("metadata");
            var (annotations, labels) = Maps(metadata);
            var kind = item.TryGetProperty("spec", out var spec) && spec.TryGetProperty("scaleTargetRef", out var reference) && reference.TryGetProperty("kind", out var named)
                ? named.GetString()!
                : "Deployment";
            return new ScaledObjectState(metadata.GetProperty("namespace").GetString()!, metadata.GetProperty("name").GetString()!, annotations, labels, kind);
        })];
    }

    private static (Dictionary<string, string> Annotations, Dictionary<string, string> Labels) Maps(JsonElement metadata)
    {
        static Dictionary<string, string> Map(JsonElement metadata, string key) =>
            metadata.TryGetProperty(key, out var map) ? map.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal) : [];
        return (Map(metadata, "annotations"), Map(metadata, "labels"));
    }

    private static JsonElement Element(object body) => body is JsonElement element ? element : JsonSerializer.SerializeToElement(body);
}

/// <summary>What a test reads of a ScaledObject: where it is, its annotations and labels, and its target's kind (KEDA's default, Deployment, when it names none).</summary>
public sealed record ScaledObjectState(string Namespace, string Name, Dictionary<string, string> Annotations, Dictionary<string, string> Labels, string TargetKind);
