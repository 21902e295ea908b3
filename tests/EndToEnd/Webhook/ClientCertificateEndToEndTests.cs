using System.Net;
using System.Security.Cryptography.X509Certificates;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Tarnfui.Emulator.Server;
using Tarnfui.Sandbox.InProcess;
using Tarnfui.Testing;

namespace Tarnfui.EndToEnd.Webhook;

/// <summary>
/// The real webhook with <c>Webhook:ClientCaFile</c> set, called by the sandbox API server as kube-apiserver calls it:
/// without the client certificate of an AdmissionConfiguration the webhook refuses the API server, which applies
/// <c>failurePolicy: Ignore</c>; with it, Tarnfui's decision reaches the client.
/// </summary>
public sealed class ClientCertificateEndToEndTests : IAsyncLifetime, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("tarnfui-e2e-client-ca-");
    private X509Certificate2 _apiServerCertificate = null!;
    private EmulatorServer _server = null!;
    private HostedWebhook _webhook = null!;

    public async Task InitializeAsync()
    {
        var (caPem, certificate) = IssueApiServerCertificate();
        _apiServerCertificate = certificate;
        var bundle = Path.Combine(_folder.FullName, "client-ca.crt");
        await File.WriteAllTextAsync(bundle, caPem);
        // No emulated controllers: only the scales below write the Deployment, so none of them meets a conflict.
        _server = await EmulatorServer.StartAsync(new EmulatorOptions { StartTime = WebhookSandboxFixture.OffHours, Speed = 0, EmulateControllers = false });
        _webhook = await HostedWebhook.StartAsync(_server, new Dictionary<string, string>
        {
            ["Schedule:Uptime"] = WebhookSandboxFixture.Uptime,
            ["Schedule:TimeZone"] = "Europe/Paris",
            ["Webhook:ClientCaFile"] = bundle,
        });
        await _webhook.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await _webhook.DisposeAsync();
        await _server.DisposeAsync();
    }

    public void Dispose()
    {
        _apiServerCertificate.Dispose();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task Off_hours_scale_is_held_only_once_the_API_server_presents_its_client_certificate()
    {
        using var client = _server.CreateClient(EmulatorUsers.Cli);
        using var admin = _server.CreateClient();
        var ns = (await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { GenerateName = "wh-mtls-" } })).Metadata.Name;
        await admin.AppsV1.CreateNamespacedDeploymentAsync(Deployment("x", 0), ns);

        // Evening, before the API server's AdmissionConfiguration names a certificate: refused in the handshake, the
        // webhook decides nothing, and failurePolicy Ignore lets the scale through unchecked.
        var passed = await client.AppsV1.PatchNamespacedDeploymentScaleAsync(Replicas(3), "x", ns);
        passed.Spec.Replicas.ShouldBe(3);
        using var probe = new HttpClient();
        (await probe.GetStringAsync(new Uri(_webhook.ProbeUrl, "/metrics"))).ShouldContain("tarnfui_webhook_errors_total{reason=\"client_certificate\"}");

        // Night: the kubeconfig user named after the webhook's host:port now holds the certificate.
        _server.Admission.PresentClientCertificate(_webhook.MutateUrl.Authority, _apiServerCertificate);

        var refused = await Should.ThrowAsync<HttpOperationException>(() => client.AppsV1.PatchNamespacedDeploymentScaleAsync(Replicas(5), "x", ns));
        refused.Response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        refused.Response.Content.ShouldContain($"tarnfui: deployment {ns}/x is stopped for off-hours");
        (await admin.AppsV1.ReadNamespacedDeploymentAsync("x", ns)).Spec.Replicas.ShouldBe(3);
    }

    private static V1Patch Replicas(int replicas) =>
        new(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{{\"spec\":{{\"replicas\":{replicas}}}}}"), V1Patch.PatchType.MergePatch);

    private static V1Deployment Deployment(string name, int replicas) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = name, Image = "registry.example.com/" + name + ":1" }] },
            },
        },
    };

    // A CA of its own, as docs/operations.md asks, and the API server's client certificate from it (clientAuth).
    private static (string CaPem, X509Certificate2 Certificate) IssueApiServerCertificate()
    {
        using var ca = new TestCertificates("tarnfui-apiserver-client-ca");
        return (ca.CaPem, ca.IssueClient("kube-apiserver-webhook-client"));
    }
}
