namespace Tarnfui.Deploy.Tests.Monitoring;

/// <summary>
/// <c>prometheus</c> and <c>promtool</c> from Debian's <c>prometheus</c> package, which scripts/install-prerequisites.sh
/// installs. A missing binary fails the test: a skip would hide that the rules were never checked.
/// </summary>
internal static class PrometheusTools
{
    public static string Promtool => Locate("promtool");

    public static string Prometheus => Locate("prometheus");

    private static string Locate(string name)
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return folders.Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{name} is not on PATH ({string.Join(Path.PathSeparator, folders)}): run scripts/install-prerequisites.sh, which installs Debian's prometheus package");
    }
}
