using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Tarnfui.Core;
using Tarnfui.Testing;
using Tarnfui.Webhook.Tests.Support;
using Tarnfui.Webhook.Tls;

namespace Tarnfui.Webhook.Tests.Http;

/// <summary>The webhook as the Sandbox and production run it: real Kestrel, real TLS on loopback, PEM files on disk.</summary>
public sealed class HttpsKestrelTests : IAsyncLifetime, IDisposable
{
    private static readonly string Fixture = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "deployment-scale-up.json"));
    private readonly TestCertificates _certificates = new();
    private RealWebhook? _webhook;
    private Uri _https = null!;
    private Uri _http = null!;

    public async Task InitializeAsync()
    {
        _certificates.WriteServing("first.tarnfui.test");
        _webhook = await RealWebhook.StartAsync(_certificates, "--Webhook:CertificateCheckInterval=2s");
        (_https, _http) = (_webhook.Https, _webhook.Http);
    }

    public async Task DisposeAsync()
    {
        if (_webhook is not null)
        {
            await _webhook.DisposeAsync();
        }
    }

    public void Dispose() => _certificates.Dispose();

    [Fact]
    public async Task Patch_served_over_TLS_decodes_and_applies_to_the_stopped_object()
    {
        using var client = _certificates.Client(protocols: SslProtocols.Tls12);

        using var response = await client.PostAsync(new Uri(_https, "/mutate"), new StringContent(Fixture, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        // Sent whole with its length, not in chunks (AdmissionReviewResult).
        response.Headers.TransferEncodingChunked.ShouldNotBe(true);
        response.Content.Headers.ContentLength.ShouldNotBeNull();
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["response"]!;
        var patched = JsonPatch.Apply(JsonNode.Parse(Fixture)!["request"]!["object"]!.AsObject(), Convert.FromBase64String(answer["patch"]!.GetValue<string>()));
        patched["spec"]!["replicas"]!.GetValue<int>().ShouldBe(0);
        patched["metadata"]!["annotations"]![WellKnown.Annotations.OriginalReplicas]!.GetValue<string>().ShouldBe("5");
        patched["metadata"]!["labels"]![WellKnown.Labels.Stopped]!.GetValue<string>().ShouldBe("true");
    }

    [Fact]
    public async Task Admission_is_not_served_in_clear_text_and_probes_are()
    {
        using var plain = new HttpClient();

        (await plain.PostAsync(new Uri(_http, "/mutate"), new StringContent(Fixture, Encoding.UTF8, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await plain.GetStringAsync(new Uri(_http, "/readyz"))).ShouldBe("ok");
        (await plain.GetStringAsync(new Uri(_http, "/metrics"))).ShouldContain("tarnfui_webhook_certificate_expiry_timestamp_seconds");
    }

    [Fact]
    public async Task Metrics_are_tarnfui_and_process_ones_not_an_adapter_of_every_dotnet_meter()
    {
        using var plain = new HttpClient();
        using var client = _certificates.Client(protocols: SslProtocols.Tls12);

        // The first scrape is what would start prometheus-net's meter adapter; admissions then feed Kestrel's meters.
        await plain.GetStringAsync(new Uri(_http, "/metrics"));
        (await client.PostAsync(new Uri(_https, "/mutate"), new StringContent(Fixture, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        var metrics = await plain.GetStringAsync(new Uri(_http, "/metrics"));

        metrics.ShouldContain("tarnfui_webhook_admissions_total");
        metrics.ShouldContain("process_cpu_seconds_total");
        var names = metrics.Split('\n').Where(line => line.Length > 0 && line[0] != '#').Select(line => line.Split('{', ' ')[0]).Distinct().ToList();
        names.ShouldAllBe(name => name.StartsWith("tarnfui_", StringComparison.Ordinal) || name.StartsWith("process_", StringComparison.Ordinal) || name.StartsWith("dotnet_", StringComparison.Ordinal) || name.StartsWith("prometheus_net_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Replaced_certificate_files_are_served_without_a_restart()
    {
        (await PresentedAsync()).Subject.ShouldBe("CN=first.tarnfui.test");
        var reloaded = new TaskCompletionSource<X509Certificate2>(TaskCreationOptions.RunContinuationsAsynchronously);
        _webhook!.Services.GetRequiredService<CertificateStore>().Reloaded += certificate => reloaded.TrySetResult(certificate);

        _certificates.WriteServing("second.tarnfui.test");

        // A file notification or the periodic check picks the new pair up.
        (await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(20))).Subject.ShouldBe("CN=second.tarnfui.test");
        (await PresentedAsync()).Subject.ShouldBe("CN=second.tarnfui.test");
    }

    private async Task<X509Certificate2> PresentedAsync()
    {
        X509Certificate2? seen = null;
        using var client = _certificates.Client(c => seen = c);
        using var response = await client.PostAsync(new Uri(_https, "/mutate"), new StringContent("{}", Encoding.UTF8, "application/json"));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        return seen.ShouldNotBeNull();
    }
}
