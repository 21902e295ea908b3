using k8s;
using k8s.Models;
using NodaTime;
using Tarnfui.Emulator.Server;
using Tarnfui.Emulator.Tests.Admission;
using Tarnfui.Testing;

namespace Tarnfui.Emulator.Tests.Controllers;

/// <summary>
/// One sandbox with everything of the simulation switched on — webhook admission, controllers, accounting,
/// faults — and one HTTPS test webhook, shared by the "Simulation" collection; each test makes its own namespace.
/// Tests of a collection run one after the other, so a test may set faults or reset stats, and clears them after.
/// </summary>
public sealed class SimulationFixture : EmulatorFixture
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    public TestWebhook Webhook { get; private set; } = null!;

    /// <summary>A fresh namespace for one test.</summary>
    public Task<string> CreateNamespaceAsync() => CreateNamespaceAsync("sim");

    protected override EmulatorOptions Options() => new() { StartTime = Instant.FromUtc(2026, 11, 23, 21, 0) };

    protected override async Task StartedAsync() => Webhook = await TestWebhook.StartAsync("hook.webhooks.svc");

    protected override async Task StoppingAsync() => await Webhook.DisposeAsync();

    /// <summary>
    /// Registers a MutatingWebhookConfiguration whose webhook answers at <paramref name="url"/> for Deployments and
    /// their /scale, in namespace <paramref name="ns"/> only (namespaceSelector on the name label).
    /// </summary>
    public async Task RegisterWebhookAsync(string ns, string url, Action<V1MutatingWebhook>? configure = null)
    {
        var webhook = new V1MutatingWebhook
        {
            Name = $"{ns}.test.tarnfui.io",
            AdmissionReviewVersions = ["v1"],
            SideEffects = "None",
            FailurePolicy = "Fail",
            ClientConfig = new Admissionregistrationv1WebhookClientConfig { Url = url, CaBundle = Webhook.Certificates.CaBundle },
            NamespaceSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [Tarnfui.Emulator.Admission.MutatingAdmission.NamespaceNameLabel] = ns } },
            Rules =
            [
                new V1RuleWithOperations { ApiGroups = ["apps"], ApiVersions = ["v1"], Operations = ["CREATE", "UPDATE"], Resources = ["deployments", "deployments/scale"] },
            ],
        };
        configure?.Invoke(webhook);
        await Client.AdmissionregistrationV1.CreateMutatingWebhookConfigurationAsync(new V1MutatingWebhookConfiguration
        {
            Metadata = new V1ObjectMeta { Name = ns },
            Webhooks = [webhook],
        });
    }

    public static V1Deployment Deployment(string name, int replicas) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = name } },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = ControllerHarness.Template(name),
        },
    };
}

[CollectionDefinition("Simulation")]
public sealed class SimulationCollectionDefinition : ICollectionFixture<SimulationFixture>;
