using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using NodaTime;
using Tarnfui.Emulator.Server;
using Tarnfui.Sandbox.InProcess;

namespace Tarnfui.Bench.Scenarios.Notifications;

/// <summary>
/// <c>scenario notification-cost</c>: what a notification receiver that never answers costs the sweeps after it. A fresh
/// cluster and sweeper each time: the evening stop, then the Monday restore, timed; with no notification target, and
/// with one CloudEvents target that holds every request (the evening's message is still in flight through the whole
/// restore), alternated round by round so that both cases see the same machine; the medians side by side.
/// </summary>
internal static class NotificationCostRun
{
    public const string Name = "notification-cost";
    public const string Heading = "## Notifications: a receiver that hangs";

    // The claim is "never delays a sweep": the median with a hanging receiver within a tenth of the one without.
    private const double RatioTarget = 1.10;

    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    public static async Task<ScenarioOutcome> RunAsync(ScenarioSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        var machine = MachineFacts.Now();
        var without = new List<double>();
        var hanging = new List<double>();
        var held = 0;
        for (var round = -settings.NotificationWarmupRounds; round < settings.NotificationRounds; round++)
        {
            // A then B, then B then A: whatever the order itself costs (the previous round's garbage, a core taken by
            // the other case's leftovers) weighs on both cases alike.
            foreach (var withReceiver in round % 2 == 0 ? [false, true] : new[] { true, false })
            {
                var (elapsed, heldNow) = await TimedCaseAsync(settings.NotificationWorkloads, withReceiver, cancellationToken);
                if (round >= 0)
                {
                    (withReceiver ? hanging : without).Add(elapsed);
                    held += heldNow;
                }
            }
        }

        var medianWithout = Medians.Of(without);
        var medianHanging = Medians.Of(hanging);
        var ratio = medianHanging / medianWithout;
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  restore sweep median: {medianWithout:F1} ms without a target, {medianHanging:F1} ms with one that hangs ({ratio:F2}×)"));
        TargetCheck[] targets =
        [
            new(string.Create(CultureInfo.InvariantCulture, $"a receiver that hangs adds at most {(RatioTarget - 1) * 100:0}% to the next sweep (median)"),
                string.Create(CultureInfo.InvariantCulture, $"{medianHanging:F1} ms vs {medianWithout:F1} ms: {ratio:F2}×"), ratio <= RatioTarget),
        ];

        var text = MarkdownSections.Begin(Heading, settings, machine);
        text.AppendLine(CultureInfo.InvariantCulture, $"{settings.NotificationWorkloads:N0} running Deployments (one namespace, one replica each), stopped on a Friday evening and restored on");
        text.AppendLine("Monday morning by the sweeper hosted in the benchmark process against a fresh emulated API server over loopback");
        text.AppendLine("HTTP; the restore sweep is timed around `SweepRunner.SweepAsync`. Case A: no notification target. Case B: one");
        text.AppendLine("CloudEvents target on loopback that accepts every request and never answers (attempt timeout one hour): the restore");
        text.AppendLine("starts once it holds the evening's message, which stays in flight throughout. In both cases the morning starts once the");
        text.AppendLine("emulated controllers have taken the evening's pods down. Each case runs with a fresh cluster and");
        text.AppendLine(CultureInfo.InvariantCulture, $"sweeper, in {settings.NotificationRounds} timed rounds (A then B, then B then A, and so on) after {settings.NotificationWarmupRounds} rounds that are not counted (the JIT");
        text.AppendLine(CultureInfo.InvariantCulture, $"compiling the process's code); the heap is collected before each timed sweep. The receivers held {held} request(s) in the");
        text.AppendLine("timed rounds.").AppendLine();
        text.AppendLine("| case | median | min | max |");
        text.AppendLine("|---|---:|---:|---:|");
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| no notification target | {medianWithout:F1} ms | {without.Min():F1} ms | {without.Max():F1} ms |"));
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| a target that hangs | {medianHanging:F1} ms | {hanging.Min():F1} ms | {hanging.Max():F1} ms |"));
        text.AppendLine().AppendLine("The sweep only formats one message and puts it on the target's queue; the hang is paid by the target's background");
        text.AppendLine("sender alone. The test `A_receiver_that_hangs_does_not_hold_the_next_sweep` checks the same without a clock: a whole");
        text.AppendLine("sweep runs, stops a new workload and queues its message while the receiver is still holding the previous one.");
        text.AppendLine().AppendLine("Target (issue 20):").AppendLine();
        text.Append(TargetCheck.Table(targets));

        var figures = new JsonObject
        {
            ["command"] = settings.Command,
            ["machine"] = machine.ToJson(),
            ["workloads"] = settings.NotificationWorkloads,
            ["rounds"] = settings.NotificationRounds,
            ["warmupRounds"] = settings.NotificationWarmupRounds,
            ["withoutTargetMs"] = new JsonArray([.. without.Select(ms => (JsonNode)Math.Round(ms, 2))]),
            ["hangingTargetMs"] = new JsonArray([.. hanging.Select(ms => (JsonNode)Math.Round(ms, 2))]),
            ["heldRequests"] = held,
            ["ratio"] = Math.Round(ratio, 3),
            ["targets"] = new JsonArray([.. targets.Select(t => (JsonNode)t.ToJson())]),
        };
        return new ScenarioOutcome(Name, text.ToString(), figures, targets);
    }

