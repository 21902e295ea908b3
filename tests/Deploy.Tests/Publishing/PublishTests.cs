using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s.Models;
using Tarnfui.Deploy.Tests.Infrastructure;

namespace Tarnfui.Deploy.Tests.Publishing;

/// <summary>
/// No image can be built on these machines, so the image's content is checked instead: what scripts/publish.sh
/// lays out is started the way the manifests start it. Slow (a publish and two program starts), yet in CI.
/// </summary>
[SupportedOSPlatform("linux")]
[Trait("Category", "Publish")]
[Collection(PublishedGroup.Name)]
public sealed class PublishTests(PublishedPrograms published)
{
    private const string WebhookHost = "tarnfui-webhook.tarnfui.svc";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Deployments => ["tarnfui-webhook", "tarnfui-sweeper"];

    [Theory, MemberData(nameof(Deployments))]
    public async Task The_command_starts_the_native_executable_the_publish_script_wrote(string deployment)
    {
        var container = (await RenderedManifests.RenderAsync(Repository.PathOf("manifests", "base"))).Container(deployment);

        container.Command.Count.ShouldBe(1, "a native program is started directly, without `dotnet`");
        var program = published.InImage(container.Command[0]);
        File.Exists(program).ShouldBeTrue($"{container.Command[0]} is in the image");
        File.GetUnixFileMode(program).HasFlag(UnixFileMode.OtherExecute).ShouldBeTrue("the image's unprivileged user must be able to run it");
        var magic = new byte[4];
        await using (var file = File.OpenRead(program))
        {
            await file.ReadExactlyAsync(magic);
        }

        magic.ShouldBe("\u007fELF"u8.ToArray(), "an ELF executable for the image's Linux");
        File.Exists(Path.ChangeExtension(program, ".dll")).ShouldBeFalse("no IL is shipped: nothing is compiled at run time");
        Directory.EnumerateFiles(Path.GetDirectoryName(program)!, "*.dll").ShouldBeEmpty("the image has no .NET runtime to load assemblies with");
    }

    [Fact]
    public async Task The_webhook_serves_its_probes_in_clear_and_admission_over_tls_with_a_generated_certificate()
    {
        using var work = new TemporaryDirectory();
        var generate = await ProcessRunner.RunAsync("bash", [Repository.PathOf("certs", "generate.sh"), "--out", work.Path], TimeSpan.FromSeconds(30));
        generate.ExitCode.ShouldBe(0, generate.Describe("generate.sh"));
        var rendered = await RenderedManifests.RenderAsync(Repository.PathOf("manifests", "base"));
        var container = rendered.Container("tarnfui-webhook");
        var environment = Environment(rendered, container, work);

        await using var webhook = await RunningProgram.StartAsync(
            published.CommandOf(container),
            environment, expectedAddresses: 2, StartTimeout);

        using var plain = new HttpClient { BaseAddress = webhook.Address("http"), Timeout = TimeSpan.FromSeconds(10) };
        foreach (var probe in new[] { container.StartupProbe, container.LivenessProbe, container.ReadinessProbe })
        {
            var response = await plain.GetAsync(new Uri(probe.HttpGet.Path, UriKind.Relative));
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{probe.HttpGet.Path}: {await response.Content.ReadAsStringAsync()}\n{webhook.Output}");
        }

        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(work.Combine("ca.crt")));
        using var served = X509Certificate2.CreateFromPem(File.ReadAllText(work.Combine("tls.crt")));
        X509Certificate2? presented = null;
        using var handler = new SocketsHttpHandler
        {
            // The API server dials the Service; here the same host name is dialled to the local port, so SNI and
            // the name check are those of the cluster.
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(IPAddress.Loopback, webhook.Address("https").Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                {
                    presented = certificate is null ? null : new X509Certificate2(certificate);
                    return (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0 && ChainsTo(presented, ca);
                },
            },
        };
        using var tls = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        using var notAReview = new StringContent("{\"kind\":\"NotAnAdmissionReview\"}", Encoding.UTF8, "application/json");

        var admission = await tls.PostAsync(new Uri($"https://{WebhookHost}/mutate"), notAReview);

        admission.StatusCode.ShouldBe(HttpStatusCode.BadRequest, webhook.Output);
        presented.ShouldNotBeNull().Thumbprint.ShouldBe(served.Thumbprint);
        (await plain.GetStringAsync(new Uri("/metrics", UriKind.Relative))).ShouldContain("tarnfui_webhook_certificate_expiry_timestamp_seconds");
    }

