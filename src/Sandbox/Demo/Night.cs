using Microsoft.Extensions.Options;
using NodaTime;
using Tarnfui.Core.Durations;
using Tarnfui.Core.Policy;
using Tarnfui.Emulator.Accounting;
using Tarnfui.Emulator.Server;
using Tarnfui.Sandbox.Naive;
using Tarnfui.Sweeper.Notifications;
using Tarnfui.Sweeper.Sweeping;

namespace Tarnfui.Sandbox.Demo;

/// <summary>
/// The timeline itself: moves the clock step by step, runs the moments and the ticks, prints what happened, and
/// keeps the tallies the summary is made of.
/// </summary>
internal sealed class Night(DemoScript script, DemoCluster cluster, DemoMoments moments, NaiveSweeper naive, DemoConsole console, ReplicaCensus before)
{
    private readonly HashSet<WorkloadRef> _stopped = [];
    private readonly HashSet<WorkloadRef> _restored = [];
    private readonly HashSet<WorkloadRef> _respected = [];
    private readonly Dictionary<WorkloadRef, int> _expected = before.Workloads.ToDictionary(w => w.Key, w => w.Value.Replicas);
    private readonly HashSet<WorkloadRef> _suspended = [];
    private readonly HashSet<WorkloadRef> _resumed = [];
    private readonly JobLedger _jobs = new();
    private int _cronJobsHeld;
    private int _refused;
    private int _zeroed;
    private int _ticks;
    private long _peakHeld;
    private int _heldNow;
    private bool _firstStop = true;

    private static readonly TimeSpan NotificationBound = TimeSpan.FromSeconds(60);

