using System.Text.Json.Nodes;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Tarnfui.Emulator.Admission;

namespace Tarnfui.Emulator.Tests.Admission;

/// <summary>
/// A webhook registered with a <c>clientConfig.service</c> is called as kube-apiserver calls it: at
/// <c>https://NAME.NAMESPACE.svc:PORT/PATH</c>, connected to the Service's mapped endpoint, its certificate verified
/// against the caBundle for the Service's DNS name (sent as SNI too); a Service without an endpoint fails the call.
/// </summary>
public sealed class ServiceRoutingTests : IAsyncLifetime, IDisposable
{
    private const string ServiceDnsName = "hook.webhooks.svc";
    private readonly OneConfigurationSource _source = new();
    private readonly AdmissionOptions _options = new();
    private TestWebhook _webhook = null!;
    private WebhookClient _client = null!;
    private MutatingAdmission _admission = null!;

    public async Task InitializeAsync()
    {
        _webhook = await TestWebhook.StartAsync(ServiceDnsName);
        _client = new WebhookClient(_options);
        _admission = new MutatingAdmission(_source, _client, NullLogger<MutatingAdmission>.Instance);
    }

    public async Task DisposeAsync() => await _webhook.DisposeAsync();

    public void Dispose() => _client.Dispose();

    // The Service port is part of the URL (and of the Host header); the endpoint is dialled whatever it is.
    public static TheoryData<string, string?, int?, string, string> Paths => new()
    {
        { "the configured path", "/mutate", null, "/mutate", ServiceDnsName },
        { "no path is the root", null, null, "/", ServiceDnsName },
        { "a path without its leading slash", "deep/mutate", null, "/deep/mutate", ServiceDnsName },
        { "a Service port other than 443 is written in the Host", "/mutate", 8443, "/mutate", ServiceDnsName + ":8443" },
    };

    [Theory, MemberData(nameof(Paths))]
    public async Task A_service_webhook_is_called_at_its_endpoint_with_its_path_host_and_server_name(string because, string? path, int? port, string calledPath, string host)
    {
        _webhook.On(calledPath, r => TestWebhook.Deny(r, "reached through the service"));
        _options.MapService("webhooks", "hook", _webhook.Endpoint);
        _source.Register(Service(path, port), _webhook.Certificates.CaBundle, "Fail");

        var result = await _admission.AdmitAsync(ScaleUpdate(), CancellationToken.None);

        result.ShouldBeOfType<AdmissionResult.Rejected>(because).Message.ShouldEndWith("reached through the service", Case.Sensitive, because);
        _webhook.Addressed.ShouldHaveSingleItem(because).ShouldBe((calledPath, host, (string?)ServiceDnsName), because);
    }

    [Theory]
    [InlineData("Ignore", true)]
    [InlineData("Fail", false)]
    public async Task A_service_without_an_endpoint_fails_the_call_as_kube_apiserver_reports_it(string policy, bool admitted)
    {
        _options.MapService("webhooks", "other", _webhook.Endpoint);
        _source.Register(Service("/mutate", port: null), _webhook.Certificates.CaBundle, policy);

        var result = await _admission.AdmitAsync(ScaleUpdate(), CancellationToken.None);

        _webhook.Received.ShouldBeEmpty();
        if (admitted)
        {
            result.ShouldBeOfType<AdmissionResult.Admitted>();
            return;
        }

        var rejected = result.ShouldBeOfType<AdmissionResult.Rejected>();
        rejected.Code.ShouldBe(500);
        rejected.Message.ShouldBe("Internal error occurred: failed calling webhook \"svc.test\": failed to call webhook: "
            + $"Post \"https://{ServiceDnsName}:443/mutate?timeout=10s\": no endpoints available for service \"hook\"");
    }

