using k8s;
using Tarnfui.Core;
using Tarnfui.Emulator.Faults;
using Tarnfui.Emulator.Server;

namespace Tarnfui.Sweeper.Tests.Integration;

[Collection("FaultSandbox")]
public class FaultTests(SweeperSandbox sandbox)
{
    private static readonly Dictionary<string, int> Counts = new() { ["a"] = 3, ["b"] = 1, ["c"] = 2 };

    // Each case asserts that its faults were met, so none is left to a random draw, which on some runs faults nothing:
    // the order of the sweeper's concurrent requests (sweep, watches, retries) varies, but every Nth of them is
    // faulted however they interleave. A night of two sweeps over these workloads sends the sweeper's identity some
    // 30 requests (lists, owner reads, a PATCH and an Event per workload each sweep), so each Every fires.
    public static TheoryData<string, FaultRule[]> Faults => new()
    {
        { "500 and 503, each on every 10th request", [new FaultRule { Kind = FaultKind.InternalError, Every = 10 }, new FaultRule { Kind = FaultKind.ServiceUnavailable, Every = 10 }] },
        { "429 with Retry-After on every 10th request", [new FaultRule { Kind = FaultKind.TooManyRequests, Every = 10, RetryAfterSeconds = 1 }] },
        { "409 storm on every workload write", [new FaultRule { Kind = FaultKind.Conflict, PerObject = 3 }] },
        { "409 storm longer than a sweep's retries", [new FaultRule { Kind = FaultKind.Conflict, PerObject = 8 }] },
        { "200 ms latency", [new FaultRule { Kind = FaultKind.Latency, Latency = TimeSpan.FromMilliseconds(200) }] },
        { "dropped connections before the server acts, every 5th request", [new FaultRule { Kind = FaultKind.DropConnection, Every = 5 }] },
        { "dropped connections after the write took effect, every 5th request", [new FaultRule { Kind = FaultKind.DropConnection, Every = 5, AfterProcessing = true }] },
        { "watch streams cut", [new FaultRule { Kind = FaultKind.WatchCut, WatchEvents = 1 }] },
    };

    [Theory, MemberData(nameof(Faults))]
    public async Task The_night_converges_under_faults_with_no_count_lost(string because, FaultRule[] faults)
    {
        var ns = await sandbox.NamespaceAsync("fault");
        foreach (var (name, replicas) in Counts)
        {
            await sandbox.DeploymentAsync(ns, name, replicas);
        }

        await sandbox.StatefulSetAsync(ns, "db", 2);
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server, "faulty", null, "--Sweeper:MaxAttempts=8");
        foreach (var fault in faults)
        {
            // Only the sweeper's requests are faulted: the test's own reads and the controllers stay exact.
            sandbox.Server.Faults.Add(fault with { User = EmulatorUsers.Sweeper });
        }

        try
        {
            sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
            await SweepUntilAsync(sweeper, async () => await AllAsync(ns, (d, _) => d == 0), because + ": evening");
            foreach (var (name, replicas) in Counts)
            {
                (await sandbox.ReadAsync(ns, name)).Metadata.Annotations[WellKnown.Annotations.OriginalReplicas]
                    .ShouldBe(replicas.ToString(System.Globalization.CultureInfo.InvariantCulture), because);
            }

            await sandbox.SettledAsync();
            sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
            await SweepUntilAsync(sweeper, async () => await AllAsync(ns, (d, original) => d == original), because + ": morning");
            foreach (var fault in faults)
            {
                sandbox.Server.Faults.Injected.GetValueOrDefault(fault.Kind).ShouldBeGreaterThan(0, $"{because}: {fault.Kind} was injected");
            }
        }
        finally
        {
            sandbox.Server.Faults.Clear();
        }

        (await sandbox.Admin.AppsV1.ReadNamespacedStatefulSetAsync("db", ns)).Spec.Replicas.ShouldBe(2, because);
        foreach (var name in Counts.Keys)
        {
            (await sandbox.ReadAsync(ns, name)).Metadata.Labels.ContainsKey(WellKnown.Labels.Stopped).ShouldBeFalse(because);
        }

        // Leave nothing running for the next case's sweeps to walk (they may run at 200 ms a request).
        foreach (var name in Counts.Keys)
        {
            await sandbox.Admin.AppsV1.DeleteNamespacedDeploymentAsync(name, ns);
        }

        await sandbox.Admin.AppsV1.DeleteNamespacedStatefulSetAsync("db", ns);
        await sandbox.SettledAsync();
    }

    // A sweep that fails outright (a list out of retries) is simply followed by the next one, as the worker does.
    // Sweeps run back to back here, not 30 s apart; a sweep never acts on a view whose watch is down (it lists
    // again first), so a few sweeps converge however long a faulted watch stays in its client's backoff.
    private static async Task SweepUntilAsync(TestSweeper sweeper, Func<Task<bool>> done, string because)
    {
        for (var sweep = 0; sweep < 12; sweep++)
        {
            try
            {
                await sweeper.SweepAsync();
            }
            catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException or IOException or TaskCanceledException)
            {
            }

            if (await done())
            {
                return;
            }
        }

        (await done()).ShouldBeTrue($"{because}: converged within 12 sweeps");
    }

    private async Task<bool> AllAsync(string ns, Func<int, int, bool> holds)
    {
        foreach (var (name, original) in Counts)
        {
            if (!holds((await sandbox.ReadAsync(ns, name)).Spec.Replicas ?? 1, original))
            {
                return false;
            }
        }

        var db = await sandbox.Admin.AppsV1.ReadNamespacedStatefulSetAsync("db", ns);
        return holds(db.Spec.Replicas ?? 1, 2);
    }
}
