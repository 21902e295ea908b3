using System.Runtime.Versioning;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using k8s.Models;
using Tarnfui.Deploy.Tests.Infrastructure;

namespace Tarnfui.Deploy.Tests.Certificates;

// The script and its file modes are POSIX (bash, openssl, chmod).
[SupportedOSPlatform("linux")]
public sealed class GenerateScriptTests : IDisposable
{
    private static readonly string Script = Repository.PathOf("certs", "generate.sh");
    private readonly TemporaryDirectory output = new();

    public void Dispose() => output.Dispose();

    [Fact]
    public async Task The_serving_certificate_chains_to_the_ca_and_names_the_webhook_service()
    {
        await GenerateAsync();

        (await OpensslAsync("verify", "-CAfile", File("ca.crt"), "-purpose", "sslserver", File("tls.crt"))).ShouldContain(": OK");
        (await OpensslAsync("x509", "-in", File("tls.crt"), "-noout", "-ext", "subjectAltName"))
            .ShouldContain("DNS:tarnfui-webhook.tarnfui.svc, DNS:tarnfui-webhook.tarnfui.svc.cluster.local");
        (await OpensslAsync("x509", "-in", File("tls.crt"), "-noout", "-ext", "extendedKeyUsage")).ShouldContain("TLS Web Server Authentication");
        (await OpensslAsync("x509", "-in", File("ca.crt"), "-noout", "-ext", "basicConstraints")).ShouldContain("CA:TRUE");
        // The key on disk is the key of the certificate.
        (await OpensslAsync("pkey", "-in", File("tls.key"), "-pubout")).ShouldBe(await OpensslAsync("x509", "-in", File("tls.crt"), "-noout", "-pubkey"));
    }

