using System.Net;
using System.Security.Cryptography.X509Certificates;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tarnfui.Testing;
using Tarnfui.Webhook.Kube;

namespace Tarnfui.Webhook.Tests.Kube;

/// <summary>
/// The webhook's client checks the API server's certificate against the cluster's CA alone, as client-go does, so its
/// first request does not load the machine's trust store: against a real HTTPS server, the certificate the CA issued
/// is accepted and one of another CA is refused; without a CA, or with TLS checks off, the configuration is left alone.
/// </summary>
public sealed class ClusterCaTrustTests : IAsyncLifetime, IDisposable
{
    private const string EmptyNamespaceList = """{"kind":"NamespaceList","apiVersion":"v1","metadata":{"resourceVersion":"1"},"items":[]}""";

    private readonly TestCertificates _cluster = new("cluster CA");
    private readonly TestCertificates _stranger = new("another CA");
    private WebApplication? _server;
    private string _url = string.Empty;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var serving = _cluster.IssueServing("api-server");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(serving)));
        _server = builder.Build();
        _server.MapGet("/api/v1/namespaces", () => Results.Text(EmptyNamespaceList, "application/json"));
        await _server.StartAsync();
        _url = _server.Urls.First();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _cluster.Dispose();
        _stranger.Dispose();
    }

    [Fact]
    public async Task A_server_certificate_issued_by_the_cluster_CA_is_accepted()
    {
        using var client = new Kubernetes(ClusterCaTrust.Apply(Configuration(_cluster.Ca)));

        var namespaces = await client.CoreV1.ListNamespaceAsync();

        namespaces.Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_server_certificate_of_another_CA_is_refused()
    {
        using var client = new Kubernetes(ClusterCaTrust.Apply(Configuration(_stranger.Ca)));

        await Should.ThrowAsync<HttpRequestException>(() => client.CoreV1.ListNamespaceAsync());
    }

    [Fact]
    public void The_handler_validates_against_the_CA_alone()
    {
        var configuration = ClusterCaTrust.Apply(Configuration(_cluster.Ca));
        using var handler = new SocketsHttpHandler();

        configuration.FirstMessageHandlerSetup!(handler);

        var policy = handler.SslOptions.CertificateChainPolicy.ShouldNotBeNull();
        policy.TrustMode.ShouldBe(X509ChainTrustMode.CustomRootTrust);
        policy.CustomTrustStore.Cast<X509Certificate2>().Select(c => c.Thumbprint).ShouldBe([_cluster.Ca.Thumbprint]);
        policy.DisableCertificateDownloads.ShouldBeTrue();
    }

    [Fact]
    public void A_handler_setup_the_host_gave_still_runs()
    {
        var configuration = Configuration(_cluster.Ca);
        var ran = false;
        configuration.FirstMessageHandlerSetup = _ => ran = true;
        using var handler = new SocketsHttpHandler();

        ClusterCaTrust.Apply(configuration).FirstMessageHandlerSetup!(handler);

        ran.ShouldBeTrue();
        handler.SslOptions.CertificateChainPolicy.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("TLS checks off", true, true)]
    [InlineData("no CA", false, false)]
    public void Without_a_CA_to_check_against_nothing_changes(string why, bool skipTlsVerify, bool withCa)
    {
        var configuration = new KubernetesClientConfiguration { Host = _url, SkipTlsVerify = skipTlsVerify, SslCaCerts = withCa ? [_cluster.Ca] : null };

        ClusterCaTrust.Apply(configuration).FirstMessageHandlerSetup.ShouldBeNull(why);
    }

    private KubernetesClientConfiguration Configuration(X509Certificate2 ca) => new() { Host = _url, SslCaCerts = [ca] };
}
