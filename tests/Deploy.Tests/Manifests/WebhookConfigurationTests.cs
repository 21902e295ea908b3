using System.Text;
using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Deploy.Tests.Infrastructure;

namespace Tarnfui.Deploy.Tests.Manifests;

[Collection(ManifestsGroup.Name)]
public sealed class WebhookConfigurationTests(ManifestsFixture manifests)
{
    private const string WebhookService = "tarnfui-webhook";
    private const string WebhookDeployment = "tarnfui-webhook";
    private const string ServingSecret = "tarnfui-webhook-tls";

    private static readonly string SweeperUser = $"system:serviceaccount:{WellKnown.Objects.Namespace}:{WellKnown.Objects.SweeperServiceAccount}";

    public static TheoryData<string> Installs => ManifestsFixture.EachInstall;

    [Theory, MemberData(nameof(Installs))]
    public void Rules_cover_workloads_their_scale_subresources_cronjobs_jobs_and_rollouts(string install)
    {
        var webhook = Webhook(install);
        webhook.Rules.Select(r => $"{string.Join(",", r.ApiGroups)}/{string.Join(",", r.ApiVersions)} {string.Join(",", r.Operations)} {string.Join(",", r.Resources)} {r.Scope}")
            .ShouldBe(
                [
                    "apps/v1 CREATE,UPDATE deployments,statefulsets Namespaced",
                    // kubectl scale and the HPA write /scale; only UPDATE exists there.
                    "apps/v1 UPDATE deployments/scale,statefulsets/scale Namespaced",
                    // A CronJob is held through spec.suspend, which only its main resource carries.
                    "batch/v1 CREATE,UPDATE cronjobs Namespaced",
                    // A Job is held on CREATE only (Webhook:SuspendNewJobs); its resumes are never the webhook's.
                    "batch/v1 CREATE jobs Namespaced",
                    // An Argo Rollout as a Deployment; kube-apiserver skips the rules when the CRD is not installed.
                    "argoproj.io/v1alpha1 CREATE,UPDATE rollouts Namespaced",
                    "argoproj.io/v1alpha1 UPDATE rollouts/scale Namespaced",
                ],
                ignoreOrder: true);
    }

    [Theory, MemberData(nameof(Installs))]
    public void A_webhook_outage_never_blocks_the_cluster(string install)
    {
        var webhook = Webhook(install);
        webhook.FailurePolicy.ShouldBe("Ignore");
        webhook.SideEffects.ShouldBe("None");
        webhook.TimeoutSeconds.ShouldBe(5);
        webhook.AdmissionReviewVersions.ShouldBe(["v1"]);
        webhook.ReinvocationPolicy.ShouldBe("Never");
    }

    [Theory, MemberData(nameof(Installs))]
    public void Never_touched_namespaces_are_left_out_by_the_namespace_selector(string install)
    {
        var selector = Webhook(install).NamespaceSelector;
        selector.MatchLabels.ShouldBeNull();
        var expression = selector.MatchExpressions.ShouldHaveSingleItem();
        expression.Key.ShouldBe("kubernetes.io/metadata.name");
        expression.OperatorProperty.ShouldBe("NotIn");
        expression.Values.ShouldBe([.. WellKnown.NeverTouchedNamespaces, WellKnown.Objects.Namespace], ignoreOrder: true);
    }

    [Theory, MemberData(nameof(Installs))]
    public void The_sweepers_own_requests_are_excluded_by_a_match_condition(string install)
    {
        var condition = Webhook(install).MatchConditions.ShouldHaveSingleItem();
        condition.Expression.ShouldBe($"request.userInfo.username != '{SweeperUser}'");
        // The account the condition names is the one the sweeper Deployment runs as.
        var sweeper = manifests.Installs[install].Deployment(WellKnown.Objects.SweeperServiceAccount);
        $"system:serviceaccount:{sweeper.Metadata.NamespaceProperty}:{sweeper.Spec.Template.Spec.ServiceAccountName}".ShouldBe(SweeperUser);
    }

    [Theory, MemberData(nameof(Installs))]
    public void Client_config_reaches_the_https_port_of_the_webhook_pods(string install)
    {
        var rendered = manifests.Installs[install];
        var reference = Webhook(install).ClientConfig.Service;
        reference.Path.ShouldBe("/mutate");
        reference.NamespaceProperty.ShouldBe(WellKnown.Objects.Namespace);
        var service = rendered.Named<V1Service>(reference.Name);
        service.Metadata.NamespaceProperty.ShouldBe(reference.NamespaceProperty);
        var port = service.Spec.Ports.Single(p => p.Port == reference.Port);
        var deployment = rendered.Deployment(WebhookDeployment);
        service.Spec.Selector.ShouldBe(deployment.Spec.Selector.MatchLabels);
        var container = deployment.Spec.Template.Spec.Containers.ShouldHaveSingleItem();
        var target = container.Ports.Single(p => p.Name == port.TargetPort.Value);
        target.ContainerPort.ShouldBe(8443);
    }

