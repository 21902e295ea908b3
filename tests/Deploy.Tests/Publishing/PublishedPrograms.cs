using System.Reflection;
using k8s.Models;
using Tarnfui.Deploy.Tests.Infrastructure;

namespace Tarnfui.Deploy.Tests.Publishing;

/// <summary>
/// Both programs published once, by scripts/publish.sh (the script the Dockerfile runs), into a temporary
/// folder that plays the image's /app.
/// </summary>
public sealed class PublishedPrograms : IAsyncLifetime, IDisposable
{
    private readonly TemporaryDirectory app = new();

    /// <summary>The folder standing in for the image's <c>/app</c>.</summary>
    public string AppDirectory => app.Path;

    public async Task InitializeAsync()
    {
        // Both programs are compiled to native code at publish, for this machine's platform (a build of their own,
        // beside the one the tests run, so it never races it), which takes minutes each on 2 cores.
        var configuration = typeof(PublishedPrograms).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var result = await ProcessRunner.RunAsync(
            "bash", [Repository.PathOf("scripts", "publish.sh"), app.Path, "--no-build"], TimeSpan.FromMinutes(30),
            environment: new Dictionary<string, string?> { ["CONFIGURATION"] = configuration, ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" });
        result.ExitCode.ShouldBe(0, result.Describe("scripts/publish.sh"));
    }

    /// <summary>Maps a path of the image (<c>/app/webhook/…</c>) to the published file.</summary>
    public string InImage(string imagePath)
    {
        imagePath.ShouldStartWith("/app/");
        return Path.Combine(app.Path, imagePath["/app/".Length..]);
    }

    /// <summary>The container's command with its image paths mapped to the published files, as the container would start it.</summary>
    public IReadOnlyList<string> CommandOf(V1Container container)
    {
        ArgumentNullException.ThrowIfNull(container);
        return [.. container.Command.Select(c => c.StartsWith("/app/", StringComparison.Ordinal) ? InImage(c) : c)];
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => app.Dispose();
}
