using System.Diagnostics;
using System.Globalization;
using NodaTime;
using Tarnfui.Core.Durations;
using Tarnfui.Emulator.Server;
using Tarnfui.Sandbox.Naive;

namespace Tarnfui.Sandbox.Demo;

/// <summary>
/// Plays the night: starts the <see cref="DemoCluster"/>, takes the census before the evening, then walks the
/// <see cref="DemoScript"/> step by step — the people's moments, and at each tick the naive sweeper and Tarnfui's
/// sweeper on the same cluster state — and ends with the final check against the census and the API bill.
/// </summary>
internal sealed class DemoRunner(DemoOptions options, DemoConsole console, IClock realClock)
{
    public async Task<DemoSummary> RunAsync(CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        var zone = DateTimeZoneProviders.Tzdb[options.TimeZone];
        var friday = options.Friday ?? DemoScript.LastFridayBefore(realClock.GetCurrentInstant().InZone(zone).Date);
        var script = DemoScript.For(friday, zone, options.Tick);
        console.Line($"Tarnfui demo: an emulated cluster from {Long(script, script.Start)} to {Long(script, script.End)} ({zone.Id}), "
                     + $"a sweep every {GoDuration.Format(script.Tick)} of simulated time; working hours Mon-Fri 07:00-19:00.");
        console.Line();

        await using var cluster = await DemoCluster.StartAsync(options, script, cancellationToken);
        var before = ReplicaCensus.Take(cluster.Server.Store);
        var targets = DemoTargets.Pick(before);
        var temp = Directory.CreateTempSubdirectory("tarnfui-demo-");
        try
        {
            var kubeconfig = cluster.Server.WriteKubeconfig(Path.Combine(temp.FullName, "kubeconfig"));
            var kubectl = KubectlRunner.Find(options.Kubectl, kubeconfig, temp.FullName);
            using var admin = cluster.Server.CreateClient();
            using var naiveClient = cluster.Server.CreateClient(EmulatorUsers.NaiveSweeper);
            var play = new Night(script, cluster, new DemoMoments(admin, kubectl, targets, script), new NaiveSweeper(naiveClient, cluster.Policy, NaiveSweepMode.ReadOnlyLikeKubeDownscaler), console, before);
            console.Event(script.Local(script.Start),
                $"evening: {SummaryTable.N(cluster.Seeded.Namespaces)} namespaces, {SummaryTable.N(before.Workloads.Count)} workloads "
                + $"({SummaryTable.N(before.Running)} running, {SummaryTable.N(before.Replicas)} replicas), {SummaryTable.N(cluster.Seeded.Pods)} pods; "
                + "webhook and sweeper started; snapshot taken");
            await play.RunAsync(options.Pace, cancellationToken);
            console.EndProgress();

            var after = ReplicaCensus.Take(cluster.Server.Store);
            // The sandbox accounts a request when it ends: the bill is read once the whole cluster has stopped, so the
            // long-running watches of the sweeper and the webhook are in it.
            var stats = cluster.Server.Stats;
            await cluster.DisposeAsync();
            return play.Summarise(options, after, stats.Snapshot(), kubectl is null ? "KubernetesClient" : "kubectl", elapsed.Elapsed);
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    private static string Long(DemoScript script, Instant instant) =>
        instant.InZone(script.Zone).LocalDateTime.ToString("ddd uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
