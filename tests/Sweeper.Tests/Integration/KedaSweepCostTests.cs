using Tarnfui.Core;
using Tarnfui.Emulator.Server;
using Tarnfui.Testing;
using Xunit.Abstractions;

namespace Tarnfui.Sweeper.Tests.Integration;

/// <summary>
/// Issue 18's bound for KEDA: with 1,000 ScaledObjects paused for the night, a night sweep costs at most five requests,
/// because the ScaledObjects are a watched view and their targets' annotations were read before the evening's writes.
/// Its own sandbox: the thousand Deployments it makes keep the controllers busy long after it ends.
/// </summary>
[Collection("KedaCostSandbox")]
public sealed class KedaSweepCostTests(SweeperSandbox sandbox, ITestOutputHelper output) : IDisposable
{
    private const int ScaledObjects = 1_000;
    private readonly KubectlRunner _kubectl = KedaSandbox.Kubectl(sandbox.Server);

    public void Dispose() => _kubectl.Dispose();

    [Fact]
    public async Task A_thousand_paused_ScaledObjects_leave_the_night_sweep_at_five_requests()
    {
        await KedaSandbox.InstallCrdAsync(_kubectl);
        var ns = await sandbox.NamespaceAsync("keda-cost");
        foreach (var batch in Enumerable.Range(0, ScaledObjects).Chunk(50))
        {
            await Task.WhenAll(batch.Select(i => CreateAsync(ns, $"worker-{i:D4}")));
        }

        // The targets are at zero: no pod for the controllers to start, and nothing to wait for.
        await using var sweeper = TestSweeper.Create(sandbox.Server);
        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        var evening = await sweeper.SweepAsync();
        evening.ScaledObjectsPaused.Count(key => key.StartsWith(ns + "/", StringComparison.Ordinal)).ShouldBe(ScaledObjects);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Midnight);
        var before = LastSequence();
        var night = await sweeper.SweepAsync();
        var requests = sandbox.Server.Stats.Requests().Where(r => r.Sequence > before && r.User == EmulatorUsers.Sweeper).ToList();
        output.WriteLine($"night sweep over {ScaledObjects} paused ScaledObjects: {requests.Count} requests, {requests.Sum(r => r.Bytes)} bytes  "
            + string.Join(", ", requests.GroupBy(r => $"{r.Verb} {r.Resource}").Select(g => $"{g.Key}={g.Count()}")));

        night.ScaledObjectsPaused.ShouldBeEmpty();
        night.Writes.ShouldBe(0);
        requests.Count.ShouldBeLessThanOrEqualTo(5, string.Join(", ", requests.Select(r => $"{r.Verb} {r.Resource}")));
        requests.ShouldNotContain(r => r.Path.Contains(WellKnown.Keda.Group, StringComparison.Ordinal), "the watch keeps the ScaledObjects current");
    }

    private long LastSequence() => sandbox.Server.Stats.LastSequence;

    // A target KEDA scaled to zero (no pods), and its ScaledObject.
    private async Task CreateAsync(string ns, string name)
    {
        await sandbox.DeploymentAsync(ns, name, 0);
        await KedaScaledObjects.CreateAsync(sandbox.Admin, ns, name, name);
    }
}
