using NodaTime.Testing;
using Tarnfui.Cli.Cluster;
using Tarnfui.Cli.Cluster.Connection;

namespace Tarnfui.Cli.Tests.Cluster;

public sealed class KubeconfigResolverTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tarnfui-kubeconfig-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private ClusterEnvironment Environment(Dictionary<string, string>? variables = null, string? home = null) => new()
    {
        Clock = new FakeClock(NodaTime.Instant.FromUtc(2026, 11, 23, 22, 0)),
        Variable = name => variables is not null && variables.TryGetValue(name, out var value) ? value : null,
        Home = home ?? Path.Combine(_dir, "no-home"),
    };

    private string Kubeconfig(string file, string server, string? @namespace = null, string context = "one")
    {
        var path = Path.Combine(_dir, file);
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            current-context: {context}
            clusters:
            - name: c
              cluster:
                server: {server}
            users:
            - name: u
              user:
                token: abc
            contexts:
            - name: one
              context:
                cluster: c
                user: u
                {(@namespace is null ? string.Empty : "namespace: " + @namespace)}
            - name: two
              context:
                cluster: c
                user: u
                namespace: second
            """);
        return path;
    }

    [Fact]
    public void No_kubeconfig_anywhere_says_how_to_provide_one()
    {
        var result = KubeconfigResolver.Resolve(null, null, Environment());

        result.Error.ShouldBe("no kubeconfig found: pass --kubeconfig FILE, set KUBECONFIG, or create ~/.kube/config");
    }

    [Fact]
    public void A_missing_kubeconfig_flag_file_is_named()
    {
        var missing = Path.Combine(_dir, "missing.yaml");

        KubeconfigResolver.Resolve(missing, null, Environment()).Error.ShouldBe($"kubeconfig \"{missing}\" (from --kubeconfig) does not exist");
    }

    [Fact]
    public void The_flag_wins_over_KUBECONFIG_and_the_context_namespace_is_read()
    {
        var flag = Kubeconfig("flag.yaml", "https://127.0.0.1:1111", "shop");
        var env = Kubeconfig("env.yaml", "https://127.0.0.1:2222");

        var config = KubeconfigResolver.Resolve(flag, null, Environment(new() { ["KUBECONFIG"] = env })).Value;

        config.Host.ShouldStartWith("https://127.0.0.1:1111");
        config.Namespace.ShouldBe("shop");
    }

    [Fact]
    public void KUBECONFIG_lists_are_merged_first_file_wins_and_missing_entries_are_skipped()
    {
        var first = Kubeconfig("first.yaml", "https://127.0.0.1:1111");
        var second = Kubeconfig("second.yaml", "https://127.0.0.1:2222");
        var list = string.Join(Path.PathSeparator, Path.Combine(_dir, "absent.yaml"), first, second);

        KubeconfigResolver.Resolve(null, null, Environment(new() { ["KUBECONFIG"] = list })).Value.Host.ShouldStartWith("https://127.0.0.1:1111");
    }

    [Fact]
    public void KUBECONFIG_naming_no_existing_file_is_an_error_not_a_fallback()
    {
        var absent = Path.Combine(_dir, "absent.yaml");

        KubeconfigResolver.Resolve(null, null, Environment(new() { ["KUBECONFIG"] = absent })).Error.ShouldBe($"no kubeconfig: none of the files in KUBECONFIG=\"{absent}\" exists");
    }

    [Fact]
    public void The_home_kubeconfig_is_the_last_resort()
    {
        var home = Path.Combine(_dir, "home");
        Directory.CreateDirectory(Path.Combine(home, ".kube"));
        File.Move(Kubeconfig("config", "https://127.0.0.1:3333"), Path.Combine(home, ".kube", "config"));

        KubeconfigResolver.Resolve(null, null, Environment(home: home)).Value.Host.ShouldStartWith("https://127.0.0.1:3333");
    }

    [Fact]
    public void The_context_flag_selects_another_context_and_its_namespace()
    {
        var path = Kubeconfig("flag.yaml", "https://127.0.0.1:1111");

        KubeconfigResolver.Resolve(path, "two", Environment()).Value.Namespace.ShouldBe("second");
    }

    [Fact]
    public void An_unknown_context_is_named()
    {
        var path = Kubeconfig("flag.yaml", "https://127.0.0.1:1111");

        var result = KubeconfigResolver.Resolve(path, "nope", Environment());

        result.IsValid.ShouldBeFalse();
        result.Error.ShouldContain("nope");
    }
}
