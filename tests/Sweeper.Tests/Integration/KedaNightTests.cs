using System.Text.Json;
using Tarnfui.Core;
using Tarnfui.Emulator.Controllers;
using Tarnfui.Emulator.Server;

namespace Tarnfui.Sweeper.Tests.Integration;

/// <summary>
/// KEDA ScaledObjects through a night against the emulator, written and changed with the real kubectl: the evening
/// pauses each with <c>paused-replicas</c> and the emulated KEDA operator scales its target down itself; KEDA's
/// activation at night starts no pod; the morning puts every target and every <c>paused-replicas</c> back as they
/// were (a person's own paused value included); a person who changes the pause at night keeps it.
/// </summary>
[Collection("KedaSandbox")]
public sealed class KedaNightTests(SweeperSandbox sandbox) : IDisposable
{
    private readonly KubectlRunner _kubectl = KedaSandbox.Kubectl(sandbox.Server);

    public void Dispose() => _kubectl.Dispose();

    [Fact]
    public async Task A_night_with_KEDA_scaled_Deployments_restores_every_one_exactly_and_activation_starts_no_pod()
    {
        await KedaSandbox.InstallCrdAsync(_kubectl);
        var ns = await sandbox.NamespaceAsync("keda-night");
        await sandbox.DeploymentAsync(ns, "worker", 3);
        await sandbox.DeploymentAsync(ns, "idle", 0);
        await sandbox.DeploymentAsync(ns, "held", 2);
        await KedaSandbox.ApplyAsync(_kubectl, ns, "worker", "worker");
        await KedaSandbox.ApplyAsync(_kubectl, ns, "idle", "idle");
        await KedaSandbox.ApplyAsync(_kubectl, ns, "held", "held", pausedReplicas: "2");
        await sandbox.Server.Keda.SyncAsync();
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        var evening = await sweeper.SweepAsync();

        evening.ScaledObjectsPaused.ShouldBe([$"{ns}/worker", $"{ns}/idle", $"{ns}/held"], ignoreOrder: true);
        evening.Stopped.ShouldNotContain(w => w.Namespace == ns, "a KEDA target is paused through its ScaledObject, never stopped directly");
        var worker = await ScaledObjectAsync(ns, "worker");
        Annotation(worker, WellKnown.Keda.PausedReplicas).ShouldBe("0");
        Annotation(worker, WellKnown.Annotations.OriginalReplicas).ShouldBe("3");
        Annotation(await ScaledObjectAsync(ns, "held"), WellKnown.Annotations.OriginalPausedReplicas).ShouldBe("2");
        (await sandbox.ReplicasAsync(ns, "worker")).ShouldBe(3, "KEDA, not Tarnfui, scales the target");

        var keda = await sandbox.Server.Keda.SyncAsync();
        keda.Refused.ShouldBeEmpty();
        await sandbox.SettledAsync();
        (await sandbox.ReplicasAsync(ns, "worker"), await sandbox.ReplicasAsync(ns, "held")).ShouldBe((0, 0));
        (await sandbox.RunningPodsAsync(ns)).ShouldBe(0);

        await _kubectl.SucceedAsync("annotate", "-n", ns, "scaledobject/idle", $"{KedaController.TriggerActiveAnnotation}=true");
        (await sandbox.Server.Keda.SyncAsync()).Scaled.ShouldNotContain($"{ns}/idle", "a paused ScaledObject does not activate");
        await sandbox.SettledAsync();
        (await sandbox.ReplicasAsync(ns, "idle")).ShouldBe(0);
        (await sandbox.RunningPodsAsync(ns)).ShouldBe(0, "KEDA's activation at night starts no pod");

        sandbox.Server.Clock.SetTo(SweeperSandbox.Midnight);
        var midnightVersion = (await ScaledObjectAsync(ns, "worker")).GetProperty("metadata").GetProperty("resourceVersion").GetString();
        var midnight = await sweeper.SweepAsync();
        midnight.ScaledObjectsPaused.ShouldNotContain($"{ns}/worker");
        (await ScaledObjectAsync(ns, "worker")).GetProperty("metadata").GetProperty("resourceVersion").GetString().ShouldBe(midnightVersion, "nothing to write at midnight");

        sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
        var morning = await sweeper.SweepAsync();

        morning.ScaledObjectsUnpaused.ShouldBe([$"{ns}/worker", $"{ns}/idle", $"{ns}/held"], ignoreOrder: true);
        (await sandbox.ReplicasAsync(ns, "worker"), await sandbox.ReplicasAsync(ns, "idle"), await sandbox.ReplicasAsync(ns, "held")).ShouldBe((3, 0, 2));
        Annotation(await ScaledObjectAsync(ns, "worker"), WellKnown.Keda.PausedReplicas).ShouldBeNull();
        Annotation(await ScaledObjectAsync(ns, "held"), WellKnown.Keda.PausedReplicas).ShouldBe("2", "the person's own pause is put back");
        foreach (var name in (string[])["worker", "idle", "held"])
        {
            var after = await ScaledObjectAsync(ns, name);
            WellKnown.Annotations.ScaledObjectState.ShouldAllBe(key => Annotation(after, key) == null);
            Label(after, WellKnown.Labels.Stopped).ShouldBeNull();
        }

        // KEDA carries on: the activation it was refused at night happens now, and the person's pause holds its count.
        (await sandbox.Server.Keda.SyncAsync()).Scaled.ShouldContain($"{ns}/idle");
        (await sandbox.ReplicasAsync(ns, "idle"), await sandbox.ReplicasAsync(ns, "held")).ShouldBe((1, 2));
    }