    [Fact]
    public async Task The_certificate_is_accepted_by_dotnet_for_the_service_host_name()
    {
        await GenerateAsync();

        using var certificate = X509Certificate2.CreateFromPemFile(File("tls.crt"), File("tls.key"));
        using var ca = X509Certificate2.CreateFromPem(System.IO.File.ReadAllText(File("ca.crt")));
        certificate.HasPrivateKey.ShouldBeTrue();
        certificate.MatchesHostname("tarnfui-webhook.tarnfui.svc").ShouldBeTrue();
        certificate.MatchesHostname("tarnfui-webhook.tarnfui.svc.cluster.local").ShouldBeTrue();
        certificate.MatchesHostname("tarnfui-webhook.default.svc").ShouldBeFalse();
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.Build(certificate).ShouldBeTrue(string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
    }

    [Fact]
    public async Task The_secret_and_the_ca_bundle_patch_carry_the_files_written()
    {
        await GenerateAsync();

        var secret = KubernetesYaml.Deserialize<V1Secret>(System.IO.File.ReadAllText(File("secret.yaml")), strict: true);
        secret.Metadata.Name.ShouldBe("tarnfui-webhook-tls");
        secret.Metadata.NamespaceProperty.ShouldBe("tarnfui");
        secret.Type.ShouldBe("kubernetes.io/tls");
        Encoding.ASCII.GetString(secret.Data["tls.crt"]).ShouldBe(System.IO.File.ReadAllText(File("tls.crt")));
        Encoding.ASCII.GetString(secret.Data["tls.key"]).ShouldBe(System.IO.File.ReadAllText(File("tls.key")));
        Encoding.ASCII.GetString(secret.Data["ca.crt"]).ShouldBe(System.IO.File.ReadAllText(File("ca.crt")));
        var patch = System.IO.File.ReadAllText(File("cabundle-patch.yaml"));
        patch.ShouldContain("path: /webhooks/0/clientConfig/caBundle");
        patch.ShouldContain("value: " + Convert.ToBase64String(System.IO.File.ReadAllBytes(File("ca.crt"))));
        // Private keys are readable by their owner only.
        System.IO.File.GetUnixFileMode(File("tls.key")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        System.IO.File.GetUnixFileMode(File("ca.key")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task Running_again_keeps_a_valid_ca_and_certificate()
    {
        await GenerateAsync();
        var before = Snapshot();

        var again = await GenerateAsync();

        again.StandardError.ShouldContain("keeping");
        Snapshot().ShouldBe(before);
    }

    [Fact]
    public async Task A_certificate_close_to_expiry_is_reissued_from_the_same_ca()
    {
        await GenerateAsync("--days", "10", "--renew-days", "5");
        var ca = System.IO.File.ReadAllText(File("ca.crt"));
        var certificate = System.IO.File.ReadAllText(File("tls.crt"));

        // With the default 30 days of renewal margin, a 10-day certificate is due.
        await GenerateAsync();

        System.IO.File.ReadAllText(File("ca.crt")).ShouldBe(ca, "the caBundle of the registration stays valid");
        System.IO.File.ReadAllText(File("tls.crt")).ShouldNotBe(certificate);
        (await OpensslAsync("verify", "-CAfile", File("ca.crt"), File("tls.crt"))).ShouldContain(": OK");
    }

    [Fact]
    public async Task Force_makes_a_new_ca()
    {
        await GenerateAsync();
        var ca = System.IO.File.ReadAllText(File("ca.crt"));

        await GenerateAsync("--force");

        System.IO.File.ReadAllText(File("ca.crt")).ShouldNotBe(ca);
        (await OpensslAsync("verify", "-CAfile", File("ca.crt"), File("tls.crt"))).ShouldContain(": OK");
    }

    [Fact]
    public async Task Another_namespace_and_service_are_named_in_the_certificate_and_the_secret()
    {
        await GenerateAsync("--namespace", "platform", "--service", "sleepy");

        (await OpensslAsync("x509", "-in", File("tls.crt"), "-noout", "-ext", "subjectAltName"))
            .ShouldContain("DNS:sleepy.platform.svc, DNS:sleepy.platform.svc.cluster.local");
        var secret = KubernetesYaml.Deserialize<V1Secret>(System.IO.File.ReadAllText(File("secret.yaml")));
        (secret.Metadata.NamespaceProperty, secret.Metadata.Name).ShouldBe(("platform", "sleepy-tls"));
    }

    [Fact]
    public async Task Without_openssl_it_says_so_and_writes_nothing()
    {
        // A PATH with the few tools the script needs before its openssl check, and no openssl.
        using var bin = new TemporaryDirectory();
        System.IO.File.CreateSymbolicLink(bin.Combine("dirname"), "/usr/bin/dirname");

        var result = await ProcessRunner.RunAsync("/bin/bash", [Script, "--out", output.Path], TimeSpan.FromSeconds(30),
            environment: new Dictionary<string, string?> { ["PATH"] = bin.Path });

        result.ExitCode.ShouldBe(127, result.Describe("generate.sh"));
        result.StandardError.ShouldContain("openssl is required");
        Directory.EnumerateFileSystemEntries(output.Path).ShouldBeEmpty();
    }

    public static TheoryData<string, string[], string> BadArguments => new()
    {
        { "an unknown flag", ["--colour"], "unknown argument '--colour'" },
        { "days that are not a number", ["--days", "a year"], "positive number of days, got 'a year'" },
        { "a renewal margin longer than the validity", ["--days", "20", "--renew-days", "30"], "must be less than --days" },
    };

    [Theory, MemberData(nameof(BadArguments))]
    public async Task Bad_arguments_are_refused_with_a_reason(string because, string[] arguments, string message)
    {
        var result = await ProcessRunner.RunAsync("bash", [Script, "--out", output.Path, .. arguments], TimeSpan.FromSeconds(30));

        result.ExitCode.ShouldBe(2, because);
        result.StandardError.ShouldContain(message, Case.Sensitive, because);
    }

    private string File(string name) => output.Combine(name);

    private Dictionary<string, string> Snapshot() =>
        Directory.EnumerateFiles(output.Path).ToDictionary(f => Path.GetFileName(f), f => System.IO.File.ReadAllText(f));

    private async Task<ProcessResult> GenerateAsync(params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync("bash", [Script, "--out", output.Path, .. arguments], TimeSpan.FromSeconds(60));
        result.ExitCode.ShouldBe(0, result.Describe("certs/generate.sh"));
        return result;
    }

    private static async Task<string> OpensslAsync(params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync("openssl", arguments, TimeSpan.FromSeconds(30));
        result.ExitCode.ShouldBe(0, result.Describe("openssl " + string.Join(' ', arguments)));
        return result.StandardOutput;
    }
}
