using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Deploy.Tests.Infrastructure;

namespace Tarnfui.Deploy.Tests.Helm;

/// <summary>
/// What each certificate mode of the chart gives the webhook and the API server, beyond the checks every installation
/// passes (tests/Deploy.Tests/Manifests); and names that follow the release wherever it is installed.
/// </summary>
[Collection(ManifestsGroup.Name)]
public sealed class ChartCertificateTests(ManifestsFixture manifests)
{
    public static TheoryData<string> Helms => HelmVersions.Each;

    [Theory, MemberData(nameof(Helms))]
    public void Self_signed_mode_trusts_the_ca_that_signed_the_served_certificate_for_the_service_host(string helm)
    {
        var rendered = manifests.Installs[ManifestsFixture.Chart(helm, "self-signed")];
        var secret = rendered.Named<V1Secret>("tarnfui-webhook-tls");
        var caBundle = Webhook(rendered).ClientConfig.CaBundle;

        secret.Type.ShouldBe("kubernetes.io/tls");
        secret.Data["ca.crt"].ShouldBe(caBundle);
        secret.Data.Keys.ShouldBe(["tls.crt", "tls.key", "ca.crt"], ignoreOrder: true, "the CA's key is not kept");
        using var ca = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(caBundle));
        using var serving = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(secret.Data["tls.crt"]), Encoding.ASCII.GetString(secret.Data["tls.key"]));
        serving.HasPrivateKey.ShouldBeTrue();
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.Build(serving).ShouldBeTrue(string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        var names = serving.Extensions.OfType<X509SubjectAlternativeNameExtension>().ShouldHaveSingleItem().EnumerateDnsNames().ToList();
        names.ShouldBe(["tarnfui-webhook.tarnfui.svc", "tarnfui-webhook.tarnfui.svc.cluster.local"]);
    }

    [Theory, MemberData(nameof(Helms))]
    public void Cert_manager_mode_has_cainjector_fill_in_the_ca_of_the_certificate_the_webhook_mounts(string helm)
    {
        var rendered = manifests.Installs[ManifestsFixture.Chart(helm, "cert-manager")];
        var configuration = rendered.Named<V1MutatingWebhookConfiguration>(WellKnown.Objects.WebhookConfiguration);
        var certificate = rendered.Named<Certificate>("tarnfui-webhook");

        configuration.Metadata.Annotations["cert-manager.io/inject-ca-from"].ShouldBe("tarnfui/tarnfui-webhook");
        Webhook(rendered).ClientConfig.CaBundle.ShouldBeNull("cainjector fills it in");
        certificate.Spec.SecretName.ShouldBe("tarnfui-webhook-tls");
        rendered.All<V1Secret>().ShouldBeEmpty("cert-manager writes the Secret");
    }

    [Theory, MemberData(nameof(Helms))]
    public void Secret_mode_mounts_the_given_secret_and_trusts_the_given_ca(string helm)
    {
        var rendered = manifests.Installs[ManifestsFixture.Chart(helm, "secret")];

        Encoding.ASCII.GetString(Webhook(rendered).ClientConfig.CaBundle).ShouldBe(File.ReadAllText(Path.Combine(manifests.GeneratedDirectory, "ca.crt")));
        rendered.All<V1Secret>().ShouldBeEmpty("the Secret is the operator's");
        rendered.All<Certificate>().ShouldBeEmpty();
    }

    public static TheoryData<string, string, string, string> Releases => new()
    {
        // helm, release, namespace, the prefix of every name
        { "3", "tarnfui", "tarnfui", "tarnfui" },
        { "4", "tarnfui", "tarnfui", "tarnfui" },
        { "3", "offhours", "platform", "offhours-tarnfui" },
        { "4", "offhours", "platform", "offhours-tarnfui" },
    };

    [Theory, MemberData(nameof(Releases))]
    public async Task Names_the_webhook_and_the_never_touched_namespace_follow_the_release(string helm, string release, string ns, string prefix)
    {
        var template = await HelmVersions.RunAsync(helm, ["template", release, HelmChart.Folder, "--namespace", ns]);
        template.ExitCode.ShouldBe(0, template.Describe("helm template"));
        var rendered = RenderedManifests.Load(template.StandardOutput);
        var sweeperUser = $"system:serviceaccount:{ns}:{prefix}-sweeper";

        var webhook = Webhook(rendered, prefix);
        webhook.ClientConfig.Service.Name.ShouldBe($"{prefix}-webhook");
        webhook.ClientConfig.Service.NamespaceProperty.ShouldBe(ns);
        webhook.NamespaceSelector.MatchExpressions.ShouldHaveSingleItem().Values.ShouldContain(ns);
        webhook.MatchConditions.ShouldHaveSingleItem().Expression.ShouldBe($"request.userInfo.username != '{sweeperUser}'");
        rendered.Deployment($"{prefix}-sweeper").Spec.Template.Spec.ServiceAccountName.ShouldBe($"{prefix}-sweeper");
        // The webhook's own exception for the sweeper names the same account (its default is tarnfui's).
        var configuration = rendered.Named<V1ConfigMap>($"{prefix}-config").Data;
        (configuration.TryGetValue("TARNFUI_Webhook__SweeperUsername", out var configured) ? configured : Tarnfui.Webhook.WebhookOptions.DefaultSweeperUsername)
            .ShouldBe(sweeperUser);
        // The Lease's name is fixed in the sweeper, whatever the release is called.
        rendered.All<V1Role>().ShouldHaveSingleItem().Rules.SelectMany(r => r.ResourceNames ?? []).ShouldBe([WellKnown.Objects.SweeperLease]);
    }

    private static V1MutatingWebhook Webhook(RenderedManifests rendered, string name = WellKnown.Objects.WebhookConfiguration) =>
        rendered.Named<V1MutatingWebhookConfiguration>(name).Webhooks.ShouldHaveSingleItem();
}
