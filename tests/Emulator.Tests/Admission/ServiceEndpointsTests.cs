using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Tarnfui.Emulator.Admission;
using Tarnfui.Emulator.Server;
using Tarnfui.Emulator.Tests.Controllers;

namespace Tarnfui.Emulator.Tests.Admission;

/// <summary>
/// The Service endpoints a server starts with (<see cref="EmulatorOptions.ServiceEndpoints"/>, <c>serve --service</c>):
/// how they are written, and a write through the API reaching a webhook registered by its Service.
/// </summary>
public sealed class ServiceEndpointsTests
{
    public static TheoryData<string, string, string, string> Texts => new()
    {
        { "namespace/name and host:port", "tarnfui/tarnfui-webhook=127.0.0.1:8443", "tarnfui/tarnfui-webhook", "127.0.0.1:8443" },
        { "a host name", "webhooks/hook=localhost:9443", "webhooks/hook", "localhost:9443" },
        { "an IPv6 address in brackets", "webhooks/hook=[::1]:9443", "webhooks/hook", "::1:9443" },
    };

    [Theory, MemberData(nameof(Texts))]
    public void A_service_endpoint_is_read_from_namespace_name_equals_host_port(string because, string text, string key, string endpoint)
    {
        var parsed = ServiceRoutes.Parse(text);

        parsed.IsValid.ShouldBeTrue($"{because}: {parsed.Error}");
        parsed.Value.Key.ShouldBe(key, because);
        $"{parsed.Value.Endpoint.Host}:{parsed.Value.Endpoint.Port}".ShouldBe(endpoint, because);
    }

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "no endpoint", "tarnfui/tarnfui-webhook", "must be NAMESPACE/NAME=HOST:PORT" },
        { "no namespace", "tarnfui-webhook=127.0.0.1:8443", "the service must be NAMESPACE/NAME" },
        { "an upper-case name", "tarnfui/Webhook=127.0.0.1:8443", "each a lowercase DNS label" },
        { "three parts", "a/b/c=127.0.0.1:8443", "the service must be NAMESPACE/NAME" },
        { "no port", "tarnfui/tarnfui-webhook=127.0.0.1", "the endpoint must be HOST:PORT" },
        { "no host", "tarnfui/tarnfui-webhook=:8443", "the endpoint must be HOST:PORT" },
        { "a port out of range", "tarnfui/tarnfui-webhook=127.0.0.1:70000", "a port from 1 to 65535" },
        { "a port that is not a number", "tarnfui/tarnfui-webhook=127.0.0.1:https", "a port from 1 to 65535" },
    };

    [Theory, MemberData(nameof(Malformed))]
    public void A_malformed_service_endpoint_is_refused_with_the_rule_the_input_and_an_example(string because, string text, string rule)
    {
        var parsed = ServiceRoutes.Parse(text);

        parsed.IsValid.ShouldBeFalse(because);
        parsed.Error.ShouldContain(rule, Case.Sensitive, because);
        parsed.Error.ShouldContain($"\"{text}\"", Case.Sensitive, because);
        parsed.Error.ShouldContain("e.g. \"tarnfui/tarnfui-webhook", Case.Sensitive, because);
    }

    [Fact]
    public void Options_with_a_key_that_is_not_namespace_name_are_refused_naming_it()
    {
        var error = Should.Throw<ArgumentException>(() => new EmulatorOptions
        {
            ServiceEndpoints = new Dictionary<string, DnsEndPoint> { ["tarnfui-webhook"] = new("127.0.0.1", 8443) },
        });

        error.Message.ShouldContain("ServiceEndpoints: the service must be NAMESPACE/NAME");
        error.Message.ShouldContain("\"tarnfui-webhook\"");
    }

    [Fact]
    public async Task A_server_started_with_a_service_endpoint_calls_the_webhook_registered_by_that_service()
    {
        await using var webhook = await TestWebhook.StartAsync("tarnfui-webhook.tarnfui.svc");
        webhook.On("/mutate", r => TestWebhook.Deny(r, "refused by the webhook behind the Service"));
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            EmulateControllers = false,
            ServiceEndpoints = new Dictionary<string, DnsEndPoint> { ["tarnfui/tarnfui-webhook"] = webhook.Endpoint },
        });
        using var client = server.CreateClient();
        await client.AdmissionregistrationV1.CreateMutatingWebhookConfigurationAsync(new V1MutatingWebhookConfiguration
        {
            Metadata = new V1ObjectMeta { Name = "tarnfui" },
            Webhooks =
            [
                new V1MutatingWebhook
                {
                    Name = "workloads.tarnfui.io",
                    AdmissionReviewVersions = ["v1"],
                    SideEffects = "None",
                    FailurePolicy = "Fail",
                    ClientConfig = new Admissionregistrationv1WebhookClientConfig
                    {
                        Service = new Admissionregistrationv1ServiceReference { NamespaceProperty = "tarnfui", Name = "tarnfui-webhook", Path = "/mutate", Port = 443 },
                        CaBundle = webhook.Certificates.CaBundle,
                    },
                    Rules = [new V1RuleWithOperations { ApiGroups = ["apps"], ApiVersions = ["v1"], Operations = ["CREATE"], Resources = ["deployments"] }],
                },
            ],
        });

        var error = await Should.ThrowAsync<HttpOperationException>(() => client.AppsV1.CreateNamespacedDeploymentAsync(SimulationFixture.Deployment("web", 1), "default"));

        error.Response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        error.Response.Content.ShouldContain("admission webhook \\\"workloads.tarnfui.io\\\" denied the request: refused by the webhook behind the Service");
        webhook.Addressed.ShouldHaveSingleItem().ShouldBe(("/mutate", "tarnfui-webhook.tarnfui.svc", "tarnfui-webhook.tarnfui.svc"));
    }
}
