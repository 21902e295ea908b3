using Tarnfui.Emulator.Server;
using Tarnfui.Testing;

namespace Tarnfui.Sweeper.Tests.Integration;

/// <summary>
/// What the KEDA night tests share: their own sandbox (the ScaledObject CRD they install must not reach the clusters
/// of the tests that run without it), the real kubectl, and ScaledObjects written as a person would write them.
/// </summary>
internal static class KedaSandbox
{
    /// <summary>The reduced upstream CRD (tests/Testing/Crds), applied with the real kubectl; applying it again changes nothing.</summary>
    public static async Task InstallCrdAsync(KubectlRunner kubectl)
    {
        await kubectl.SucceedAsync("apply", "-f", RepositoryRoot.PathOf("tests", "Testing", "Crds", "keda-scaledobjects.yaml"));
        await kubectl.SucceedAsync("wait", "--for=condition=Established", "crd/scaledobjects.keda.sh", "--timeout=30s");
    }

    /// <summary>The kubectl of the emulator's own minor, as the cluster admin.</summary>
    public static KubectlRunner Kubectl(EmulatorServer server) => KubectlRunner.For(server, path: KubectlVersions.PathOf("1.32"));

    /// <summary>A ScaledObject for Deployment <paramref name="target"/> (kind and apiVersion left to KEDA's defaults), applied with kubectl.</summary>
    public static async Task ApplyAsync(KubectlRunner kubectl, string ns, string name, string target, string? pausedReplicas = null)
    {
        var annotations = pausedReplicas is null ? "" : $"\n  annotations:\n    autoscaling.keda.sh/paused-replicas: \"{pausedReplicas}\"";
        var yaml = $"""
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata:
              name: {name}
              namespace: {ns}{annotations}
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
}
