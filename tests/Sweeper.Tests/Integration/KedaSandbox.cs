using Tarnfui.Core;
using Tarnfui.Emulator.Server;
using Tarnfui.Testing;

namespace Tarnfui.Sweeper.Tests.Integration;

/// <summary>
/// What the KEDA night tests share: their own sandbox (the ScaledObject CRD they install must not reach the clusters
/// of the tests that run without it), the real kubectl, and ScaledObjects written as a person would write them
/// (<see cref="KedaScaledObjects"/>, shared with the CLI tests).
/// </summary>
internal static class KedaSandbox
{
    /// <summary>The reduced upstream CRD (tests/Testing/Crds), applied with the real kubectl; applying it again changes nothing.</summary>
    public static Task InstallCrdAsync(KubectlRunner kubectl) => KedaScaledObjects.InstallAsync(kubectl);

    /// <summary>The kubectl of the emulator's own minor, as the cluster admin.</summary>
    public static KubectlRunner Kubectl(EmulatorServer server) => KubectlRunner.For(server, path: KubectlVersions.PathOf("1.32"));

    /// <summary>A ScaledObject for Deployment <paramref name="target"/> (kind and apiVersion left to KEDA's defaults), applied with kubectl.</summary>
    public static Task ApplyAsync(KubectlRunner kubectl, string ns, string name, string target, string? pausedReplicas = null) =>
        KedaScaledObjects.ApplyAsync(kubectl, ns, name, target, pausedReplicas is null ? null : new Dictionary<string, string> { [WellKnown.Keda.PausedReplicas] = pausedReplicas });
}
