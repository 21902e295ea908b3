using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Xunit;

namespace Tarnfui.Testing;

/// <summary>
/// The kubectl matrix: the Kubernetes minors whose kubectl the end-to-end tests run, as theory data, and each one's
/// binary in the cache that scripts/install-prerequisites.sh fills (<c>.cache/clients/v1.NN/kubectl</c>). The
/// machine's <c>/usr/bin/kubectl</c> may be a dispatcher that picks a version from the server's, so the matrix
/// never uses it. A missing or mislabelled binary fails the test: a skip would hide that a version was not tried.
/// </summary>
public static class KubectlVersions
{
    /// <summary>
    /// 1.28, the last kubectl that reads OpenAPI v2 before apply and explain; 1.30, 1.32 (the emulator's own version)
    /// and 1.35, the newest.
    /// </summary>
    public static IReadOnlyList<string> All { get; } = ["1.28", "1.30", "1.32", "1.35"];

    /// <summary>One theory case per version: <c>[Theory, MemberData(nameof(KubectlVersions.Each), MemberType = typeof(KubectlVersions))]</c>.</summary>
    public static TheoryData<string> Each => new(All);

    private static readonly ConcurrentDictionary<string, Lazy<string>> Checked = new();

    /// <summary>The cached kubectl of <paramref name="version"/> (1.NN), checked once to be that version.</summary>
    public static string PathOf(string version) =>
        Checked.GetOrAdd(version, v => new Lazy<string>(() => Locate(v))).Value;

    private static string Locate(string version)
    {
        if (!All.Contains(version))
        {
            throw new ArgumentException($"kubectl {version} is not in the matrix ({string.Join(", ", All)})", nameof(version));
        }

        var path = RepositoryRoot.PathOf(".cache", "clients", "v" + version, "kubectl");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"kubectl {version} is not at {path}: run scripts/install-prerequisites.sh");
        }

        var reported = ClientVersion(path);
        return reported == version
            ? path
            : throw new InvalidOperationException($"{path} says it is kubectl {reported}, not {version}: run scripts/install-prerequisites.sh");
    }

    // `kubectl version --client -o json` needs no server: {"clientVersion":{"major":"1","minor":"30",…},…}
    private static string ClientVersion(string path)
    {
        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["version", "--client", "-o", "json"])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {path}");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{path} version --client did not finish");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{path} version --client failed: {error.Result}");
        }

        var client = JsonDocument.Parse(output).RootElement.GetProperty("clientVersion");
        return $"{client.GetProperty("major").GetString()}.{client.GetProperty("minor").GetString()}";
    }
}
