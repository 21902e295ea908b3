using System.Text.Json;
using k8s;
using Tarnfui.Core;
using Tarnfui.Emulator.Server;
using Tarnfui.Testing;

namespace Tarnfui.Cli.Tests.Cluster;

/// <summary>
/// KEDA in the CLI tests: the reduced upstream ScaledObject CRD (tests/Testing/Crds) installed with the real kubectl,
/// ScaledObjects applied as a person writes them, and their annotations read back.
/// </summary>
internal static class KedaObjects
{
    /// <summary>Applies the CRD (applying it again changes nothing) and waits until it is served.</summary>
    public static async Task InstallAsync(EmulatorServer server)
    {
        using var kubectl = KubectlRunner.For(server);
        await kubectl.SucceedAsync("apply", "-f", RepositoryRoot.PathOf("tests", "Testing", "Crds", "keda-scaledobjects.yaml"));
        await kubectl.SucceedAsync("wait", "--for=condition=Established", "crd/scaledobjects.keda.sh", "--timeout=30s");
    }

    /// <summary>A ScaledObject for Deployment <paramref name="target"/> (kind and apiVersion left to KEDA's defaults), applied with kubectl.</summary>
    public static async Task ApplyAsync(EmulatorServer server, string ns, string name, string target, IReadOnlyDictionary<string, string>? annotations = null, bool stoppedLabel = false)
    {
        using var kubectl = KubectlRunner.For(server);
        var annotationLines = annotations is null or { Count: 0 }
            ? ""
            : "\n  annotations:\n" + string.Join("\n", annotations.Select(a => $"    {a.Key}: \"{a.Value}\""));
        var labelLines = stoppedLabel ? $"\n  labels:\n    {WellKnown.Labels.Stopped}: \"{WellKnown.Labels.StoppedValue}\"" : "";
        var yaml = $"""
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata:
              name: {name}
              namespace: {ns}{annotationLines}{labelLines}
            spec:
              scaleTargetRef:
                name: {target}
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
        await kubectl.SucceedAsync("apply", "-f", kubectl.WriteFile($"so-{ns}-{name}.yaml", yaml));
    }

    /// <summary>The ScaledObject's annotations and labels as the API server holds them (empty maps when it has none).</summary>
    public static async Task<(Dictionary<string, string> Annotations, Dictionary<string, string> Labels)> ReadAsync(IKubernetes client, string ns, string name)
    {
        var body = (JsonElement)await client.CustomObjects.GetNamespacedCustomObjectAsync(WellKnown.Keda.Group, WellKnown.Keda.Version, ns, WellKnown.Keda.ScaledObjects, name);
        var metadata = body.GetProperty("metadata");
        static Dictionary<string, string> Map(JsonElement metadata, string key) =>
            metadata.TryGetProperty(key, out var map) ? map.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal) : [];
        return (Map(metadata, "annotations"), Map(metadata, "labels"));
    }
}
