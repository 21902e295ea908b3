using NodaTime;

namespace Tarnfui.Sandbox.Demo;

/// <summary>The scripted moments of the night, besides the sweeps.</summary>
internal enum MomentKind
{
    /// <summary>Before the evening: one running Deployment is told to keep 1 replica off-hours (<c>downtime-replicas</c>).</summary>
    KeepOneReplica,

    /// <summary>A person runs <c>kubectl scale --replicas=3</c> on a stopped Deployment: the webhook refuses it.</summary>
    ScaleUp,

    /// <summary>A deploy pipeline updates a stopped Deployment with replicas 5: zeroed, the intent kept for the morning.</summary>
    ApplyUpdate,

    /// <summary>A person scales the Deployment that keeps 1 replica down to 0: Tarnfui leaves it there in the morning.</summary>
    ManualScaleDown,

    /// <summary>Someone wakes a stopped Deployment for three hours (<c>exclude-until</c>).</summary>
    Wake,
}

/// <summary>One scripted moment, at its simulated instant.</summary>
internal sealed record DemoMoment(Instant At, MomentKind Kind);

/// <summary>
/// The timeline, a pure function of the Friday, the zone and the tick: the evening starts Friday 18:30 local time,
/// half an hour before the default working hours (<c>Mon-Fri 07:00-19:00</c>) end, and the demo ends Monday 07:30,
/// half an hour after they start again. Sweeps run every <see cref="Tick"/> after the start, and once more at the end.
/// </summary>
internal sealed record DemoScript(DateTimeZone Zone, Instant Start, Instant End, Duration Tick, IReadOnlyList<Instant> Ticks, IReadOnlyList<DemoMoment> Moments)
{
    /// <summary>How many running Deployments the moments need: one each for the scale-up, the update, the wake and the manual scale-down.</summary>
    public const int RunningWorkloadsNeeded = 4;

    /// <summary>How long the scripted wake-up lasts.</summary>
    public static readonly Duration WakeFor = Duration.FromHours(3);

    public static DemoScript For(LocalDate friday, DateTimeZone zone, Duration tick)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (friday.DayOfWeek != IsoDayOfWeek.Friday)
        {
            throw new ArgumentException($"{friday} is a {friday.DayOfWeek}, not a Friday", nameof(friday));
        }

        if (tick <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(tick), tick, "the tick must be positive");
        }

        Instant At(int days, int hour, int minute) => (friday.PlusDays(days) + new LocalTime(hour, minute)).InZoneLeniently(zone).ToInstant();
        var start = At(0, 18, 30);
        var end = At(3, 7, 30);
        var ticks = new List<Instant>();
        for (var t = start + tick; t <= end; t += tick)
        {
            ticks.Add(t);
        }

        // Whatever the tick, the last sweep is at the end, so that the morning restore is always played.
        if (ticks.Count == 0 || ticks[^1] != end)
        {
            ticks.Add(end);
        }

        DemoMoment[] moments =
        [
            new(At(0, 18, 40), MomentKind.KeepOneReplica),
            new(At(0, 21, 10), MomentKind.ScaleUp),
            new(At(0, 23, 20), MomentKind.ApplyUpdate),
            new(At(1, 2, 10), MomentKind.ManualScaleDown),
            new(At(1, 10, 5), MomentKind.Wake),
        ];
        return new DemoScript(zone, start, end, tick, ticks, moments);
    }

    /// <summary>The last Friday strictly before <paramref name="today"/>, so the weekend played is one that has passed.</summary>
    public static LocalDate LastFridayBefore(LocalDate today) =>
        today.PlusDays(-1).With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Friday));

    /// <summary>Ticks and moments in the order they happen; at the same instant a moment comes first.</summary>
    public IEnumerable<(Instant At, DemoMoment? Moment)> Steps() =>
        Moments.Select(m => (m.At, (DemoMoment?)m))
            .Concat(Ticks.Select(t => (t, (DemoMoment?)null)))
            .OrderBy(s => s.Item1)
            .ThenBy(s => s.Item2 is null ? 1 : 0);

    /// <summary>How the timeline names an instant: <c>Fri 18:30</c> in the zone.</summary>
    public string Local(Instant instant) =>
        instant.InZone(Zone).LocalDateTime.ToString("ddd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
