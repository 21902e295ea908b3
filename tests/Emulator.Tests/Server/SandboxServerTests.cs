using k8s;
using Tarnfui.Emulator.Server;

namespace Tarnfui.Emulator.Tests.Server;

[Collection("Sandbox")]
public sealed class SandboxServerTests(SandboxFixture fixture)
{
    [Fact]
    public async Task A_written_kubeconfig_works_with_BuildConfigFromConfigFile_for_each_user()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tarnfui-kubeconfig-{Guid.NewGuid():N}");
        try
        {
            fixture.Server.WriteKubeconfig(path, EmulatorUsers.Sweeper);

            var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
            using var client = new Kubernetes(configuration);
            var namespaces = await client.CoreV1.ListNamespaceAsync();

            configuration.Host.ShouldStartWith("https://127.0.0.1:");
            configuration.AccessToken.ShouldBe(fixture.Server.TokenOf(EmulatorUsers.Sweeper));
            namespaces.Items.Select(n => n.Metadata.Name).ShouldContain("kube-system");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Https_negotiates_http2_and_plain_http_serves_the_admin()
    {
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            using var chain = new System.Security.Cryptography.X509Certificates.X509Chain();
            chain.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(fixture.Server.CaCertificate);
            chain.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
            return certificate is not null && chain.Build(new System.Security.Cryptography.X509Certificates.X509Certificate2(certificate));
        };
        using var https = new HttpClient(handler) { BaseAddress = fixture.Server.Url, DefaultRequestVersion = System.Net.HttpVersion.Version20 };
        https.DefaultRequestHeaders.Authorization = new("Bearer", fixture.Server.TokenOf(EmulatorUsers.Admin));
        using var plain = new HttpClient { BaseAddress = fixture.Server.HttpUrl };

        using var overTls = await https.GetAsync("/api/v1/namespaces/default");
        using var overPlain = await plain.GetAsync("/api/v1/namespaces/default");

        overTls.Version.ShouldBe(System.Net.HttpVersion.Version20);
        overTls.IsSuccessStatusCode.ShouldBeTrue();
        overPlain.IsSuccessStatusCode.ShouldBeTrue();
    }

    [Fact]
    public async Task Every_response_is_dated_with_the_simulated_time_as_kube_apiserver_dates_its_own()
    {
        using var plain = new HttpClient { BaseAddress = fixture.Server.HttpUrl };
        var before = fixture.Server.Clock.GetCurrentInstant();

        using var found = await plain.GetAsync("/api/v1/namespaces/default");
        using var missing = await plain.GetAsync("/api/v1/namespaces/no-such-namespace");

        var after = fixture.Server.Clock.GetCurrentInstant();
        foreach (var response in new[] { found, missing })
        {
            var date = NodaTime.Instant.FromDateTimeOffset(response.Headers.Date.ShouldNotBeNull());
            // The header has whole seconds.
            date.ShouldBeGreaterThanOrEqualTo(before - NodaTime.Duration.FromSeconds(1));
            date.ShouldBeLessThanOrEqualTo(after);
        }
    }
}
