using System.Net;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Tarnfui.Emulator.Server;
using Tarnfui.Sandbox.InProcess;
using Tarnfui.Testing;

namespace Tarnfui.EndToEnd.Webhook;

/// <summary>
/// One sandbox with the real webhook hosted in it and registered through the shipped MutatingWebhookConfiguration;
/// shared by the collection, each test makes its own namespace and sets the simulated clock it needs.
/// </summary>
public sealed class WebhookSandboxFixture : EmulatorFixture
{
    /// <summary>Monday 2026-11-23 06:00 in Paris: off-hours, one hour before work.</summary>
    public static readonly Instant OffHours = Instant.FromUtc(2026, 11, 23, 5, 0);

    /// <summary>Monday 2026-11-23 11:00 in Paris.</summary>
    public static readonly Instant WorkingHours = Instant.FromUtc(2026, 11, 23, 10, 0);

    public const string Uptime = "Mon-Fri 07:00-19:00";

    public HostedWebhook Webhook { get; private set; } = null!;

    /// <summary>A fresh namespace, with <paramref name="annotations"/>, that the webhook's namespace cache already knows.</summary>
    public async Task<string> CreateNamespaceAsync(Dictionary<string, string>? annotations = null)
    {
        var ns = await CreateNamespaceAsync("wh", annotations);
        var cache = Webhook.Services.GetRequiredService<Tarnfui.Webhook.Namespaces.NamespaceCache>();
        await Eventually.UntilAsync(Store, () => cache.Knows(ns), "the namespace watch delivers the new namespace");
        return ns;
    }

    // Frozen: a test moves the clock where it needs it, and nothing drifts across the 07:00 boundary meanwhile.
    protected override EmulatorOptions Options() => new() { StartTime = OffHours, Speed = 0 };

    protected override async Task StartedAsync()
    {
        Webhook = await HostedWebhook.StartAsync(Server, new Dictionary<string, string>
        {
            ["Schedule:Uptime"] = Uptime,
            ["Schedule:TimeZone"] = "Europe/Paris",
            ["Webhook:SuspendNewJobs"] = "true",
        });

        // Ready once the certificate is loaded and the namespace cache has listed the sandbox's namespaces.
        using var probe = new HttpClient();
        await Eventually.UntilAsync(
            Store,
            async () => (await probe.GetAsync(new Uri(Webhook.ProbeUrl, "/readyz"))).StatusCode == HttpStatusCode.OK,
            "the hosted webhook becomes ready");
    }

    protected override async Task StoppingAsync() => await Webhook.DisposeAsync();

    public Task<V1Deployment> CreateDeploymentAsync(string ns, string name, int replicas, Dictionary<string, string>? annotations = null) =>
        Client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = name, Annotations = annotations },
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
        }, ns);
}

[CollectionDefinition(Name)]
public sealed class WebhookSandboxDefinition : ICollectionFixture<WebhookSandboxFixture>
{
    public const string Name = "Webhook sandbox";
}
