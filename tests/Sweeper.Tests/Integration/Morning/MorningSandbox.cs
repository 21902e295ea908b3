using System.Net;
using System.Text;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.DependencyInjection;
using Tarnfui.Core;
using Tarnfui.Sandbox.InProcess;
using Tarnfui.Sweeper.Planning;
using Tarnfui.Testing;
using Tarnfui.Webhook.Namespaces;

namespace Tarnfui.Sweeper.Tests.Integration.Morning;

/// <summary>
/// A sandbox of its own for the morning property (its night moves the clock and registers a webhook, neither of which
/// may reach the other tests' cluster), with the real webhook hosted in it in <c>zero</c> mode on the default global
/// schedule, Mon-Fri 07:00-19:00 UTC, the same as the sweeper's.
/// </summary>
public sealed class MorningSandbox : IAsyncLifetime
{
    private int _runs;

    public SweeperSandbox Cluster { get; } = new();

    public HostedWebhook Webhook { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Cluster.InitializeAsync();
        // Part of the workloads are Argo Rollouts: their CRD is served before the first sweep asks discovery.
        await ArgoRollouts.InstallAsync(Cluster.Server);
        // And part are scaled by KEDA: the ScaledObject pass runs only while its CRD is served.
        await KedaScaledObjects.InstallAsync(Cluster.Server);
        Webhook = await HostedWebhook.StartAsync(Cluster.Server, new Dictionary<string, string> { ["Webhook:Mode"] = "zero", [NightRunner.CompatibilityKey] = "true" });
        await Webhook.WaitUntilReadyAsync(SweeperSandbox.Bound);
    }

    public async Task DisposeAsync()
    {
        await Webhook.DisposeAsync();
        await Cluster.DisposeAsync();
    }

    /// <summary>A number per run in this sandbox, for names that must not collide with an earlier run's.</summary>
    public int NextRun() => Interlocked.Increment(ref _runs);

    /// <summary>Takes the webhook out of admission, as for a user it lets through (or in <c>warn</c> mode).</summary>
    public async Task UnregisterWebhookAsync()
    {
        try
        {
            await Cluster.Admin.AdmissionregistrationV1.DeleteMutatingWebhookConfigurationAsync(WellKnown.Objects.WebhookConfiguration);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
        }
    }

    /// <summary>Registers the shipped configuration again, pointed at the hosted webhook.</summary>
    public async Task RegisterWebhookAsync()
    {
        var registration = HostedWebhook.Registration(Webhook.MutateUrl, Encoding.ASCII.GetBytes(Cluster.Server.CertificateAuthority.CertificatePem));
        await Cluster.Admin.AdmissionregistrationV1.CreateMutatingWebhookConfigurationAsync(registration);
    }

    /// <summary>Waits until the webhook's namespace cache holds <paramref name="expected"/> Tarnfui annotations of each namespace.</summary>
    public Task WebhookKnowsAsync(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> expected)
    {
        var cache = Webhook.Services.GetRequiredService<NamespaceCache>();
        return Poll.UntilAsync(
            () => Task.FromResult(expected.Where(e => !cache.Knows(e.Key) || !SameTarnfuiKeys(cache.Get(e.Key), e.Value)).Select(e => e.Key).FirstOrDefault()),
            ns => $"the webhook's namespace cache did not catch up with namespace {ns}");
    }

    internal static bool SameTarnfuiKeys(IEnumerable<KeyValuePair<string, string>>? actual, IReadOnlyDictionary<string, string> expected)
    {
        var kept = actual?.Where(a => DecisiveMetadata.IsKept(a.Key)).ToList() ?? [];
        return kept.Count == expected.Count && kept.All(a => expected.TryGetValue(a.Key, out var value) && value == a.Value);
    }
}

[CollectionDefinition(Name)]
public sealed class MorningSandboxDefinition : ICollectionFixture<MorningSandbox>
{
    public const string Name = "MorningSandbox";
}
