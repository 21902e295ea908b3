using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Deploy.Tests.Infrastructure;
using Tarnfui.Emulator.Server;
using Tarnfui.Testing;

namespace Tarnfui.Deploy.Tests.Publishing;

/// <summary>
/// The image's webhook is native (NativeAOT): what the JIT build gets from reflection — reading kubeconfig, reading
/// KubernetesClient's models from the namespace list and watch and from the parent reads of <c>/scale</c> requests —
/// must work in it too, and only running it shows that. The published executable, started as the manifest starts it
/// with its namespace watch on, decides against the emulated API server.
/// </summary>
[Trait("Category", "Publish")]
[Collection(PublishedGroup.Name)]
public sealed class NativeWebhookTests(PublishedPrograms published)
{
    private const string Namespace = "shop";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_published_webhook_reads_the_parent_of_a_scale_and_follows_the_namespace_watch()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions());
        using var admin = server.CreateClient();
        await ArgoRollouts.InstallAsync(server);
        await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
        await admin.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), Namespace);
        await ArgoRollouts.CreateAsync(admin, Namespace, "canary", 0);
        using var work = new TemporaryDirectory();
        using var certificate = ServingCertificate.Write(work);
        var command = published.CommandOf((await RenderedManifests.RenderAsync(Repository.PathOf("manifests", "base"))).Container("tarnfui-webhook"));

        // Off-hours whatever the time; the kubeconfig of the emulator's webhook user, as a kubelet's service account.
        await using var webhook = await RunningProgram.StartAsync(
            command,
            new Dictionary<string, string?>
            {
                ["KUBECONFIG"] = server.WriteKubeconfig(work.Combine("kubeconfig"), EmulatorUsers.Webhook),
                ["TARNFUI_Webhook__ListenAddress"] = "127.0.0.1",
                ["TARNFUI_Webhook__HttpsPort"] = "0",
                ["TARNFUI_Webhook__HttpPort"] = "0",
                ["TARNFUI_Webhook__CertificatePath"] = certificate.CertificatePath,
                ["TARNFUI_Webhook__KeyPath"] = certificate.KeyPath,
                ["TARNFUI_Schedule__Uptime"] = "never",
            },
            expectedAddresses: 2, Bound);
        using var plain = new HttpClient { BaseAddress = webhook.Address("http"), Timeout = TimeSpan.FromSeconds(10) };
        await Eventually.UntilAsync(async () => (await plain.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode == HttpStatusCode.OK,
            $"the namespace list fills the cache and /readyz answers 200\n{webhook.Output}");
        using var handler = new SocketsHttpHandler { SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, presented, _, _) => certificate.Is(presented) } };
        using var tls = new HttpClient(handler) { BaseAddress = webhook.Address("https"), Timeout = TimeSpan.FromSeconds(10) };

        // Refused: only the parent read tells the webhook that a /scale raises a workload off-hours.
        (await AllowedAsync(tls, "deployments", "apps", "v1", "web")).ShouldBeFalse(webhook.Output);
        (await AllowedAsync(tls, "rollouts", ArgoRollouts.Group, ArgoRollouts.Version, "canary")).ShouldBeFalse(webhook.Output);

        // Opted out by hand: only the watch of namespaces brings the annotation into the cache.
        await admin.CoreV1.PatchNamespaceAsync(
            new V1Patch($$$$"""{"metadata":{"annotations":{"{{{{WellKnown.Annotations.Exclude}}}}":"true"}}}""", V1Patch.PatchType.MergePatch), Namespace);

        await Eventually.UntilAsync(server.Store, () => AllowedAsync(tls, "deployments", "apps", "v1", "web"), $"the watch brings the opt-out\n{webhook.Output}");
        // The API client has the emulator's CA, so the machine's trust store decides nothing and is never read.
        webhook.Output.ShouldContain("Machine trust store set aside", Case.Sensitive, webhook.Output);
        var metrics = await plain.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        metrics.ShouldNotContain("tarnfui_webhook_errors_total{", customMessage: metrics);
        webhook.Output.ShouldNotContain("fail", Case.Insensitive);
    }

    // A kubectl scale to 3 replicas as the API server sends it to the webhook: an UPDATE of the /scale subresource.
    private static async Task<bool> AllowedAsync(HttpClient tls, string resource, string group, string version, string name)
    {
        JsonObject Scale(int replicas) => new()
        {
            ["apiVersion"] = "autoscaling/v1",
            ["kind"] = "Scale",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Namespace },
            ["spec"] = new JsonObject { ["replicas"] = replicas },
        };
        var review = new JsonObject
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = new JsonObject
            {
                ["uid"] = Guid.NewGuid().ToString(),
                ["kind"] = new JsonObject { ["group"] = "autoscaling", ["version"] = "v1", ["kind"] = "Scale" },
                ["resource"] = new JsonObject { ["group"] = group, ["version"] = version, ["resource"] = resource },
                ["subResource"] = "scale",
                ["name"] = name,
                ["namespace"] = Namespace,
                ["operation"] = "UPDATE",
                ["userInfo"] = new JsonObject { ["username"] = "alice@example.com" },
                ["object"] = Scale(3),
                ["oldObject"] = Scale(0),
            },
        };
        using var body = new StringContent(review.ToJsonString(), Encoding.UTF8, "application/json");
        using var answer = await tls.PostAsync(new Uri("/mutate", UriKind.Relative), body);
        var text = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!["response"]!["allowed"]!.GetValue<bool>();
    }

    private static V1Deployment Deployment(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = name } },
        Spec = new V1DeploymentSpec
        {
            Replicas = 0,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx:1.27" }] },
            },
        },
    };

    // A self-signed certificate for 127.0.0.1, as PEM files the webhook loads; the client trusts exactly it.
    private sealed class ServingCertificate : IDisposable
    {
        private readonly X509Certificate2 certificate;

        private ServingCertificate(X509Certificate2 certificate, string certificatePath, string keyPath)
        {
            this.certificate = certificate;
            CertificatePath = certificatePath;
            KeyPath = keyPath;
        }

        public string CertificatePath { get; }

        public string KeyPath { get; }

        public static ServingCertificate Write(TemporaryDirectory work)
        {
            using var key = System.Security.Cryptography.ECDsa.Create();
            var request = new CertificateRequest("CN=tarnfui-webhook", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            File.WriteAllText(work.Combine("tls.crt"), certificate.ExportCertificatePem());
            File.WriteAllText(work.Combine("tls.key"), key.ExportPkcs8PrivateKeyPem());
            return new ServingCertificate(certificate, work.Combine("tls.crt"), work.Combine("tls.key"));
        }

        public bool Is(X509Certificate? presented) => presented is not null && presented.GetCertHashString() == certificate.GetCertHashString();

        public void Dispose() => certificate.Dispose();
    }
}
