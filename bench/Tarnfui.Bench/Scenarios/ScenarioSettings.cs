using System.Globalization;

namespace Tarnfui.Bench.Scenarios;

/// <summary>
/// The sizes and durations of one run. The defaults are the issue's; <see cref="Smoke"/> shrinks everything to a few
/// seconds so that a test can run every scenario and the runner cannot rot.
/// </summary>
internal sealed record ScenarioSettings
{
    /// <summary>
    /// Deployments per sweep-cost cluster: issue 23's pair, so that <c>scenario all</c> alone writes the million-Deployment
    /// figures and their growth from the size before (smaller clusters with <c>--sizes</c>).
    /// </summary>
    public IReadOnlyList<int> Sizes { get; init; } = [100_000, 1_000_000];

    /// <summary>Ticks of a 12 h night at the sweeper's default 30 s interval: the stop sweep and the night sweeps; the restore opens the day.</summary>
    public int NightTicks { get; init; } = 12 * 60 * 2;

    /// <summary>Night ticks Tarnfui's sweeper really runs per cluster (the rest, if any, is extrapolated and said so).</summary>
    public int MeasuredNightTicks { get; init; } = (12 * 60 * 2) - 1;

    /// <summary>Running pods of the sweeper-memory cluster.</summary>
    public int MemoryPods { get; init; } = 50_000;

    /// <summary>Child-process starts per program for the start-up medians.</summary>
    public int StartupRuns { get; init; } = 5;

    /// <summary>Warm-up of each endpoint of the webhook scenario before its rounds (WebhookLoad.WarmUpAsync says why 8 s).</summary>
    public TimeSpan WebhookWarmup { get; init; } = TimeSpan.FromSeconds(8);

    public TimeSpan WebhookMeasure { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Admissions per second of the open-loop latency run.</summary>
    public int WebhookRate { get; init; } = 1_000;

    /// <summary>Timed restore sweeps per case of notification-cost (no target, a target that hangs), alternated.</summary>
    public int NotificationRounds { get; init; } = 12;

    /// <summary>
    /// Rounds of notification-cost run first and not counted: the first rounds of a process time the JIT compiling the
    /// emulator, the sweeper and the receiver (several times a warm round), not the sweep.
    /// </summary>
    public int NotificationWarmupRounds { get; init; } = 4;

    /// <summary>Deployments each notification-cost evening sweep stops.</summary>
    public int NotificationWorkloads { get; init; } = 200;

    /// <summary>Measured admissions of the Deployment with a 1,000-part schedule (webhook-abuse).</summary>
    public int AbuseLatencyRequests { get; init; } = 200;

    /// <summary>Junk reviews sent to the webhook (webhook-abuse).</summary>
    public int AbuseJunkReviews { get; init; } = 100_000;

    /// <summary>Bound on the long-schedule loop of webhook-abuse: it stops there, done or not, and reports how far it got.</summary>
    public TimeSpan AbuseLatencyBound { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Bound on the junk loop of webhook-abuse, likewise.</summary>
    public TimeSpan AbuseJunkBound { get; init; } = TimeSpan.FromMinutes(10);

    public bool Smoke { get; init; }

    /// <summary>The sweeper the scenarios run and judge: the native build in full runs (what the image ships), JIT in smoke runs.</summary>
    public SweeperBuild Sweeper { get; init; } = SweeperBuild.Jit;

    /// <summary>The command line that reproduces the run, for the report.</summary>
    public string Command { get; init; } = "";

    public static ScenarioSettings ForSmoke() => new()
    {
        Sizes = [300],
        MeasuredNightTicks = 20,
        MemoryPods = 400,
        StartupRuns = 1,
        NotificationRounds = 1,
        NotificationWarmupRounds = 0,
        NotificationWorkloads = 10,
        WebhookWarmup = TimeSpan.FromMilliseconds(300),
        WebhookMeasure = TimeSpan.FromMilliseconds(700),
        WebhookRate = 200,
        AbuseLatencyRequests = 10,
        AbuseJunkReviews = 500,
        AbuseLatencyBound = TimeSpan.FromSeconds(30),
        AbuseJunkBound = TimeSpan.FromMinutes(1),
        Smoke = true,
    };

    public static IReadOnlyList<int> ParseSizes(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture))];
}
