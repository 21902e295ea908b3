namespace Tarnfui.Sweeper.Notifications;

/// <summary>
/// The headers of a target from a mounted Secret: one file per key, named as the header. The kubelet's own entries
/// (<c>..data</c>, <c>..2026_…</c>) start with a dot and are not keys.
/// </summary>
internal static class TargetHeaders
{
    public static IEnumerable<(string Name, string Value)> Read(string? directory)
    {
        if (directory is null || !Directory.Exists(directory))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(directory))
        {
            var name = Path.GetFileName(file);
            if (!name.StartsWith('.'))
            {
                yield return (name, File.ReadAllText(file).Trim());
            }
        }
    }
}
