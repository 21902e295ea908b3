using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Tarnfui.Testing;
using Tarnfui.Webhook.Tests.Support;
using Tarnfui.Webhook.Tls;

namespace Tarnfui.Webhook.Tests.Http;

/// <summary>
/// <c>Webhook:ClientCaFile</c> set: the admission port takes only TLS connections whose client certificate chains to
/// that CA, as kube-apiserver presents one per its AdmissionConfiguration; anything else is refused in the handshake,
/// so no HTTP is answered at all.
/// </summary>
public sealed class ClientCertificateTests : IAsyncLifetime, IDisposable
{
    private static readonly string Fixture = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "deployment-scale-up.json"));
    private readonly TestCertificates _serving = new();
    private readonly TestCertificates _apiServerCa = new();
    private readonly TestCertificates _otherCa = new();
    private RealWebhook _webhook = null!;

    public async Task InitializeAsync()
    {
        _serving.WriteServing("tarnfui-webhook.tarnfui.svc");
        var bundle = _apiServerCa.WriteCa();
        _webhook = await RealWebhook.StartAsync(_serving, $"--Webhook:ClientCaFile={bundle}", "--Webhook:CertificateCheckInterval=2s");
    }

    public async Task DisposeAsync() => await _webhook.DisposeAsync();

    public void Dispose()
    {
        _serving.Dispose();
        _apiServerCa.Dispose();
        _otherCa.Dispose();
    }

    public static TheoryData<string, string> Refused => new()
    {
        { "no client certificate", "none" },
        { "a client certificate from another CA", "other CA" },
        { "a serving certificate from the right CA: not issued for client authentication", "serverAuth" },
        { "an expired client certificate from the right CA", "expired" },
    };

    [Theory, MemberData(nameof(Refused))]
    public async Task Connections_without_a_client_certificate_from_the_CA_are_refused_in_the_handshake(string because, string presented)
    {
        using var certificate = presented switch
        {
            "none" => null,
            "other CA" => _otherCa.IssueClient("kube-apiserver"),
            "serverAuth" => _apiServerCa.IssueClient("kube-apiserver", usage: "serverAuth"),
            _ => _apiServerCa.IssueClient("kube-apiserver", notAfter: DateTimeOffset.UtcNow.AddDays(-1)),
        };
        using var client = Client(certificate);

        await Should.ThrowAsync<HttpRequestException>(() => PostAsync(client), because);
    }

    [Fact]
    public async Task A_client_certificate_from_the_CA_is_admitted()
    {
        using var certificate = _apiServerCa.IssueClient("kube-apiserver");
        using var client = Client(certificate);

        using var response = await PostAsync(client);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_replaced_CA_bundle_is_trusted_without_a_restart()
    {
        using var before = _otherCa.IssueClient("kube-apiserver");
        using (var client = Client(before))
        {
            await Should.ThrowAsync<HttpRequestException>(() => PostAsync(client));
        }

        var reloaded = new TaskCompletionSource<X509Certificate2Collection>(TaskCreationOptions.RunContinuationsAsynchronously);
        _webhook.Services.GetRequiredService<ClientCaStore>().Reloaded += bundle => reloaded.TrySetResult(bundle);

        // A rotation: the API server's new CA is added to the bundle next to the old one.
        _apiServerCa.WriteCa(_otherCa);

        (await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(20))).Count.ShouldBe(2);
        using (var client = Client(before))
        {
            (await PostAsync(client)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Probes_and_metrics_ask_for_no_certificate()
    {
        using var plain = new HttpClient();

        (await plain.GetStringAsync(new Uri(_webhook.Http, "/readyz"))).ShouldBe("ok");
    }

    private HttpClient Client(X509Certificate2? certificate) => _serving.Client(configure: handler =>
    {
        if (certificate is not null)
        {
            handler.SslOptions.ClientCertificates = [certificate];
        }
    });

    private Task<HttpResponseMessage> PostAsync(HttpClient client) =>
        client.PostAsync(_webhook.Mutate, new StringContent(Fixture, Encoding.UTF8, "application/json"));
}