    [Theory]
    [InlineData("Ignore", true)]
    [InlineData("Fail", false)]
    public async Task A_certificate_the_ca_bundle_does_not_sign_follows_the_failure_policy(string policy, bool admitted)
    {
        using var otherCa = new Tarnfui.Testing.TestCertificates("another CA");
        _webhook.On("/mutate", r => TestWebhook.Deny(r, "must not be reached"));
        _options.MapService("webhooks", "hook", _webhook.Endpoint);
        _source.Register(Service("/mutate", port: null), otherCa.CaBundle, policy);

        var result = await _admission.AdmitAsync(ScaleUpdate(), CancellationToken.None);

        _webhook.Received.ShouldBeEmpty();
        ShouldFollow(result, admitted, policy);
    }

    [Theory]
    [InlineData("Ignore", true)]
    [InlineData("Fail", false)]
    public async Task A_certificate_for_another_name_follows_the_failure_policy(string policy, bool admitted)
    {
        // Signed by the trusted CA and valid for 127.0.0.1, the address dialled, but not for the Service's DNS name.
        await using var elsewhere = await TestWebhook.StartAsync("other.webhooks.svc");
        elsewhere.On("/mutate", r => TestWebhook.Deny(r, "must not be reached"));
        _options.MapService("webhooks", "hook", elsewhere.Endpoint);
        _source.Register(Service("/mutate", port: null), elsewhere.Certificates.CaBundle, policy);

        var result = await _admission.AdmitAsync(ScaleUpdate(), CancellationToken.None);

        elsewhere.Received.ShouldBeEmpty();
        ShouldFollow(result, admitted, policy);
    }

    private static void ShouldFollow(AdmissionResult result, bool admitted, string policy)
    {
        if (admitted)
        {
            result.ShouldBeOfType<AdmissionResult.Admitted>(policy);
            return;
        }

        var rejected = result.ShouldBeOfType<AdmissionResult.Rejected>(policy);
        rejected.Code.ShouldBe(500);
        rejected.Message.ShouldStartWith($"Internal error occurred: failed calling webhook \"svc.test\": failed to call webhook: Post \"https://{ServiceDnsName}:443/mutate?timeout=10s\": ");
    }

    private static Admissionregistrationv1ServiceReference Service(string? path, int? port) =>
        new() { NamespaceProperty = "webhooks", Name = "hook", Path = path, Port = port };

    private static AdmissionAttributes ScaleUpdate() => new()
    {
        Operation = "UPDATE",
        Resource = new GroupVersionResource("apps", "v1", "deployments"),
        SubResource = "scale",
        Kind = new GroupVersionKind("autoscaling", "v1", "Scale"),
        Namespace = "team-a",
        Name = "web",
        NewObject = JsonNode.Parse("""{"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"web","namespace":"team-a"},"spec":{"replicas":3}}"""),
        OldObject = JsonNode.Parse("""{"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"web","namespace":"team-a"},"spec":{"replicas":0}}"""),
        User = new UserInfo("alice", ["system:authenticated"]),
    };

    private sealed class OneConfigurationSource : IAdmissionSource
    {
        private readonly List<V1MutatingWebhookConfiguration> _configurations = [];

        public void Register(Admissionregistrationv1ServiceReference service, byte[] caBundle, string failurePolicy) => _configurations.Add(new()
        {
            Metadata = new V1ObjectMeta { Name = "svc.test" },
            Webhooks =
            [
                new V1MutatingWebhook
                {
                    Name = "svc.test",
                    ClientConfig = new Admissionregistrationv1WebhookClientConfig { Service = service, CaBundle = caBundle },
                    FailurePolicy = failurePolicy,
                    AdmissionReviewVersions = ["v1"],
                    SideEffects = "None",
                    Rules = [new V1RuleWithOperations { ApiGroups = ["apps"], ApiVersions = ["v1"], Operations = ["UPDATE"], Resources = ["deployments/scale"] }],
                },
            ],
        });

        public IReadOnlyList<V1MutatingWebhookConfiguration> MutatingWebhookConfigurations() => _configurations;

        public IDictionary<string, string>? NamespaceLabels(string name) => null;
    }
}
