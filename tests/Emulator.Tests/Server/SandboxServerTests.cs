using System.Diagnostics;
using k8s;
using k8s.Models;
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
            fixture.Server.WriteKubeconfig(path, SandboxUsers.Sweeper);

            var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
            using var client = new Kubernetes(configuration);
            var namespaces = await client.CoreV1.ListNamespaceAsync();

            configuration.Host.ShouldStartWith("https://127.0.0.1:");
            configuration.AccessToken.ShouldBe(fixture.Server.TokenOf(SandboxUsers.Sweeper));
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
        https.DefaultRequestHeaders.Authorization = new("Bearer", fixture.Server.TokenOf(SandboxUsers.Admin));
        using var plain = new HttpClient { BaseAddress = fixture.Server.HttpUrl };

        using var overTls = await https.GetAsync("/api/v1/namespaces/default");
        using var overPlain = await plain.GetAsync("/api/v1/namespaces/default");

        overTls.Version.ShouldBe(System.Net.HttpVersion.Version20);
        overTls.IsSuccessStatusCode.ShouldBeTrue();
        overPlain.IsSuccessStatusCode.ShouldBeTrue();
    }

    [Fact]
    public async Task Serve_prints_ready_serves_kubectl_and_exits_cleanly_on_sigterm()
    {
        var directory = Directory.CreateTempSubdirectory("tarnfui-serve-").FullName;
        var kubeconfig = Path.Combine(directory, "kubeconfig");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[typeof(SandboxServer).Assembly.Location, "serve", "--kubeconfig", kubeconfig, "--at", "2026-11-27T18:55:00Z", "--speed", "0"])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        try
        {
            var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            ready.ShouldNotBeNull();
            ready.ShouldStartWith("ready https://127.0.0.1:");

            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
            var created = await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "evening" } });
            created.Metadata.CreationTimestamp.ShouldBe(new DateTime(2026, 11, 27, 18, 55, 0, DateTimeKind.Utc));

            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            process.ExitCode.ShouldBe(0);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            Directory.Delete(directory, recursive: true);
        }
    }
}
