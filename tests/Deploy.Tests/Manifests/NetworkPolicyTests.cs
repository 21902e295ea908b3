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
    public void Nothing_reaches_the_sweeper_but_monitoring_on_its_metrics_port()
    {
        var policy = Policy("tarnfui-sweeper");
        policy.Spec.PolicyTypes.ShouldBe(["Ingress"]);
        policy.Spec.Ingress.ShouldHaveSingleItem();
        MetricsRule(policy);
    }

    private void MetricsRule(V1NetworkPolicy policy)
    {
        var rule = policy.Spec.Ingress.Single(r => r.FromProperty is not null);
        rule.Ports.ShouldHaveSingleItem().Port.Value.ShouldBe("http");
        var peer = rule.FromProperty.ShouldHaveSingleItem();
        peer.PodSelector.ShouldBeNull();
        peer.IpBlock.ShouldBeNull();
        peer.NamespaceSelector.MatchLabels.ShouldBe(MonitoringNamespace);
        ContainerPort(policy.Metadata.Name, "http").ShouldBe(8080);
        policy.Spec.PodSelector.MatchLabels.ShouldBe(manifests.Base.Deployment(policy.Metadata.Name).Spec.Selector.MatchLabels);
    }

    private V1NetworkPolicy Policy(string name) => manifests.Base.Named<V1NetworkPolicy>(name);

    private int ContainerPort(string deployment, string name) => manifests.Base.Container(deployment).Ports.Single(p => p.Name == name).ContainerPort;
}
