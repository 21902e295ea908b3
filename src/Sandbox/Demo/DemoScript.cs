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

    /// <summary>A pipeline re-applies a suspended CronJob with <c>suspend: false</c>: held suspended, the intent kept for Monday.</summary>
    ReapplyCronJob,
}

/// <summary>One scripted moment, at its simulated instant.</summary>
internal sealed record DemoMoment(Instant At, MomentKind Kind);

/// <summary>
/// The timeline, a pure function of the Friday, the zone and the tick: the evening starts Friday 18:30 local time,
/// half an hour before the default working hours (<c>Mon-Fri 07:00-19:00</c>) end, and the demo ends Monday 07:30,
/// half an hour after they start again. Sweeps run every <see cref="Tick"/> after the start, once more at the end, and
/// at <see cref="Evening"/> and <see cref="Morning"/> themselves, where a sweeper sweeping every 30 s would sweep too.
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
        var ticks = new SortedSet<Instant>();
        for (var t = start + tick; t <= end; t += tick)
        {
            ticks.Add(t);
        }

        // Whatever the tick, the last sweep is at the end, so that the morning restore is always played, and one is
        // where working hours end and start: a CronJob's schedule is not the demo's tick.
        ticks.Add(end);
        ticks.Add(At(0, 19, 0));
        ticks.Add(At(3, 7, 0));

        DemoMoment[] moments =
        [
            new(At(0, 18, 40), MomentKind.KeepOneReplica),
            new(At(0, 21, 10), MomentKind.ScaleUp),
            new(At(0, 23, 20), MomentKind.ApplyUpdate),
            new(At(1, 2, 10), MomentKind.ManualScaleDown),
            new(At(1, 10, 5), MomentKind.Wake),
            new(At(2, 1, 30), MomentKind.ReapplyCronJob),
        ];
        return new DemoScript(zone, start, end, tick, [.. ticks], moments);
    }

    /// <summary>Friday 19:00, where the default working hours end: from here until <see cref="Morning"/> no Job may start.</summary>
    public Instant Evening => (LocalDate(Start) + new LocalTime(19, 0)).InZoneLeniently(Zone).ToInstant();

    /// <summary>Monday 07:00, where the default working hours start again.</summary>
    public Instant Morning => (LocalDate(End) + new LocalTime(7, 0)).InZoneLeniently(Zone).ToInstant();

    private LocalDate LocalDate(Instant instant) => instant.InZone(Zone).Date;

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