    [Fact]
    public async Task A_person_who_changes_the_pause_at_night_keeps_it_and_only_the_record_goes()
    {
        await KedaSandbox.InstallCrdAsync(_kubectl);
        var ns = await sandbox.NamespaceAsync("keda-person");
        await sandbox.DeploymentAsync(ns, "web", 3);
        await KedaSandbox.ApplyAsync(_kubectl, ns, "web", "web");
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server);
        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        (await sweeper.SweepAsync()).ScaledObjectsPaused.ShouldContain($"{ns}/web");
        await sandbox.Server.Keda.SyncAsync();

        await _kubectl.SucceedAsync("annotate", "--overwrite", "-n", ns, "so/web", $"{WellKnown.Keda.PausedReplicas}=1");
        await sandbox.Server.Keda.SyncAsync();
        sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
        var morning = await sweeper.SweepAsync();

        morning.ScaledObjectsSkipped.ShouldContain($"{ns}/web");
        morning.ScaledObjectsUnpaused.ShouldNotContain($"{ns}/web");
        var after = await ScaledObjectAsync(ns, "web");
        Annotation(after, WellKnown.Keda.PausedReplicas).ShouldBe("1", "the person's pause wins");
        WellKnown.Annotations.ScaledObjectState.ShouldAllBe(key => Annotation(after, key) == null);
        Label(after, WellKnown.Labels.Stopped).ShouldBeNull();
        (await sandbox.ReplicasAsync(ns, "web")).ShouldBe(1);
        (await sandbox.EventsAsync(ns)).ShouldContain(e => e.Reason == WellKnown.EventReasons.RestoreSkipped && e.Regarding.Kind == WellKnown.Keda.ScaledObjectKind);
    }

    private async Task<JsonElement> ScaledObjectAsync(string ns, string name) =>
        JsonDocument.Parse(await _kubectl.SucceedAsync("get", "-n", ns, "scaledobject", name, "-o", "json")).RootElement;

    private static string? Annotation(JsonElement scaledObject, string key) => Member(scaledObject, "annotations", key);

    private static string? Label(JsonElement scaledObject, string key) => Member(scaledObject, "labels", key);

    private static string? Member(JsonElement scaledObject, string map, string key) =>
        scaledObject.GetProperty("metadata").TryGetProperty(map, out var entries) && entries.TryGetProperty(key, out var value) ? value.GetString() : null;
}
