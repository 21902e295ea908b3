using k8s;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tarnfui.Core;
using Tarnfui.Emulator.Faults;
using Tarnfui.Emulator.Server;
using Tarnfui.Sweeper.Hosting;
using Tarnfui.Sweeper.Tests.Hosting;
using Tarnfui.Testing;

namespace Tarnfui.Sweeper.Tests.Integration;

/// <summary>
/// Issue 14, defect 6: a leader paused past its lease went on writing after it resumed, while another instance held
/// the Lease. Here the leader's renewals are frozen on the real Lease path (the sandbox answers them 409), another
/// identity takes the Lease, and the leader's monotonic clock jumps past the renew deadline as a resumed process's
/// does, while its elector's timers, long in real time, have not yet fired. A sandbox of its own: its request log
/// then holds this leader's requests and no other sweeper's, and its fault and Lease touch no other test.
/// </summary>
public class DeposedLeaderTests(SweeperSandbox sandbox) : IClassFixture<SweeperSandbox>
{
    // Long in real time, so that the elector's own timers stay silent during the test, as a paused process's do.
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan RenewDeadline = TimeSpan.FromMinutes(1);

    private static readonly string[] LongLease =
    [
        "--Sweeper:LeaderElection=true",
        "--Sweeper:LeaseDuration=2m",
        "--Sweeper:RenewDeadline=1m",
        "--Sweeper:RetryPeriod=200ms",
        // One sweep on taking the lead; the test runs the next one itself.
        "--Sweeper:Interval=1h",
    ];

    [Fact]
    public async Task A_leader_whose_renewals_froze_writes_nothing_once_another_holds_the_Lease()
    {
        var ns = await sandbox.NamespaceAsync("deposed");
        await sandbox.DeploymentAsync(ns, "api", 3);
        await sandbox.StatefulSetAsync(ns, "db", 2);
        await sandbox.SettledAsync();
        sandbox.Server.Clock.SetTo(SweeperSandbox.Noon);
        var monotonic = new SteppedTimestamps();
        await using var leader = TestSweeper.Create(sandbox.Server, "sweeper-paused", null,
            services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(monotonic)), LongLease);
        await leader.StartAsync();
        await Eventually.UntilAsync(sandbox.Server.Store, () => leader.Metrics.SweepDuration.WithLabels("ok").Count >= 1, "it leads and has swept at noon");

        // Frozen: from here on its renewals are refused, and another identity holds the Lease. Then it resumes: more
        // than the renew deadline has passed on its monotonic clock, and it sweeps in the evening.
        sandbox.Server.Faults.Add(new FaultRule { Kind = FaultKind.Conflict, Verbs = ["update"], Resources = ["leases"], User = EmulatorUsers.Sweeper });
        await TakeLeaseAsync("sweeper-other");
        monotonic.Advance(RenewDeadline + TimeSpan.FromSeconds(1));
        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);

        var ended = await Record.ExceptionAsync(() => leader.SweepAsync());

        sandbox.Server.Stats.Requests()
            .Where(r => r.User == EmulatorUsers.Sweeper && r.Verb is "create" or "update" or "patch" or "delete" && r.Resource != "leases")
            .Select(r => $"{r.Method} {r.Path}")
            .ShouldBeEmpty("the deposed leader patches no workload and posts no Event");
        (await sandbox.ReplicasAsync(ns, "api")).ShouldBe(3);
        (await sandbox.Admin.AppsV1.ReadNamespacedStatefulSetAsync("db", ns)).Spec.Replicas.ShouldBe(2);
        (await sandbox.EventsAsync(ns)).ShouldBeEmpty();
        ended.ShouldBeOfType<LeadershipLostException>("the first held-back write ends the sweep");
        leader.Metrics.FencedWrites.WithLabels(LeadershipFence.Patch).Value.ShouldBe(1, "one stop was held back, not one per workload");
    }

    // Another candidate's acquisition, written as LeaderElector writes it once the Lease has expired in its eyes.
    private async Task TakeLeaseAsync(string identity)
    {
        // A renewal of the leader still in flight when the test reads the Lease makes the update conflict; like
        // LeaderElector, read again and retry (bounded by attempts, not time).
        var other = new LeaseLock(sandbox.Admin, WellKnown.Objects.Namespace, WellKnown.Objects.SweeperLease, identity);
        var taken = false;
        for (var attempt = 0; attempt < 20 && !taken; attempt++)
        {
            var record = await other.GetAsync();
            record.HolderIdentity = identity;
            record.AcquireTime = record.RenewTime = DateTime.UtcNow;
            record.LeaseDurationSeconds = (int)LeaseDuration.TotalSeconds;
            record.LeaderTransitions++;
            taken = await other.UpdateAsync(record);
        }

        taken.ShouldBeTrue("the Lease changes hands");
    }
}
