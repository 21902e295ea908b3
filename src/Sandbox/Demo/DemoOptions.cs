using System.Globalization;
using NodaTime;
using Tarnfui.Core.Durations;
using Tarnfui.Emulator.Seeding;

namespace Tarnfui.Sandbox.Demo;

/// <summary>
/// What <c>sandbox demo</c> plays: the cluster shape, the zone whose working hours apply, the Friday the evening
/// starts on, how often the sweepers tick on the simulated clock, and where the summary goes.
/// </summary>
internal sealed record DemoOptions
{
    public int Namespaces { get; init; } = 200;

    public int Deployments { get; init; } = 5_000;

    public double ZeroFraction { get; init; } = 0.95;

    public int StatefulSets { get; init; } = 100;

    /// <summary>Replicas of each seeded workload that runs.</summary>
    public int RunningReplicas { get; init; } = 2;

    public int Seed { get; init; } = 1;

    /// <summary>The tzdb zone of the global schedule (<c>Schedule:TimeZone</c>) and of the timeline.</summary>
    public string TimeZone { get; init; } = "Europe/Berlin";

    /// <summary>The Friday the evening starts on; null = the last Friday before today.</summary>
    public LocalDate? Friday { get; init; }

    /// <summary>Simulated time between two sweeps (both Tarnfui's and the naive one's).</summary>
    public Duration Tick { get; init; } = Duration.FromHours(1);

    /// <summary>CronJobs seeded beside the workloads (quarter-hourly, nightly and weekday-morning schedules in turn); the re-apply moment needs one.</summary>
    public int CronJobs { get; init; } = 3;

    /// <summary>Real time to wait after each tick, to watch the night go by; zero runs as fast as the machine allows.</summary>
    public TimeSpan Pace { get; init; } = TimeSpan.Zero;

    /// <summary>The kubectl binary for the scripted <c>kubectl scale</c>; null or missing = the same PATCH through KubernetesClient.</summary>
    public string? Kubectl { get; init; } = "/usr/bin/kubectl";

    /// <summary>Where to write the JSON summary; null = nowhere.</summary>
    public string? JsonPath { get; init; }

    /// <summary>Serve the read-only dashboard on the demo's cluster while it plays (its URL on stderr); with <see cref="Pace"/> there is time to watch it.</summary>
    public bool Dashboard { get; init; }

    /// <summary>The seeded cluster: the realistic extras (kube-system, DaemonSets, finished Jobs, an excluded namespace,
    /// an operator-owned Deployment, one with its own schedule) come with every shape.</summary>
    public ClusterShape Shape => new()
    {
        Namespaces = Namespaces,
        Deployments = Deployments,
        StatefulSets = StatefulSets,
        ZeroFraction = ZeroFraction,
        RunningReplicas = RunningReplicas,
        Nodes = 3,
        KubeSystemPods = 2,
        DaemonSets = 2,
        FinishedJobPods = Math.Max(1, Namespaces / 10),
        CronJobs = CronJobs,
        OperatorOwnedDeployments = 1,
        ExcludedNamespace = true,
        OwnScheduleUptime = OwnScheduleUptime,
        Seed = Seed,
    };

    /// <summary>The uptime of the Deployment with its own schedule: it works Saturdays too, until 22:00.</summary>
    public string OwnScheduleUptime => $"Mon-Sat 07:00-22:00 {TimeZone}";

    /// <summary>Why the options cannot be played, naming the option and its value; null when they can.</summary>
    public string? Validate()
    {
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone) is null)
        {
            return $"--zone must be a tzdb zone id such as Europe/Berlin, got \"{TimeZone}\"";
        }

        if (Friday is { DayOfWeek: not IsoDayOfWeek.Friday } day)
        {
            return $"--friday must be a Friday, got \"{day.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture)}\" ({day.DayOfWeek})";
        }

        // The first stop sweep must come before the scripted 21:10 scale-up, which is refused as a stopped workload's.
        if (Tick < Duration.FromMinutes(1) || Tick > Duration.FromHours(2))
        {
            return $"--tick must be between 1m and 2h, got \"{GoDuration.Format(Tick)}\"";
        }

        var running = Deployments - (int)Math.Round(Deployments * ZeroFraction, MidpointRounding.AwayFromZero);
        if (ZeroFraction is >= 0 and <= 1 && running < DemoScript.RunningWorkloadsNeeded)
        {
            return $"--deployments {Deployments} with --zero-fraction {ZeroFraction.ToString(CultureInfo.InvariantCulture)} leaves {running} running Deployments; the scripted moments need at least {DemoScript.RunningWorkloadsNeeded}";
        }

        if (Pace < TimeSpan.Zero)
        {
            return $"--pace must not be negative, got \"{GoDuration.Format(Pace)}\"";
        }

        if (CronJobs < 1)
        {
            return $"the demo needs at least one CronJob for its re-apply moment, got {CronJobs}";
        }

        return Shape.Validate() is { } error ? "shape options: " + error : null;
    }
}
