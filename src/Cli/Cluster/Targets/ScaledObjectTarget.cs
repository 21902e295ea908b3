namespace Tarnfui.Cli.Cluster.Targets;

/// <summary>
/// A KEDA ScaledObject named on the command line as kubectl names one: <c>scaledobject/NAME</c>, <c>so/NAME</c>,
/// <c>scaledobjects.keda.sh/NAME</c>. It is no workload kind: Tarnfui pauses it rather than stopping it.
/// </summary>
internal static class ScaledObjectTarget
{
    // KEDA's CRD: singular scaledobject, plural scaledobjects, short name so, group keda.sh.
    private static readonly HashSet<string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        "scaledobject", "scaledobjects", "so", "scaledobject.keda.sh", "scaledobjects.keda.sh",
    };

    /// <summary>The ScaledObject's name when <paramref name="text"/> names one (KIND/NAME with a ScaledObject kind), else null.</summary>
    public static string? NameIn(string? text)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && slash < trimmed.Length - 1 && Aliases.Contains(trimmed[..slash]) ? trimmed[(slash + 1)..] : null;
    }
}