    [Fact]
    public async Task The_sweeper_serves_its_probes_and_metrics_on_the_port_the_manifest_names()
    {
        using var work = new TemporaryDirectory();
        var rendered = await RenderedManifests.RenderAsync(Repository.PathOf("manifests", "base"));
        var container = rendered.Container("tarnfui-sweeper");
        var environment = Environment(rendered, container, work);
        // The sweeper binds 8080 unless told otherwise; here a free local port stands in for it.
        environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";

        await using var sweeper = await RunningProgram.StartAsync(
            published.CommandOf(container),
            environment, expectedAddresses: 1, StartTimeout);

        using var plain = new HttpClient { BaseAddress = sweeper.Address("http"), Timeout = TimeSpan.FromSeconds(10) };
        foreach (var probe in new[] { container.StartupProbe, container.LivenessProbe })
        {
            var response = await plain.GetAsync(new Uri(probe.HttpGet.Path, UriKind.Relative));
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{probe.HttpGet.Path}\n{sweeper.Output}");
        }

        // Without an API server the sweeper is not ready, but the path exists and answers.
        var readiness = await plain.GetAsync(new Uri(container.ReadinessProbe.HttpGet.Path, UriKind.Relative));
        readiness.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable);
        (await plain.GetStringAsync(new Uri("/metrics", UriKind.Relative))).ShouldContain("tarnfui_sweeper_leader");
    }

    // The container's environment as the kubelet would set it, with the image paths moved to the test's folder
    // and the ports and the API server replaced by local stand-ins.
    private static Dictionary<string, string?> Environment(RenderedManifests rendered, V1Container container, TemporaryDirectory work)
    {
        var environment = new Dictionary<string, string?>();
        foreach (var source in container.EnvFrom)
        {
            foreach (var (key, value) in rendered.Named<V1ConfigMap>(source.ConfigMapRef.Name).Data)
            {
                environment[key] = value;
            }
        }

        foreach (var variable in container.Env)
        {
            environment[variable.Name] = variable.Value ?? variable.ValueFrom.FieldRef.FieldPath switch
            {
                "metadata.namespace" => "tarnfui",
                "metadata.name" => "tarnfui-webhook-test",
                var other => throw new InvalidOperationException($"no stand-in for fieldRef {other}"),
            };
            if (variable.Value?.StartsWith("/etc/tarnfui/tls/", StringComparison.Ordinal) == true)
            {
                environment[variable.Name] = work.Combine(Path.GetFileName(variable.Value));
            }
        }

        File.WriteAllText(work.Combine("kubeconfig"), """
            apiVersion: v1
            kind: Config
            clusters: [{name: none, cluster: {server: "https://127.0.0.1:1"}}]
            users: [{name: none, user: {token: none}}]
            contexts: [{name: none, context: {cluster: none, user: none}}]
            current-context: none
            """);
        environment["KUBECONFIG"] = work.Combine("kubeconfig");
        environment["TARNFUI_Webhook__ListenAddress"] = "127.0.0.1";
        environment["TARNFUI_Webhook__HttpsPort"] = "0";
        environment["TARNFUI_Webhook__HttpPort"] = "0";
        // No API server here: the namespace cache starts empty instead of listing.
        environment["TARNFUI_Webhook__WatchNamespaces"] = "false";
        return environment;
    }

    private static bool ChainsTo(X509Certificate2? certificate, X509Certificate2 ca)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    [Theory, MemberData(nameof(Deployments))]
    public async Task Help_describes_the_program_and_exits_without_starting_it(string deployment)
    {
        var container = (await RenderedManifests.RenderAsync(Repository.PathOf("manifests", "base"))).Container(deployment);

        var command = published.CommandOf(container);
        var result = await ProcessRunner.RunAsync(
            command[0], [.. command.Skip(1), "--help"], TimeSpan.FromSeconds(30),
            environment: new Dictionary<string, string?> { ["KUBECONFIG"] = "/dev/null" });

        result.ExitCode.ShouldBe(0, result.Describe("--help"));
        result.StandardOutput.ShouldContain("TARNFUI_", Case.Sensitive, result.Describe("--help names the environment form of the configuration"));
    }
}
