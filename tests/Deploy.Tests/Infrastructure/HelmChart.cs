namespace Tarnfui.Deploy.Tests.Infrastructure;

/// <summary>The chart in charts/tarnfui, rendered with the real helm of the matrix.</summary>
internal static class HelmChart
{
    /// <summary>The release name and namespace of the operations guide, which give the kustomize base's names.</summary>
    public const string Release = "tarnfui";
    public const string Namespace = "tarnfui";

    public static string Folder => Repository.PathOf("charts", "tarnfui");

    /// <summary><c>helm template</c> of the chart with <paramref name="options"/> (e.g. <c>--set k=v</c>).</summary>
    public static async Task<RenderedManifests> TemplateAsync(string helm, params string[] options)
    {
        var result = await HelmVersions.RunAsync(helm, ["template", Release, Folder, "--namespace", Namespace, .. options]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(result.Describe($"helm {helm} template {string.Join(' ', options)}"));
        }

        return RenderedManifests.Load(result.StandardOutput);
    }
}
