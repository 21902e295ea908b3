namespace Tarnfui.Testing;

/// <summary>The repository the tests run from, found by walking up from the test assembly to Tarnfui.sln.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    public static string PathOf(params string[] parts) => System.IO.Path.Combine([Root.Value, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Tarnfui.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Tarnfui.sln above {AppContext.BaseDirectory}: the tests read files of the repository.");
    }
}
