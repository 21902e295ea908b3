using System.Runtime.Versioning;
using k8s;
using k8s.Exceptions;
using Tarnfui.Testing;
using YamlDotNet.Core;

namespace Tarnfui.Kube.Tests;

/// <summary>
/// The native webhook and sweeper read kubeconfig with <see cref="KubeconfigReader"/> instead of KubernetesClient's
/// reader (which needs reflection a native executable lacks): for every shape kubectl writes, both must give the same client settings.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class KubeconfigReaderTests : IDisposable
{
    private static readonly string CaData = SelfSignedCa();
    private readonly string _directory = Directory.CreateTempSubdirectory("tarnfui-kubeconfig-").FullName;

    public static TheoryData<string, string> Kubeconfigs => new()
    {
        {
            "block style, token, CA data, namespace",
            $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: "sandbox"
              cluster:
                server: "https://127.0.0.1:6443"
                certificate-authority-data: {{CaData}}
            users:
            - name: "admin"
              user:
                token: "5477cfe49acb57b8e23ed4ebc18299de"
            contexts:
            - name: "sandbox"
              context:
                cluster: "sandbox"
                user: "admin"
                namespace: "team-a"
            current-context: "sandbox"
            preferences: {}
            """
        },
        {
            "flow style, as the deploy tests write it",
            """
            apiVersion: v1
            kind: Config
            clusters: [{name: none, cluster: {server: "https://127.0.0.1:1"}}]
            users: [{name: none, user: {token: none}}]
            contexts: [{name: none, context: {cluster: none, user: none}}]
            current-context: none
            """
        },
        {
            "current context picks the second of several, with a TLS server name and skip-verify",
            """
            clusters:
            - name: one
              cluster: {server: "https://one.example:6443", insecure-skip-tls-verify: false}
            - name: two
              cluster:
                server: https://two.example:443
                tls-server-name: kubernetes.default
                insecure-skip-tls-verify: true
            users:
            - {name: u1, user: {token: t1}}
            - {name: u2, user: {username: jane, password: s3cret}}
            contexts:
            - {name: c1, context: {cluster: one, user: u1}}
            - {name: c2, context: {cluster: two, user: u2, namespace: ops}}
            current-context: c2
            """
        },
        {
            "client certificate and key as data, YAML's null spellings read as absent",
            """
            clusters: [{name: c, cluster: {server: "https://10.0.0.1", proxy-url: "http://proxy:3128", tls-server-name: ~}}]
            users: [{name: u, user: {client-certificate-data: Y2VydA==, client-key-data: a2V5, token: null}}]
            contexts: [{name: x, context: {cluster: c, user: u, namespace: ""}}]
            current-context: x
            """
        },
        {
            "client certificate and key as data, unknown fields ignored",
            $$"""
            clusters:
            - name: c
              cluster:
                server: https://10.0.0.1
                certificate-authority-data: {{CaData}}
                proxy-url: http://proxy:3128
            users:
            - name: u
              user:
                client-certificate-data: Y2VydA==
                client-key-data: a2V5
            contexts:
            - name: x
              context: {cluster: c, user: u}
            current-context: x
            """
        },
    };

    [Theory, MemberData(nameof(Kubeconfigs))]
    public void Gives_the_settings_KubernetesClient_own_reader_gives(string shape, string kubeconfig)
    {
        var path = Write("config", kubeconfig);

        var ours = KubernetesClientConfiguration.BuildConfigFromConfigObject(KubeconfigReader.Read(path));
        var theirs = KubernetesClientConfiguration.BuildConfigFromConfigFile(new FileInfo(path));

        Describe(ours).ShouldBe(Describe(theirs), shape);
    }

    [Fact]
    public void An_exec_plugin_runs_with_its_arguments_and_environment_and_its_token_is_used()
    {
        var plugin = Write("credential.sh", """
            #!/bin/sh
            printf '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"%s-%s-%s"}}' "$1" "$2" "$CLUSTER_PROFILE"
            """);
        File.SetUnixFileMode(plugin, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        var path = Write("config", $$$"""
            clusters: [{name: c, cluster: {server: "https://eks.example"}}]
            users:
            - name: u
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  command: {{{plugin}}}
                  args: [get-token, prod]
                  env:
                  - {name: CLUSTER_PROFILE, value: admin}
                  provideClusterInfo: false
                  interactiveMode: Never
            contexts: [{name: x, context: {cluster: c, user: u}}]
            current-context: x
            """);

        var ours = KubernetesClientConfiguration.BuildConfigFromConfigObject(KubeconfigReader.Read(path));
        var theirs = KubernetesClientConfiguration.BuildConfigFromConfigFile(new FileInfo(path));

        ours.TokenProvider.ShouldNotBeNull();
        Token(ours).ShouldBe("get-token-prod-admin");
        Token(ours).ShouldBe(Token(theirs));
    }

    [Fact]
    public void Relative_certificate_files_are_found_next_to_the_kubeconfig()
    {
        Write("client.crt", "cert");
        Write("client.key", "key");
        var path = Write("config", """
            clusters: [{name: c, cluster: {server: "https://10.0.0.1", insecure-skip-tls-verify: true}}]
            users: [{name: u, user: {client-certificate: client.crt, client-key: client.key}}]
            contexts: [{name: x, context: {cluster: c, user: u}}]
            current-context: x
            """);

        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigObject(KubeconfigReader.Read(path));

        configuration.ClientCertificateFilePath.ShouldBe(Path.Combine(_directory, "client.crt"));
        configuration.ClientKeyFilePath.ShouldBe(Path.Combine(_directory, "client.key"));
    }

    [Theory]
    [InlineData("not YAML at all", "clusters: [unclosed")]
    [InlineData("a list at the top", "- a\n- b")]
    public void A_broken_kubeconfig_is_an_error_that_says_so(string shape, string kubeconfig)
    {
        var path = Write("config", kubeconfig);

        var error = Should.Throw<Exception>(() => KubeconfigReader.Read(path), shape);

        error.ShouldBeOneOf(error as YamlException, error as FormatException);
    }

    [Fact]
    public void The_first_existing_file_of_KUBECONFIG_is_used_before_the_default_file()
    {
        var kubeconfig = """
            clusters: [{name: c, cluster: {server: "https://SERVER.example"}}]
            users: [{name: u, user: {token: t}}]
            contexts: [{name: x, context: {cluster: c, user: u}}]
            current-context: x
            """;
        var second = Write("second", kubeconfig.Replace("SERVER", "second", StringComparison.Ordinal));
        var fallback = Write("default", kubeconfig.Replace("SERVER", "default", StringComparison.Ordinal));

        ClientConfiguration.Load(string.Join(Path.PathSeparator, Path.Combine(_directory, "missing"), second), fallback).Host.ShouldBe("https://second.example");
        ClientConfiguration.Load(null, fallback).Host.ShouldBe("https://default.example");
    }

    [Fact]
    public void Without_any_configuration_the_error_names_what_was_looked_for()
    {
        Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST").ShouldBeNull("the test runs outside a pod");

        var error = Should.Throw<KubeConfigException>(() => ClientConfiguration.Load(Path.Combine(_directory, "missing"), Path.Combine(_directory, "no-default")));

        error.Message.ShouldContain("KUBECONFIG");
        error.Message.ShouldContain("no-default");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string? Token(KubernetesClientConfiguration configuration) =>
        configuration.TokenProvider?.GetAuthenticationHeaderAsync(CancellationToken.None).GetAwaiter().GetResult().Parameter;

    private static string SelfSignedCa()
    {
        using var ca = new TestCertificates("kubeconfig-test-ca");
        return Convert.ToBase64String(ca.CaBundle);
    }

    private static string Describe(KubernetesClientConfiguration c) => string.Join('\n',
        $"host={c.Host}",
        $"namespace={c.Namespace}",
        $"token={c.AccessToken}",
        $"user={c.Username} password={c.Password}",
        $"skipTlsVerify={c.SkipTlsVerify} tlsServerName={c.TlsServerName}",
        $"ca={string.Join(',', c.SslCaCerts?.Select(x => x.Thumbprint) ?? [])}",
        $"clientCert={c.ClientCertificateData} clientKey={c.ClientCertificateKeyData}",
        $"clientCertFile={c.ClientCertificateFilePath} clientKeyFile={c.ClientKeyFilePath}",
        $"context={c.CurrentContext}",
        $"provider={c.TokenProvider?.GetType().Name}");
}
