using k8s.Models;
using Tarnfui.Deploy.Tests.Infrastructure;
using Tarnfui.Webhook;

namespace Tarnfui.Deploy.Tests.Manifests;

[Collection(ManifestsGroup.Name)]
public sealed class ClientCertificateComponentTests(ManifestsFixture manifests)
{
    [Fact]
    public async Task The_client_certificate_component_points_Webhook_ClientCaFile_at_the_mounted_bundle()
    {
        using var overlay = new TemporaryDirectory();
        var shipped = Repository.RelativeFrom(overlay.Path, "manifests");
        File.WriteAllText(overlay.Combine("apiserver-webhook-client-ca.crt"), "-----BEGIN CERTIFICATE-----\n");
        File.WriteAllText(overlay.Combine("kustomization.yaml"), $"""
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources: [{shipped}/overlays/cert-manager]
            components: [{shipped}/components/webhook-client-certificates]
            configMapGenerator:
              - name: tarnfui-webhook-client-ca
                namespace: tarnfui
                files: [ca.crt=apiserver-webhook-client-ca.crt]
                options:
                  disableNameSuffixHash: true
            """);

        var rendered = await RenderedManifests.RenderAsync(overlay.Path);

        var container = rendered.Container("tarnfui-webhook");
        var variable = $"TARNFUI_{WebhookOptions.Section}__{nameof(WebhookOptions.ClientCaFile)}";
        var path = container.Env.Single(e => e.Name == variable).Value;
        var mount = container.VolumeMounts.Single(m => path.StartsWith(m.MountPath + "/", StringComparison.Ordinal));
        mount.ReadOnlyProperty.ShouldBe(true);
        mount.SubPath.ShouldBeNull("a ConfigMap update only reaches files mounted without subPath");
        var volume = rendered.Deployment("tarnfui-webhook").Spec.Template.Spec.Volumes.Single(v => v.Name == mount.Name);
        var configMap = rendered.Named<V1ConfigMap>(volume.ConfigMap.Name);
        configMap.Metadata.NamespaceProperty.ShouldBe("tarnfui");
        configMap.Data.Keys.ShouldBe([path[(mount.MountPath.Length + 1)..]]);
        rendered.Objects.Count.ShouldBe(manifests.Installs[ManifestsFixture.CertManager].Objects.Count + 1);
    }
}
