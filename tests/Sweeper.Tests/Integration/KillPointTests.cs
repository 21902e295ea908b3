using k8s;
using Tarnfui.Core;

namespace Tarnfui.Sweeper.Tests.Integration;

[Collection("Sandbox")]
public class KillPointTests(SweeperSandbox sandbox)
{
    private static readonly Dictionary<string, int> Counts = new() { ["a"] = 3, ["b"] = 1, ["c"] = 5, ["d"] = 2, ["e"] = 4 };

    [Fact]
    public async Task Fifty_random_kill_points_each_end_in_the_correct_state()
    {
        var ns = await sandbox.NamespaceAsync("kill");
        foreach (var (name, replicas) in Counts)
        {
            await sandbox.DeploymentAsync(ns, name, replicas);
        }

        await sandbox.StatefulSetAsync(ns, "db", 2);
        await sandbox.SettledAsync();
        var random = new Random(20261123);

        for (var round = 0; round < 25; round++)
        {
            // Evening: a sweeper dies at a random request, a fresh one finishes the job.
            sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
            await KillThenRecoverAsync(random, $"round {round} evening");
            foreach (var (name, replicas) in Counts)
            {
                var d = await sandbox.ReadAsync(ns, name);
                d.Spec.Replicas.ShouldBe(0, $"round {round}: {name} stopped");
                d.Metadata.Annotations[WellKnown.Annotations.OriginalReplicas].ShouldBe(replicas.ToString(System.Globalization.CultureInfo.InvariantCulture), $"round {round}: {name} keeps its count");
            }

            await sandbox.SettledAsync();

            // Morning: the same, the other way round.
            sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
            await KillThenRecoverAsync(random, $"round {round} morning");
            foreach (var (name, replicas) in Counts)
            {
                var d = await sandbox.ReadAsync(ns, name);
                d.Spec.Replicas.ShouldBe(replicas, $"round {round}: {name} restored exactly");
                d.Metadata.Labels.ContainsKey(WellKnown.Labels.Stopped).ShouldBeFalse($"round {round}: {name} state removed");
            }

            (await sandbox.Admin.AppsV1.ReadNamespacedStatefulSetAsync("db", ns)).Spec.Replicas.ShouldBe(2, $"round {round}");
            await sandbox.SettledAsync();
        }
    }

    private async Task KillThenRecoverAsync(Random random, string because)
    {
        // Kill before the request, after it took effect (the response is lost), or by cancelling the sweep.
        var killAt = random.Next(1, 24);
        var mode = (KillMode)random.Next(3);
        using var cancel = new CancellationTokenSource();
        var killer = new Killer(killAt, mode, cancel);
        await using (var doomed = TestSweeper.Create(sandbox.Server, "doomed", () => killer))
        {
            try
            {
                await doomed.SweepAsync(cancel.Token);
            }
            catch (Exception e) when (e is KilledException or OperationCanceledException)
            {
            }
        }

        await using var fresh = TestSweeper.Create(sandbox.Server, "fresh");
        var report = await fresh.SweepAsync();
        report.Failed.ShouldBeEmpty(because);
    }

    private enum KillMode
    {
        BeforeRequest,
        AfterResponse,
        Cancel,
    }

    private sealed class KilledException : Exception;

    private sealed class Killer(int killAt, KillMode mode, CancellationTokenSource cancel) : DelegatingHandler
    {
        private int _requests;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref _requests);
            if (n == killAt && mode == KillMode.BeforeRequest)
            {
                throw new KilledException();
            }

            if (n == killAt && mode == KillMode.Cancel)
            {
                await cancel.CancelAsync();
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (n == killAt && mode == KillMode.AfterResponse)
            {
                response.Dispose();
                throw new KilledException();
            }

            return response;
        }
    }
}