    [Fact]
    public void The_cert_manager_overlay_injects_the_ca_of_the_certificate_the_webhook_mounts()
    {
        var rendered = manifests.Installs[ManifestsFixture.CertManager];
        var configuration = rendered.Named<V1MutatingWebhookConfiguration>(WellKnown.Objects.WebhookConfiguration);
        var injectFrom = configuration.Metadata.Annotations["cert-manager.io/inject-ca-from"];
        var certificate = rendered.All<Certificate>().Single(c => $"{c.Metadata.NamespaceProperty}/{c.Metadata.Name}" == injectFrom);
        certificate.Spec.DnsNames.ShouldBe([$"{WebhookService}.{WellKnown.Objects.Namespace}.svc", $"{WebhookService}.{WellKnown.Objects.Namespace}.svc.cluster.local"]);
        certificate.Spec.SecretName.ShouldBe(ServingSecret);
        certificate.Spec.Usages.ShouldContain("server auth");
        MountedSecret(rendered).ShouldBe(ServingSecret);
        // The serving certificate comes from a CA Issuer whose CA certificate a self-signed Issuer made.
        var caIssuer = rendered.Named<Issuer>(certificate.Spec.IssuerRef.Name);
        var ca = rendered.All<Certificate>().Single(c => c.Spec.SecretName == caIssuer.Spec.Ca!.SecretName);
        ca.Spec.IsCA.ShouldBeTrue();
        rendered.Named<Issuer>(ca.Spec.IssuerRef.Name).Spec.SelfSigned.ShouldNotBeNull();
        Webhook(ManifestsFixture.CertManager).ClientConfig.CaBundle.ShouldBeNull("cainjector fills it in");
    }

    [Fact]
    public void The_self_signed_overlay_trusts_the_ca_generate_sh_wrote_and_ships_its_certificate()
    {
        var rendered = manifests.Installs[ManifestsFixture.SelfSigned];
        var caBundle = Webhook(ManifestsFixture.SelfSigned).ClientConfig.CaBundle;
        Encoding.ASCII.GetString(caBundle).ShouldBe(File.ReadAllText(Path.Combine(manifests.GeneratedDirectory, "ca.crt")));
        var secret = rendered.Named<V1Secret>(ServingSecret);
        secret.Type.ShouldBe("kubernetes.io/tls");
        secret.Metadata.NamespaceProperty.ShouldBe(WellKnown.Objects.Namespace);
        Encoding.ASCII.GetString(secret.Data["tls.crt"]).ShouldBe(File.ReadAllText(Path.Combine(manifests.GeneratedDirectory, "tls.crt")));
        Encoding.ASCII.GetString(secret.Data["tls.key"]).ShouldBe(File.ReadAllText(Path.Combine(manifests.GeneratedDirectory, "tls.key")));
        MountedSecret(rendered).ShouldBe(ServingSecret);
    }

    [Fact]
    public void The_base_ships_the_registration_file_unchanged_but_for_labels()
    {
        var shipped = k8s.KubernetesYaml.LoadAllFromString(File.ReadAllText(Repository.PathOf("manifests", "base", "mutatingwebhookconfiguration.yaml")))
            .OfType<V1MutatingWebhookConfiguration>().ShouldHaveSingleItem();
        var rendered = manifests.Base.Named<V1MutatingWebhookConfiguration>(WellKnown.Objects.WebhookConfiguration);
        k8s.KubernetesJson.Serialize(rendered.Webhooks).ShouldBe(k8s.KubernetesJson.Serialize(shipped.Webhooks));
        shipped.Webhooks.ShouldHaveSingleItem().Name.ShouldBe(WellKnown.Objects.WebhookName);
    }

    private V1MutatingWebhook Webhook(string install) =>
        manifests.Installs[install].Named<V1MutatingWebhookConfiguration>(WellKnown.Objects.WebhookConfiguration).Webhooks.ShouldHaveSingleItem();

    private static string MountedSecret(RenderedManifests rendered)
    {
        var pod = rendered.Deployment(WebhookDeployment).Spec.Template.Spec;
        var mount = pod.Containers.ShouldHaveSingleItem().VolumeMounts.Single(m => m.MountPath == "/etc/tarnfui/tls");
        return pod.Volumes.Single(v => v.Name == mount.Name).Secret.SecretName;
    }
}
