using System.Security.Authentication;
using System.Text;
using Tarnfui.Testing;
using Tarnfui.Webhook.Tests.Support;

namespace Tarnfui.Webhook.Tests.Http;

/// <summary>
/// Each webhook application counts into its own registry, as the sweeper does: two webhooks in one process (the
/// Sandbox, these tests) do not see each other's admissions on <c>/metrics</c>.
/// </summary>
public sealed class MetricsRegistryTests : IDisposable
{
    private static readonly string Fixture = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "deployment-scale-up.json"));
    private readonly TestCertificates _certificates = new();

    [Fact]
    public async Task An_admission_is_counted_by_the_webhook_that_decided_it_only()
    {
        _certificates.WriteServing("tarnfui-webhook.tarnfui.svc");
        await using var decider = await RealWebhook.StartAsync(_certificates);
        await using var bystander = await RealWebhook.StartAsync(_certificates);
        using var client = _certificates.Client(protocols: SslProtocols.Tls12);
        using var plain = new HttpClient();

        (await client.PostAsync(decider.Mutate, new StringContent(Fixture, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

        var decided = await plain.GetStringAsync(new Uri(decider.Http, "/metrics"));
        var watched = await plain.GetStringAsync(new Uri(bystander.Http, "/metrics"));
        decided.ShouldContain("tarnfui_webhook_admissions_total{operation=\"UPDATE\",resource=\"deployments\",decision=\"patched\"} 1");
        watched.ShouldNotContain("tarnfui_webhook_admissions_total{");
        watched.ShouldContain("process_cpu_seconds_total", customMessage: "each registry exports the process metrics");
    }

    public void Dispose() => _certificates.Dispose();
}
