using k8s;
using Tarnfui.Testing;

namespace Tarnfui.Kube.Tests;

/// <summary>
/// The API client leaves the machine's trust store unused only when no certificate check of it can end at one of its
/// roots: it was given the cluster's CA, or checks nothing. A client left to the machine's roots (a kubeconfig without
/// a CA) keeps them. The native programs apply it; <c>NativeWebhookTests</c> and <c>NativeSweeperTests</c> show its log
/// line, and the sweeper's own decision (its notification receivers) has its table in <c>MachineStoreUseTests</c>.
/// </summary>
public sealed class MachineTrustStoreTests : IDisposable
{
    private readonly TestCertificates _cluster = new("cluster CA");

    public void Dispose() => _cluster.Dispose();

    [Theory]
    [InlineData(true, false, true)]
    [InlineData(true, true, true)]
    [InlineData(false, true, true)]
    [InlineData(false, false, false)]
    public void The_store_is_unused_when_the_client_has_a_CA_or_checks_nothing(bool hasCa, bool skipTlsVerify, bool unused)
    {
        var configuration = new KubernetesClientConfiguration
        {
            Host = "https://127.0.0.1:6443",
            SslCaCerts = hasCa ? [_cluster.Ca] : null,
            SkipTlsVerify = skipTlsVerify,
        };

        MachineTrustStore.IsUnused(configuration).ShouldBe(unused);
    }

    [Fact]
    public void An_empty_CA_bundle_leaves_the_client_to_the_machine_roots()
    {
        var configuration = new KubernetesClientConfiguration { Host = "https://127.0.0.1:6443", SslCaCerts = [] };

        MachineTrustStore.IsUnused(configuration).ShouldBeFalse();
    }

    [Fact]
    public void The_store_is_set_aside_with_both_locations_pointing_at_an_empty_file()
    {
        MachineTrustStore.Locations.ShouldBe(["SSL_CERT_FILE", "SSL_CERT_DIR"]);
        File.Exists(MachineTrustStore.Empty).ShouldBeTrue();
        new FileInfo(MachineTrustStore.Empty).Length.ShouldBe(0);
    }

    [Theory]
    [InlineData(null, null, "SSL_CERT_FILE unset, SSL_CERT_DIR unset")]
    [InlineData("/etc/ssl/certs/ca-certificates.crt", null, "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt, SSL_CERT_DIR unset")]
    [InlineData("", "/etc/ssl/certs", "SSL_CERT_FILE unset, SSL_CERT_DIR=/etc/ssl/certs")]
    public void The_log_names_what_the_environment_had(string? file, string? directory, string expected)
    {
        var environment = new Dictionary<string, string?> { ["SSL_CERT_FILE"] = file, ["SSL_CERT_DIR"] = directory };

        MachineTrustStore.Named(name => environment.GetValueOrDefault(name)).ShouldBe(expected);
    }
}
