using k8s;
using Tarnfui.Core;
using Tarnfui.Testing;

namespace Tarnfui.Sweeper.Tests.Integration;

[Collection("Sandbox")]
public class LeaderElectionTests(SweeperSandbox sandbox)
{
    private static readonly string[] ShortLease =
    [
        "--Sweeper:LeaderElection=true",
        "--Sweeper:LeaseDuration=3s",
        "--Sweeper:RenewDeadline=2s",
        "--Sweeper:RetryPeriod=200ms",
        "--Sweeper:Interval=100ms",
    ];

    [Fact]
    public async Task Only_the_leader_writes_and_the_other_takes_over_when_it_stops()
    {
        var ns = await sandbox.NamespaceAsync("leader");
        await sandbox.DeploymentAsync(ns, "api", 3);
        await sandbox.SettledAsync();
        sandbox.Server.Clock.SetTo(SweeperSandbox.Noon);
        var writesOfOne = new WriteCounter();
        var writesOfTwo = new WriteCounter();
        await using var one = TestSweeper.Create(sandbox.Server, "sweeper-one", () => writesOfOne, ShortLease);
        await using var two = TestSweeper.Create(sandbox.Server, "sweeper-two", () => writesOfTwo, ShortLease);
        await one.StartAsync();
        await two.StartAsync();
        await Eventually.UntilAsync(sandbox.Server.Store, () => one.Metrics.Leader.Value + two.Metrics.Leader.Value == 1, "one of them leads");
        var (leader, follower, leaderWrites, followerWrites) = one.Metrics.Leader.Value == 1
            ? (one, two, writesOfOne, writesOfTwo)
            : (two, one, writesOfTwo, writesOfOne);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        await Eventually.UntilAsync(sandbox.Server.Store, async () => await sandbox.ReplicasAsync(ns, "api") == 0, "the leader stops the workload");
        leaderWrites.Writes.ShouldBeGreaterThan(0);
        followerWrites.Writes.ShouldBe(0, "the follower never writes a workload");
        follower.Metrics.SweepDuration.WithLabels("ok").Count.ShouldBe(0);

        // The leader shuts down gracefully: it releases the Lease (no holder left, or the follower already took it), so
        // the other does not wait for it to expire.
        var leaderIdentity = leader == one ? "sweeper-one" : "sweeper-two";
        await leader.StopAsync();
        var lease = await sandbox.Admin.CoordinationV1.ReadNamespacedLeaseAsync(WellKnown.Objects.SweeperLease, WellKnown.Objects.Namespace);
        lease.Spec.HolderIdentity.ShouldNotBe(leaderIdentity, "released on shutdown");
        await Eventually.UntilAsync(sandbox.Server.Store, () => follower.Metrics.Leader.Value == 1, "the follower takes over");

        sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
        await Eventually.UntilAsync(sandbox.Server.Store, async () => await sandbox.ReplicasAsync(ns, "api") == 3, "the new leader restores the workload");
        // The Restored event is written after the restore patch that the wait above wakes on.
        await Eventually.UntilAsync(sandbox.Server.Store, async () => (await sandbox.EventsAsync(ns)).Any(e => e.Reason == WellKnown.EventReasons.Restored), "the restore is recorded");
        followerWrites.Writes.ShouldBeGreaterThan(0);
        (await sandbox.EventsAsync(ns)).Where(e => e.Reason == WellKnown.EventReasons.Restored).Select(e => e.ReportingInstance).ShouldBe([follower == one ? "sweeper-one" : "sweeper-two"]);
    }

    [Fact]
    public async Task A_leader_renews_its_Lease_with_one_update_and_no_read()
    {
        var leaseRequests = new LeaseRequestCounter();
        await using var sweeper = TestSweeper.Create(sandbox.Server, "sweeper-renewing", () => leaseRequests, ShortLease);
        await sweeper.StartAsync();
        await Eventually.UntilAsync(sandbox.Server.Store, () => sweeper.Metrics.Leader.Value == 1, "it leads");
        var (readsBefore, updatesBefore) = leaseRequests.Counts;

        await Eventually.UntilAsync(sandbox.Server.Store, () => leaseRequests.Counts.Updates >= updatesBefore + 5, "five more renewals");

        var (readsAfter, _) = leaseRequests.Counts;
        (readsAfter - readsBefore).ShouldBe(0, "each renewal starts from the record its last write put on the server");
        sweeper.Metrics.Leader.Value.ShouldBe(1);
    }

    /// <summary>Counts the Lease reads (GET) and updates (PUT) one sweeper's client sends.</summary>
    private sealed class LeaseRequestCounter : DelegatingHandler
    {
        private int _reads;
        private int _updates;

        public (int Reads, int Updates) Counts => (Volatile.Read(ref _reads), Volatile.Read(ref _updates));

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath.Contains("/leases/", StringComparison.Ordinal))
            {
                if (request.Method == HttpMethod.Get)
                {
                    Interlocked.Increment(ref _reads);
                }
                else if (request.Method == HttpMethod.Put)
                {
                    Interlocked.Increment(ref _updates);
                }
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Counts the workload writes one sweeper's client sends (its identity, seen from the client side).</summary>
    private sealed class WriteCounter : DelegatingHandler
    {
        private int _writes;

        public int Writes => Volatile.Read(ref _writes);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Patch && request.RequestUri!.AbsolutePath.Contains("/deployments/", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _writes);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
