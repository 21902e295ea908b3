using NodaTime;

namespace Tarnfui.Cli.Cluster;

/// <summary>What the cluster commands take from the process: the clock, environment variables and the home directory.</summary>
/// <remarks>Tests pass their own, so that they never change the process environment other tests run in.</remarks>
public sealed class ClusterEnvironment
{
    /// <summary>The clock <c>--now</c> and <c>TARNFUI_NOW</c> override.</summary>
    public required IClock Clock { get; init; }

    public Func<string, string?> Variable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Where <c>~/.kube/config</c> is looked for; null when there is no home.</summary>
    public string? Home { get; init; } = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    /// <summary>The process's own environment variables and home, with the clock the composition chose.</summary>
    public static ClusterEnvironment FromProcess(IClock clock) => new() { Clock = clock };
}