    private static async Task<(double Elapsed, int Held)> TimedCaseAsync(int workloads, bool withReceiver, CancellationToken cancellationToken)
    {
        if (!withReceiver)
        {
            return (await RestoreSweepAsync(workloads, receiver: null, cancellationToken), 0);
        }

        await using var receiver = await HangingReceiver.StartAsync(cancellationToken);
        return (await RestoreSweepAsync(workloads, receiver, cancellationToken), receiver.Held);
    }

    private static async Task<double> RestoreSweepAsync(int workloads, HangingReceiver? receiver, CancellationToken cancellationToken)
    {
        // Friday 21:00 UTC: off-hours for the default schedule, so the first sweep stops every running Deployment.
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { StartTime = Instant.FromUtc(2026, 11, 27, 21, 0), Speed = 0 }, cancellationToken);
        using var admin = server.CreateClient();
        await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "shop" } }, cancellationToken: cancellationToken);
        for (var i = 0; i < workloads; i++)
        {
            await admin.AppsV1.CreateNamespacedDeploymentAsync(Deployment($"app-{i:D4}"), "shop", cancellationToken: cancellationToken);
        }

        await server.Controllers.SettledAsync(Bound);
        string[] settings = receiver is null ? [] :
        [
            "--Notifications:Targets:0:Name=hang",
            $"--Notifications:Targets:0:Url={receiver.Url}",
            "--Notifications:Targets:0:Format=cloudevents",
            "--Notifications:AttemptTimeout=1h",
        ];
        await using var sweeper = await HostedSweeper.CreateAsync(server,
            ["--Logging:LogLevel:Tarnfui=Warning", "--Sweeper:LeaderElection=false", "--Sweeper:Qps=100000", "--Sweeper:Burst=100000", .. settings], cancellationToken);
        var evening = await sweeper.SweepAsync(cancellationToken);
        Require(evening.Stopped.Count, workloads, "stopped");
        if (receiver is not null)
        {
            await receiver.FirstHeld.WaitAsync(Bound, cancellationToken);
        }

        // The controllers finish taking the evening's pods down before the morning is timed, in both cases alike.
        await server.Controllers.SettledAsync(Bound);

        // Monday 07:05 UTC: working hours, so the sweep restores every one of them.
        server.Clock.SetTo(Instant.FromUtc(2026, 11, 30, 7, 5));
        // The garbage of the rounds before (whole emulated clusters) is collected now, not in whichever sweep is timed next.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var watch = Stopwatch.StartNew();
        var morning = await sweeper.SweepAsync(cancellationToken);
        var elapsed = watch.Elapsed.TotalMilliseconds;
        Require(morning.Restored.Count, workloads, "restored");
        return elapsed;
    }

    private static void Require(int done, int workloads, string what)
    {
        if (done != workloads)
        {
            throw new InvalidOperationException($"the sweep {what} {done} of {workloads} Deployments: the two cases would not compare");
        }
    }

    private static V1Deployment Deployment(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = name } },
        Spec = new V1DeploymentSpec
        {
            Replicas = 1,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx:1.27", Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m") } } }] },
            },
        },
    };
}
