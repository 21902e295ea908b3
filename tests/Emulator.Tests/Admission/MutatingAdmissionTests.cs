using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Tarnfui.Core;
using Tarnfui.Emulator.Admission;
using Tarnfui.Testing;

namespace Tarnfui.Emulator.Tests.Admission;

public sealed class MutatingAdmissionTests : IAsyncLifetime, IDisposable
{
    private const string ServiceDnsName = "hook.webhooks.svc";
    private readonly FakeSource _source = new();
    private readonly AdmissionOptions _options = new();
    private TestWebhook _webhook = null!;
    private WebhookClient _client = null!;
    private MutatingAdmission _admission = null!;

    public async Task InitializeAsync()
    {
        _webhook = await TestWebhook.StartAsync(ServiceDnsName);
        _client = new WebhookClient(_options);
        _admission = new MutatingAdmission(_source, _client, NullLogger<MutatingAdmission>.Instance);
        _source.Namespaces["team-a"] = new Dictionary<string, string> { ["env"] = "dev" };
    }

    public async Task DisposeAsync() => await _webhook.DisposeAsync();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task A_denial_becomes_the_callers_status_with_the_webhooks_message()
    {
        Register("deny.test", _webhook.On("/deny", r => TestWebhook.Deny(r, "off-hours: opt out with tarnfui.io/exclude")));

        var result = await _admission.AdmitAsync(ScaleUpdate(5), CancellationToken.None);

        var rejected = result.ShouldBeOfType<AdmissionResult.Rejected>();
        rejected.Code.ShouldBe(403);
        rejected.Message.ShouldBe("admission webhook \"deny.test\" denied the request: off-hours: opt out with tarnfui.io/exclude");
    }

    [Fact]
    public async Task A_denial_without_a_code_is_a_400_as_on_the_api_server()
    {
        Register("deny.test", _webhook.On("/deny-400", r => new JsonObject { ["uid"] = r["uid"]!.GetValue<string>(), ["allowed"] = false }));

        var rejected = (await _admission.AdmitAsync(ScaleUpdate(5), CancellationToken.None)).ShouldBeOfType<AdmissionResult.Rejected>();

        rejected.Code.ShouldBe(400);
        rejected.Message.ShouldBe("admission webhook \"deny.test\" denied the request without explanation");
    }

    [Fact]
    public async Task Patches_apply_in_order_and_each_webhook_sees_the_previous_ones()
    {
        Register("a.test", _webhook.On("/first", r => TestWebhook.Patch(r, """[{"op":"replace","path":"/spec/replicas","value":0}]""", "first warning")));
        Register("b.test", _webhook.On("/second", r => TestWebhook.Patch(r, $$$"""[{"op":"add","path":"/metadata/annotations","value":{"{{{WellKnown.Annotations.OriginalReplicas}}}":"{{{r["object"]!["spec"]!["replicas"]}}}"}}]""")));

        var result = await _admission.AdmitAsync(DeploymentUpdate(5), CancellationToken.None);

        var admitted = result.ShouldBeOfType<AdmissionResult.Admitted>();
        admitted.FinalObject!["spec"]!["replicas"]!.GetValue<int>().ShouldBe(0);
        admitted.FinalObject["metadata"]!["annotations"]![WellKnown.Annotations.OriginalReplicas]!.GetValue<string>().ShouldBe("0");
        admitted.Warnings.ShouldBe(["first warning"]);
    }

