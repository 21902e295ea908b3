using k8s.Models;
using NodaTime;
using Tarnfui.Emulator.Seeding;
using Tarnfui.Emulator.Tests.Controllers;

namespace Tarnfui.Emulator.Tests.Seeding;

// The harness clock starts on Monday 2026-11-23 at 09:00 UTC.
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class CronJobSeedingTests : IAsyncLifetime
{
    private static readonly ClusterShape Shape = new() { Namespaces = 2, Deployments = 0, KubeSystemPods = 0, DaemonSets = 0, Nodes = 1, CronJobs = 6 };

    private ControllerHarness _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = new ControllerHarness();
        using (_cluster.Controllers.SeedingScope())
        {
            StoreSeeder.Seed(_cluster.Store, Shape, _cluster.Clock.GetCurrentInstant());
        }

        await _cluster.SettledAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private List<V1CronJob> CronJobs() => ClusterSeeder.Namespaces(Shape).SelectMany(n => _cluster.List<V1CronJob>(n.Name)).ToList();

    private List<V1Job> Jobs() => ClusterSeeder.Namespaces(Shape).SelectMany(n => _cluster.List<V1Job>(n.Name)).ToList();

    [Fact]
    public void The_cronjobs_take_the_seeded_schedules_in_turn_over_the_namespaces_and_run_nothing_yet()
    {
        var cronJobs = CronJobs();
        cronJobs.Count.ShouldBe(6);
        cronJobs.GroupBy(c => c.Spec.Schedule).ToDictionary(g => g.Key, g => g.Count())
            .ShouldBe(new Dictionary<string, int> { ["*/15 * * * *"] = 2, ["0 2 * * *"] = 2, ["30 6 * * 1-5"] = 2 }, ignoreOrder: true);
        cronJobs.Select(c => c.Metadata.NamespaceProperty).Distinct().Count().ShouldBe(2);
        cronJobs.ShouldAllBe(c => c.Spec.Suspend == false);
        Jobs().ShouldBeEmpty();
    }

    [Fact]
    public async Task Only_the_quarter_hourly_ones_run_in_the_next_quarter_hour()
    {
        await _cluster.AdvanceAsync(Duration.FromMinutes(15));

        var owners = Jobs().Select(j => j.Metadata.OwnerReferences.Single().Name).Order(StringComparer.Ordinal).ToList();
        owners.ShouldBe(CronJobs().Where(c => c.Spec.Schedule == "*/15 * * * *").Select(c => c.Metadata.Name).Order(StringComparer.Ordinal).ToList());
    }
}
