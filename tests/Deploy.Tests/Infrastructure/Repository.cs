namespace Tarnfui.Deploy.Tests.Infrastructure;

/// <summary>Paths inside the repository the tests run from (found by walking up to Tarnfui.sln).</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>A repository path as kustomize takes it from <paramref name="folder"/>: relative, with forward slashes.</summary>
    public static string RelativeFrom(string folder, params string[] parts) =>
        Path.GetRelativePath(folder, PathOf(parts)).Replace('\\', '/');

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Tarnfui.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Tarnfui.sln above {AppContext.BaseDirectory}: the tests read the repository's manifests and scripts.");
    }
}