    [Fact]
    public async Task The_review_carries_the_scale_subresource_the_kind_the_user_and_the_old_object()
    {
        Register("scale.test", _webhook.On("/scale", TestWebhook.Allow));

        await _admission.AdmitAsync(ScaleUpdate(5), CancellationToken.None);

        var request = _webhook.Received.Single(r => r.Path == "/scale").Request;
        request["subResource"]!.GetValue<string>().ShouldBe("scale");
        request["kind"]!.ToJsonString().ShouldBe("""{"group":"autoscaling","version":"v1","kind":"Scale"}""");
        request["resource"]!.ToJsonString().ShouldBe("""{"group":"apps","version":"v1","resource":"deployments"}""");
        request["operation"]!.GetValue<string>().ShouldBe("UPDATE");
        request["namespace"]!.GetValue<string>().ShouldBe("team-a");
        request["name"]!.GetValue<string>().ShouldBe("web");
        request["userInfo"]!["username"]!.GetValue<string>().ShouldBe("alice");
        request["object"]!["spec"]!["replicas"]!.GetValue<int>().ShouldBe(5);
        request["oldObject"]!["spec"]!["replicas"]!.GetValue<int>().ShouldBe(1);
        request["dryRun"]!.GetValue<bool>().ShouldBeFalse();
        Guid.TryParse(request["uid"]!.GetValue<string>(), out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_namespace_selector_leaves_out_namespaces_by_their_name_label()
    {
        Register("skip.test", _webhook.On("/ns", r => TestWebhook.Deny(r, "should not be called")), w => w.NamespaceSelector = new V1LabelSelector
        {
            MatchExpressions = [new V1LabelSelectorRequirement { Key = MutatingAdmission.NamespaceNameLabel, OperatorProperty = "NotIn", Values = ["team-a"] }],
        });

        (await _admission.AdmitAsync(ScaleUpdate(5), CancellationToken.None)).ShouldBeOfType<AdmissionResult.Admitted>();
        _webhook.Received.ShouldNotContain(r => r.Path == "/ns");
    }

    [Fact]
    public async Task A_false_match_condition_skips_the_webhook_for_that_user()
    {
        Register("cond.test", _webhook.On("/cond", r => TestWebhook.Deny(r, "should not be called")), w => w.MatchConditions =
        [
            new V1MatchCondition { Name = "not-alice", Expression = "request.userInfo.username != 'alice'" },
        ]);

        (await _admission.AdmitAsync(ScaleUpdate(5), CancellationToken.None)).ShouldBeOfType<AdmissionResult.Admitted>();
        _webhook.Received.ShouldNotContain(r => r.Path == "/cond");
    }

    [Theory]
    [InlineData("Ignore", true)]
    [InlineData("Fail", false)]
    public async Task A_webhook_slower_than_its_timeout_follows_the_failure_policy(string policy, bool admitted)
    {
        var release = new TaskCompletionSource();
        Register("slow.test", _webhook.On("/slow", async r =>
        {
            await release.Task;
            return TestWebhook.Deny(r, "too late");
        }), w => (w.TimeoutSeconds, w.FailurePolicy) = (1, policy));

        var result = await _admission.AdmitAsync(ScaleUpdate(5), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
        release.SetResult();

        if (admitted)
        {
            result.ShouldBeOfType<AdmissionResult.Admitted>();
        }
        else
        {
            var rejected = result.ShouldBeOfType<AdmissionResult.Rejected>();
            rejected.Code.ShouldBe(500);
            rejected.Message.ShouldStartWith("Internal error occurred: failed calling webhook \"slow.test\": failed to call webhook: Post \"https://127.0.0.1:");
            rejected.Message.ShouldEndWith("/slow?timeout=1s\": context deadline exceeded");
        }
    }

    [Theory]
    [InlineData("Ignore", true)]
    [InlineData("Fail", false)]
    public async Task A_certificate_that_the_ca_bundle_does_not_sign_follows_the_failure_policy(string policy, bool admitted)
    {
        using var otherCa = new TestCertificates();
        Register("tls.test", _webhook.On("/tls", r => TestWebhook.Deny(r, "must not be reached")), w => (w.ClientConfig.CaBundle, w.FailurePolicy) = (otherCa.CaBundle, policy));

        var result = await _admission.AdmitAsync(ScaleUpdate(5), CancellationToken.None);

        _webhook.Received.ShouldNotContain(r => r.Path == "/tls");
        if (admitted)
        {
            result.ShouldBeOfType<AdmissionResult.Admitted>();
        }
        else
        {
            result.ShouldBeOfType<AdmissionResult.Rejected>().Message.ShouldContain("failed calling webhook \"tls.test\"");
        }
    }

    [Fact]
    public async Task A_service_reference_reaches_the_mapped_address_and_checks_the_service_dns_name()
    {
        _webhook.On("/mutate", r => TestWebhook.Deny(r, "via the service"));
        _options.MapService("webhooks", "hook", _webhook.Endpoint);
        _source.Configurations.Add(Configuration("svc.test", new Admissionregistrationv1WebhookClientConfig
        {
            Service = new Admissionregistrationv1ServiceReference { NamespaceProperty = "webhooks", Name = "hook", Path = "/mutate" },
            CaBundle = _webhook.Certificates.CaBundle,
        }));

        var result = await _admission.AdmitAsync(ScaleUpdate(5), CancellationToken.None);

        result.ShouldBeOfType<AdmissionResult.Rejected>().Message.ShouldEndWith("via the service");
    }

    // kube-apiserver looks a webhook's credentials up in its AdmissionConfiguration's kubeconfig by name: the service's
    // DNS name, with the port unless it is 443, or * for every webhook.
    public static TheoryData<string, int, string, string?> ClientCertificateNames => new()
    {
        { "the service's DNS name", 443, "hook.webhooks.svc", "CN=named" },
        { "with the port when it is not 443", 8443, "hook.webhooks.svc:8443", "CN=named" },
        { "without the port, another port does not match", 8443, "hook.webhooks.svc", null },
        { "another service's name does not match", 443, "other.webhooks.svc", null },
        { "* matches every webhook", 443, "*", "CN=named" },
    };

    [Theory, MemberData(nameof(ClientCertificateNames))]
    public async Task A_client_certificate_is_presented_to_the_webhook_it_is_named_after(string because, int port, string name, string? presented)
    {
        using var certificate = ClientCertificate("named");
        var path = $"/client-certificate/{port}/{name.Replace('*', 'x')}";
        _webhook.On(path, TestWebhook.Allow);
        _options.MapService("webhooks", "hook", _webhook.Endpoint).PresentClientCertificate(name, certificate);
        _source.Configurations.Add(Configuration("cert.test", new Admissionregistrationv1WebhookClientConfig
        {
            Service = new Admissionregistrationv1ServiceReference { NamespaceProperty = "webhooks", Name = "hook", Path = path, Port = port },
            CaBundle = _webhook.Certificates.CaBundle,
        }));

        var result = await _admission.AdmitAsync(ScaleUpdate(5), CancellationToken.None);

        result.ShouldBeOfType<AdmissionResult.Admitted>(because);
        _webhook.ClientCertificates.Single(c => c.Path == path).Subject.ShouldBe(presented, because);
    }

    [Fact]
    public async Task A_response_with_another_uid_is_a_failed_call()
    {
        Register("uid.test", _webhook.On("/uid", _ => new JsonObject { ["uid"] = "not-the-request", ["allowed"] = true }));

        var result = await _admission.AdmitAsync(ScaleUpdate(5), CancellationToken.None);

        result.ShouldBeOfType<AdmissionResult.Rejected>().Message.ShouldContain("expected response.uid=");
    }

    // From a CA nobody trusts: the test webhook accepts any client certificate and records its subject.
    private static X509Certificate2 ClientCertificate(string commonName)
    {
        using var issuer = new TestCertificates();
        return issuer.IssueClient(commonName);
    }

    private void Register(string name, string url, Action<V1MutatingWebhook>? configure = null)
    {
        var configuration = Configuration(name, new Admissionregistrationv1WebhookClientConfig { Url = url, CaBundle = _webhook.Certificates.CaBundle });
        configure?.Invoke(configuration.Webhooks[0]);
        _source.Configurations.Add(configuration);
    }

    private static V1MutatingWebhookConfiguration Configuration(string name, Admissionregistrationv1WebhookClientConfig clientConfig) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Webhooks =
        [
            new V1MutatingWebhook
            {
                Name = name,
                ClientConfig = clientConfig,
                AdmissionReviewVersions = ["v1"],
                SideEffects = "None",
                Rules = [new V1RuleWithOperations { ApiGroups = ["apps"], ApiVersions = ["v1"], Operations = ["CREATE", "UPDATE"], Resources = ["deployments", "deployments/scale"] }],
            },
        ],
    };

    private static AdmissionAttributes DeploymentUpdate(int replicas) => new()
    {
        Operation = "UPDATE",
        Resource = new GroupVersionResource("apps", "v1", "deployments"),
        Kind = new GroupVersionKind("apps", "v1", "Deployment"),
        Namespace = "team-a",
        Name = "web",
        NewObject = JsonNode.Parse($$$"""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"team-a"},"spec":{"replicas":{{{replicas}}}}}"""),
        OldObject = JsonNode.Parse("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"team-a"},"spec":{"replicas":1}}"""),
        User = new UserInfo("alice", ["system:authenticated"]),
    };

    private static AdmissionAttributes ScaleUpdate(int replicas) => DeploymentUpdate(replicas) with
    {
        SubResource = "scale",
        Kind = new GroupVersionKind("autoscaling", "v1", "Scale"),
        NewObject = JsonNode.Parse($$$"""{"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"web","namespace":"team-a"},"spec":{"replicas":{{{replicas}}}}}"""),
        OldObject = JsonNode.Parse("""{"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"web","namespace":"team-a"},"spec":{"replicas":1}}"""),
    };

    private sealed class FakeSource : IAdmissionSource
    {
        public List<V1MutatingWebhookConfiguration> Configurations { get; } = [];

        public Dictionary<string, IDictionary<string, string>> Namespaces { get; } = [];

        public IReadOnlyList<V1MutatingWebhookConfiguration> MutatingWebhookConfigurations() => Configurations;

        public IDictionary<string, string>? NamespaceLabels(string name) => Namespaces.GetValueOrDefault(name);
    }
}
