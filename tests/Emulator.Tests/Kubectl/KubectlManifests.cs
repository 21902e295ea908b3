namespace Tarnfui.Emulator.Tests.Kubectl;

/// <summary>Manifests the kubectl tests apply, diff and patch, written as a person writes them.</summary>
internal static class KubectlManifests
{
    public static string Deployment(string ns, int replicas, string image) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: {ns}
          labels:
            app: web
        spec:
          replicas: {replicas}
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: web
                image: {image}
        """;
}