    public async Task RunAsync(TimeSpan pace, CancellationToken cancellationToken)
    {
        var previous = script.Start;
        foreach (var (at, moment) in script.Steps())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (at > previous)
            {
                // The CronJob controller runs what fell due since the last step just before this one, as it would have
                // on its own; at the step's own instant it looks after the step acted (a tie goes to the sweeper).
                await ScheduleTickAsync(at - Duration.FromMilliseconds(1));
            }

            previous = at;
            cluster.MoveTo(at);
            if (moment is not null)
            {
                var outcome = await moments.RunAsync(moment, cancellationToken);
                _refused += outcome.Refused ? 1 : 0;
                _zeroed += outcome.Zeroed ? 1 : 0;
                _cronJobsHeld += outcome.CronJobHeld ? 1 : 0;
                if (outcome.Intent is { } intent)
                {
                    _expected[intent] = outcome.IntentReplicas;
                }

                console.Event(script.Local(at), outcome.Text);
            }
            else
            {
                await TickAsync(at, cancellationToken);
            }

            await cluster.SettleAsync();
            await ScheduleTickAsync(at);
            if (pace > TimeSpan.Zero)
            {
                // Pacing for people watching the night go by, not a wait for a condition.
                await Task.Delay(pace, cancellationToken);
            }
        }
    }

    // The emulated CronJob and Job controllers at the instant: Jobs due by then start, the ledger notes them.
    private async Task ScheduleTickAsync(Instant at)
    {
        cluster.MoveTo(at);
        cluster.Server.Controllers.ScheduleTick();
        await cluster.SettleAsync();
        _jobs.Record(cluster.Server.Store);
    }

    private async Task TickAsync(Instant at, CancellationToken cancellationToken)
    {
        _ticks++;
        // The naive sweeper reads first, so both decide on the same cluster state; it writes nothing.
        var naiveTick = await naive.SweepAsync(at, cancellationToken);
        var report = await cluster.Sweeper.SweepAsync(cancellationToken);
        _stopped.UnionWith(report.Stopped.Where(w => w.Kind != WorkloadKind.CronJob));
        _restored.UnionWith(report.Restored.Where(w => w.Kind != WorkloadKind.CronJob));
        _respected.UnionWith(report.RestoreSkipped.Where(w => w.Kind != WorkloadKind.CronJob));
        _suspended.UnionWith(report.Stopped.Where(w => w.Kind == WorkloadKind.CronJob));
        _resumed.UnionWith(report.Restored.Where(w => w.Kind == WorkloadKind.CronJob));
        var changed = report.Stopped.Count + report.Restored.Count + report.RestoreSkipped.Count > 0;
        if (changed)
        {
            await cluster.SettleAsync();
            var census = ReplicaCensus.Take(cluster.Server.Store);
            _peakHeld = Math.Max(_peakHeld, census.ReplicasHeld);
            _heldNow = census.Stopped;
            console.Event(script.Local(at), Describe(report, census, naiveTick));
        }

        await NotifiedAsync(at, report, cancellationToken);

        if (report.Failed.Count > 0)
        {
            console.Event(script.Local(at), $"sweep gave up on {report.Failed.Count} workloads this tick: {string.Join(", ", report.Failed.Take(5))}");
        }

        var local = at.InZone(script.Zone).LocalDateTime;
        console.Progress(
            $"[{_ticks,3}/{script.Ticks.Count}] {script.Local(at)}  held down: {_heldNow,5} workloads" +
            $"  requests so far: Tarnfui {Requests(EmulatorUsers.Sweeper) + Requests(EmulatorUsers.Webhook)}, naive {Requests(EmulatorUsers.NaiveSweeper)}",
            milestone: local.Minute == 0 && local.Hour % 12 == 0);
    }

    // The message the sweep sent its notification target, as the team's channel shows it.
    private async Task NotifiedAsync(Instant at, SweepReport report, CancellationToken cancellationToken)
    {
        var services = cluster.Sweeper.Services;
        var target = services.GetRequiredService<IOptions<NotificationOptions>>().Value.Targets[0];
        var text = await cluster.Notifications.SentForAsync(services.GetRequiredService<SweepDigest>(), target, report, NotificationBound, cancellationToken);
        if (text is not null)
        {
            console.Event(script.Local(at), $"notified (Slack): {text}");
        }
    }

    private string Describe(SweepReport report, ReplicaCensus census, NaiveTick naiveTick)
    {
        var parts = new List<string>();
        var (stopped, suspended) = ByCronJob(report.Stopped);
        var (restored, resumed) = ByCronJob(report.Restored);
        var (skipped, resumeSkipped) = ByCronJob(report.RestoreSkipped);
        if (stopped.Count > 0)
        {
            parts.Add($"stopped {N(stopped.Count)}{Names(stopped)}");
        }

        if (suspended.Count > 0)
        {
            parts.Add($"suspended {N(suspended.Count)} CronJob(s){Names(suspended)}");
        }

        if (restored.Count > 0)
        {
            parts.Add($"restored {N(restored.Count)}{Names(restored)}");
        }

        if (resumed.Count > 0)
        {
            parts.Add($"resumed {N(resumed.Count)} CronJob(s){Names(resumed)}");
        }

        if (skipped.Count > 0)
        {
            parts.Add($"left {N(skipped.Count)} at the count a person set{Names(skipped)}");
        }

        if (resumeSkipped.Count > 0)
        {
            parts.Add($"left {N(resumeSkipped.Count)} CronJob(s) as a person set them{Names(resumeSkipped)}");
        }

        var title = _firstStop && report.Stopped.Count > 0 ? "first stop sweep: " : "sweep: ";
        _firstStop &= report.Stopped.Count == 0;
        return title + string.Join("; ", parts)
               + $"\nnow held down: {N(census.Stopped)} workloads, {N(census.ReplicasHeld)} replicas; this sweep read {N(report.PodPages)} pod page(s), {N(report.OwnerLookups)} owners, {N(report.WorkloadReads)} workloads, wrote {N(report.Writes)}"
               + $"\nnaive sweeper, same tick: listed {N(naiveTick.Listed)} workloads in full, would stop {N(naiveTick.Stops)}, restore {N(naiveTick.Restores)}";
    }

    public DemoSummary Summarise(DemoOptions options, ReplicaCensus after, RequestStatsSnapshot stats, string scaleClient, TimeSpan elapsed)
    {
        var lost = _expected
            .Select(e => (Workload: e.Key, Expected: e.Value, Actual: after[e.Key]?.Replicas ?? -1))
            .Where(e => e.Actual != e.Expected)
            .Select(e => new LostWorkload(e.Workload.ToString(), e.Expected, e.Actual))
            .ToList();
        var restoredExactly = _stopped.Count(w => after[w]?.Replicas == _expected.GetValueOrDefault(w, -1));
        var cronJobs = JobLedger.CronJobs(cluster.Server.Store);
        var reapplied = DemoTargets.ReappliedCronJob;
        var sweeper = Cost(stats, EmulatorUsers.Sweeper);
        var webhook = Cost(stats, EmulatorUsers.Webhook);
        return new DemoSummary
        {
            Namespaces = options.Namespaces,
            Deployments = options.Deployments,
            StatefulSets = options.StatefulSets,
            ZeroFraction = options.ZeroFraction,
            TimeZone = script.Zone.Id,
            Start = Rfc3339(script.Start),
            End = Rfc3339(script.End),
            Tick = GoDuration.Format(script.Tick),
            Ticks = _ticks,
            Workloads = before.Workloads.Count,
            RunningBefore = before.Running,
            Stopped = _stopped.Count,
            Restored = _restored.Count,
            ReplicasHeld = _peakHeld,
            RestoredExactly = restoredExactly,
            Expected = _stopped.Count,
            Lost = lost.Count,
            ScaleUpsZeroed = _zeroed,
            ScaleUpsRefused = _refused,
            ManualChangesRespected = _respected.Count,
            Tarnfui = sweeper + webhook,
            TarnfuiSweeper = sweeper,
            TarnfuiWebhook = webhook,
            Naive = Cost(stats, EmulatorUsers.NaiveSweeper),
            TarnfuiCalls = Calls(stats, EmulatorUsers.Sweeper, EmulatorUsers.Webhook),
            NaiveCalls = Calls(stats, EmulatorUsers.NaiveSweeper),
            ScaleClient = scaleClient,
            ElapsedSeconds = Math.Round(elapsed.TotalSeconds, 1),
            LostWorkloads = lost,
            CronJobs = cronJobs.Count,
            CronJobsSuspended = _suspended.Count,
            CronJobsResumed = _resumed.Count,
            CronJobsRunningAtEnd = cronJobs.Values.Count(c => !c.Suspend),
            CronJobReappliesHeld = _cronJobsHeld,
            ReappliedCronJobRunningAtEnd = cronJobs.TryGetValue($"{reapplied.Namespace}/{reapplied.Name}", out var r) && !r.Suspend && !r.HeldByTarnfui,
            JobWindow = $"{script.Local(script.Evening)} - {script.Local(script.Morning)}",
            JobsStartedInWindow = _jobs.StartedBetween(script.Evening, script.Morning),
            JobsStartedInWindowNames = _jobs.NamesBetween(script.Evening, script.Morning).Take(10).ToList(),
            JobsStartedOutsideWindow = _jobs.Count - _jobs.StartedBetween(script.Evening, script.Morning),
        };
    }

    private long Requests(string user) => cluster.Server.Stats.Snapshot().Count(user: user);

    private static ApiCost Cost(RequestStatsSnapshot stats, string user) =>
        new(stats.Count(user: user), stats.Counts.Where(c => c.User == user).Sum(c => c.Bytes));

    private static SortedDictionary<string, long> Calls(RequestStatsSnapshot stats, params string[] users) =>
        new(stats.Counts.Where(c => users.Contains(c.User))
            .GroupBy(c => $"{c.Verb} {c.Resource}")
            .ToDictionary(g => g.Key, g => g.Sum(c => c.Requests)), StringComparer.Ordinal);

    private string Rfc3339(Instant instant) =>
        NodaTime.Text.OffsetDateTimePattern.Rfc3339.Format(instant.InZone(script.Zone).ToOffsetDateTime());

    private static string N(long value) => SummaryTable.N(value);

    private static (List<WorkloadRef> WithReplicas, List<WorkloadRef> CronJobs) ByCronJob(List<WorkloadRef> workloads) =>
        ([.. workloads.Where(w => w.Kind != WorkloadKind.CronJob)], [.. workloads.Where(w => w.Kind == WorkloadKind.CronJob)]);

    // A handful of names says more than a count; thousands would drown the timeline.
    private static string Names(List<WorkloadRef> workloads) =>
        workloads.Count <= 3 ? " (" + string.Join(", ", workloads) + ")" : "";
}
