namespace Tarnfui.Deploy.Tests.Infrastructure;

/// <summary>
/// Renders every kustomization once per test run. The self-signed overlay needs what certs/generate.sh writes,
/// so it is rendered from a copy of manifests/ into which the real script wrote a fresh certificate.
/// </summary>
public sealed class ManifestsFixture : IAsyncLifetime, IDisposable
{
    public const string CertManager = "cert-manager";
    public const string SelfSigned = "self-signed";

    private readonly TemporaryDirectory copy = new();

    public RenderedManifests Base { get; private set; } = null!;

    public RenderedManifests Monitoring { get; private set; } = null!;

    public IReadOnlyDictionary<string, RenderedManifests> Overlays { get; private set; } = null!;

    /// <summary>Where generate.sh wrote ca.crt, tls.crt, … for the self-signed overlay.</summary>
    public string GeneratedDirectory => copy.Combine("manifests", "overlays", "self-signed", "generated");

    public async Task InitializeAsync()
    {
        CopyDirectory(Repository.PathOf("manifests"), copy.Combine("manifests"));
        var generate = await ProcessRunner.RunAsync(
            "bash", [Repository.PathOf("certs", "generate.sh"), "--out", GeneratedDirectory], TimeSpan.FromSeconds(60));
        generate.ExitCode.ShouldBe(0, generate.Describe("certs/generate.sh"));

        Base = await RenderedManifests.RenderAsync(Repository.PathOf("manifests", "base"));
        Monitoring = await RenderedManifests.RenderAsync(Repository.PathOf("manifests", "monitoring"));
        Overlays = new Dictionary<string, RenderedManifests>
        {
            [CertManager] = await RenderedManifests.RenderAsync(Repository.PathOf("manifests", "overlays", CertManager)),
            [SelfSigned] = await RenderedManifests.RenderAsync(copy.Combine("manifests", "overlays", SelfSigned)),
        };
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => copy.Dispose();

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(source))
        {
            // A developer's own generated certificate is not part of what is tested.
            if (Path.GetFileName(directory) != "generated")
            {
                CopyDirectory(directory, Path.Combine(target, Path.GetFileName(directory)));
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ManifestsGroup : ICollectionFixture<ManifestsFixture>
{
    public const string Name = "Manifests";
}
