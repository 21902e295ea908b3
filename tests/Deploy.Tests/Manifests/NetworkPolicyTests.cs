using k8s.Models;
using Tarnfui.Deploy.Tests.Infrastructure;

namespace Tarnfui.Deploy.Tests.Manifests;

[Collection(ManifestsGroup.Name)]
public sealed class NetworkPolicyTests(ManifestsFixture manifests)
{
    private static readonly Dictionary<string, string> MonitoringNamespace = new() { ["kubernetes.io/metadata.name"] = "monitoring" };

    [Fact]
    public void The_webhook_port_is_open_to_the_api_server_and_metrics_only_to_monitoring()
    {
        var policy = Policy("tarnfui-webhook");
        policy.Spec.PolicyTypes.ShouldBe(["Ingress"]);
        policy.Spec.Ingress.Count.ShouldBe(2);
        var https = policy.Spec.Ingress.Single(r => r.Ports.Any(p => p.Port.Value == "https"));
        https.FromProperty.ShouldBeNull("the API server is not a pod: no selector can name it");
        MetricsRule(policy);
        ContainerPort("tarnfui-webhook", "https").ShouldBe(8443);
    }

    [Fact]
    public async Task The_control_plane_component_admits_the_webhook_port_only_from_the_address_the_operator_sets()
    {
        using var overlay = new TemporaryDirectory();
        WriteOperatorOverlay(overlay, controlPlane: "10.0.0.0/28");

        var rendered = await RenderedManifests.RenderAsync(overlay.Path);

        var policy = rendered.Named<V1NetworkPolicy>("tarnfui-webhook");
        policy.Spec.Ingress.Count.ShouldBe(2);
        var https = policy.Spec.Ingress.Single(r => r.Ports.Any(p => p.Port.Value == "https"));
        https.Ports.ShouldHaveSingleItem();
        var peer = https.FromProperty.ShouldHaveSingleItem();
        peer.IpBlock.Cidr.ShouldBe("10.0.0.0/28");
        peer.IpBlock.Except.ShouldBeNull();
        peer.PodSelector.ShouldBeNull();
        peer.NamespaceSelector.ShouldBeNull();
        MetricsRule(policy);
        rendered.All<V1ConfigMap>().ShouldNotContain(c => c.Metadata.Name == "tarnfui-control-plane", "the address is kustomize's input, not an object of the cluster");
        rendered.Objects.Count.ShouldBe(manifests.Installs[ManifestsFixture.CertManager].Objects.Count);
    }

    [Fact]
    public async Task The_control_plane_component_does_not_build_without_the_address()
    {
        using var overlay = new TemporaryDirectory();
        WriteOperatorOverlay(overlay, controlPlane: null);

        var failure = await Should.ThrowAsync<InvalidOperationException>(() => RenderedManifests.RenderAsync(overlay.Path));

        failure.Message.ShouldContain("tarnfui-control-plane");
    }

    [Fact]
    public void Nothing_reaches_the_sweeper_but_monitoring_on_its_metrics_port()
    {
        var policy = Policy("tarnfui-sweeper");
        policy.Spec.PolicyTypes.ShouldBe(["Ingress"]);
        policy.Spec.Ingress.ShouldHaveSingleItem();
        MetricsRule(policy);
    }

    private void MetricsRule(V1NetworkPolicy policy)
    {
        var rule = policy.Spec.Ingress.Single(r => r.Ports.Any(p => p.Port.Value == "http"));
        rule.Ports.ShouldHaveSingleItem().Port.Value.ShouldBe("http");
        var peer = rule.FromProperty.ShouldHaveSingleItem();
        peer.PodSelector.ShouldBeNull();
        peer.IpBlock.ShouldBeNull();
        peer.NamespaceSelector.MatchLabels.ShouldBe(MonitoringNamespace);
        ContainerPort(policy.Metadata.Name, "http").ShouldBe(8080);
        policy.Spec.PodSelector.MatchLabels.ShouldBe(manifests.Base.Deployment(policy.Metadata.Name).Spec.Selector.MatchLabels);
    }

    // An operator's overlay as docs/operations.md shows it: an install overlay, the component, and the address.
    private static void WriteOperatorOverlay(TemporaryDirectory overlay, string? controlPlane)
    {
        var manifests = Repository.RelativeFrom(overlay.Path, "manifests");
        File.WriteAllText(overlay.Combine("kustomization.yaml"), $"""
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources: [{manifests}/overlays/cert-manager{(controlPlane is null ? "" : ", control-plane.yaml")}]
            components: [{manifests}/components/webhook-from-control-plane]
            """);
        if (controlPlane is not null)
        {
            File.WriteAllText(overlay.Combine("control-plane.yaml"), $"""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: tarnfui-control-plane
                  annotations:
                    config.kubernetes.io/local-config: "true"
                data:
                  cidr: {controlPlane}
                """);
        }
    }

    private V1NetworkPolicy Policy(string name) => manifests.Base.Named<V1NetworkPolicy>(name);

    private int ContainerPort(string deployment, string name) => manifests.Base.Container(deployment).Ports.Single(p => p.Name == name).ContainerPort;
}
