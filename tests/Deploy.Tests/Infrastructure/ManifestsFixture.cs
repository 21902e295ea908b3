namespace Tarnfui.Deploy.Tests.Infrastructure;

/// <summary>
/// Renders every kustomization, and the chart in each certificate mode with each helm, once per test run. The
/// self-signed overlay needs what certs/generate.sh writes, so it is rendered from a copy of manifests/ into which the
/// real script wrote a fresh certificate; the chart's <c>secret</c> mode names that certificate's CA. The checks of
/// an installation (RBAC, webhook registration, pods) run over <see cref="InstallNames"/>: both ways to install are
/// held to the same rules by the same code.
/// </summary>
public sealed class ManifestsFixture : IAsyncLifetime, IDisposable
{
    public const string CertManager = "cert-manager";
    public const string SelfSigned = "self-signed";

    /// <summary>The chart's certificate modes (values.yaml <c>certificates.mode</c>).</summary>
    public static readonly IReadOnlyList<string> ChartModes = ["self-signed", "cert-manager", "secret"];

    private readonly TemporaryDirectory copy = new();

    /// <summary>Every installable rendering: the two overlays, then the chart per helm and certificate mode.</summary>
    public static IReadOnlyList<string> InstallNames { get; } =
        [CertManager, SelfSigned, .. HelmVersions.All.SelectMany(helm => ChartModes.Select(mode => Chart(helm, mode)))];

    public static TheoryData<string> EachInstall => [.. InstallNames];

    public RenderedManifests Base { get; private set; } = null!;

    public RenderedManifests Monitoring { get; private set; } = null!;

    public IReadOnlyDictionary<string, RenderedManifests> Installs { get; private set; } = null!;

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
        var installs = new Dictionary<string, RenderedManifests>
        {
            [CertManager] = await RenderedManifests.RenderAsync(Repository.PathOf("manifests", "overlays", CertManager)),
            [SelfSigned] = await RenderedManifests.RenderAsync(copy.Combine("manifests", "overlays", SelfSigned)),
        };
        foreach (var helm in HelmVersions.All)
        {
            foreach (var mode in ChartModes)
            {
                installs[Chart(helm, mode)] = await HelmChart.TemplateAsync(helm, ChartOptions(mode));
            }
        }

        Installs = installs;
    }

    /// <summary>The name of the chart's rendering with <paramref name="helm"/> in certificate mode <paramref name="mode"/>.</summary>
    public static string Chart(string helm, string mode) => $"chart (helm {helm}, {mode})";

    /// <summary>The helm options of one certificate mode; <c>secret</c> names the Secret generate.sh writes.</summary>
    public string[] ChartOptions(string mode) => mode switch
    {
        "secret" =>
        [
            "--set", "certificates.mode=secret", "--set", "certificates.secret.name=tarnfui-webhook-tls",
            "--set", "certificates.secret.caBundle=" + Convert.ToBase64String(File.ReadAllBytes(Path.Combine(GeneratedDirectory, "ca.crt"))),
        ],
        _ => ["--set", $"certificates.mode={mode}"],
    };

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
