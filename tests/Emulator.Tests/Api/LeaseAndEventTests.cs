using k8s;
using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Emulator.Tests.Server;

namespace Tarnfui.Emulator.Tests.Api;

[Collection("Sandbox")]
public sealed class LeaseAndEventTests(SandboxFixture fixture)
{
    private readonly Kubernetes _client = fixture.Client;

    [Fact]
    public async Task Lease_can_be_created_read_and_replaced()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var now = DateTime.UtcNow;
        await _client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease
        {
            Metadata = new V1ObjectMeta { Name = WellKnown.Objects.SweeperLease },
            Spec = new V1LeaseSpec { HolderIdentity = "sweeper-a", LeaseDurationSeconds = 15, AcquireTime = now, RenewTime = now },
        }, ns);

        var lease = await _client.CoordinationV1.ReadNamespacedLeaseAsync(WellKnown.Objects.SweeperLease, ns);
        lease.Spec.HolderIdentity = "sweeper-b";
        var replaced = await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, WellKnown.Objects.SweeperLease, ns);

        replaced.Spec.HolderIdentity.ShouldBe("sweeper-b");
        replaced.Spec.LeaseDurationSeconds.ShouldBe(15);
    }

    [Fact]
    public async Task Events_can_be_created_in_both_apis()
    {
        var ns = await fixture.CreateNamespaceAsync();

        var created = await _client.EventsV1.CreateNamespacedEventAsync(SweeperStopEvent(ns, new V1ObjectMeta { GenerateName = "web." }, "Stopped deployment web: 3 -> 0 replicas"), ns);
        await _client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = "web.1" },
            Reason = "ScalingReplicaSet",
            Message = "Scaled down",
            InvolvedObject = new V1ObjectReference { Kind = "Deployment", Name = "web", NamespaceProperty = ns },
        }, ns);

        created.Metadata.Name.ShouldStartWith("web.");
        (await _client.EventsV1.ListNamespacedEventAsync(ns)).Items.ShouldContain(e => e.Reason == WellKnown.EventReasons.Stopped);
        (await _client.CoreV1.ReadNamespacedEventAsync("web.1", ns)).Reason.ShouldBe("ScalingReplicaSet");
    }

    [Fact]
    public async Task Events_are_selected_by_involved_object_as_kubectl_describe_asks()
    {
        var ns = await fixture.CreateNamespaceAsync();
        foreach (var (name, target) in new[] { ("a.1", "web"), ("b.1", "db") })
        {
            await _client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
            {
                Metadata = new V1ObjectMeta { Name = name },
                Reason = "ScalingReplicaSet",
                Type = "Normal",
                InvolvedObject = new V1ObjectReference { Kind = "Deployment", Name = target, NamespaceProperty = ns },
            }, ns);
        }

        var selected = await _client.CoreV1.ListNamespacedEventAsync(ns,
            fieldSelector: $"involvedObject.name=web,involvedObject.namespace={ns},involvedObject.kind=Deployment,type!=Warning");

        selected.Items.Select(e => e.Metadata.Name).ShouldBe(["a.1"]);
    }

    [Fact]
    public async Task An_event_written_through_either_api_is_one_event_read_through_both()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await _client.EventsV1.CreateNamespacedEventAsync(SweeperStopEvent(ns, new V1ObjectMeta { Name = "web.stop" }, "Stopped deployment web: 3 -> 0 replicas"), ns);
        await _client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = "web.scaled" },
            Reason = "ScalingReplicaSet",
            Message = "Scaled down replica set web-1 to 0",
            Count = 2,
            Source = new V1EventSource { Component = "deployment-controller" },
            InvolvedObject = new V1ObjectReference { Kind = "Deployment", Name = "web", NamespaceProperty = ns },
        }, ns);

        // The core API, as kubectl describe and the dashboard ask, sees the sweeper's Event with its fields renamed.
        var core = await _client.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: "involvedObject.kind=Deployment,involvedObject.name=web");
        core.Items.Select(e => e.Metadata.Name).Order().ShouldBe(["web.scaled", "web.stop"]);
        var stop = core.Items.Single(e => e.Metadata.Name == "web.stop");
        (stop.Message, stop.InvolvedObject.Name, stop.ReportingComponent, stop.Action).ShouldBe(
            ("Stopped deployment web: 3 -> 0 replicas", "web", WellKnown.Events.SweeperController, WellKnown.Events.StopAction));

        // And events.k8s.io sees the core one, its deprecated fields filled from the core ones, selected by the same labels.
        var scaled = await _client.EventsV1.ReadNamespacedEventAsync("web.scaled", ns);
        (scaled.Note, scaled.Regarding.Name, scaled.DeprecatedCount, scaled.DeprecatedSource.Component).ShouldBe(
            ("Scaled down replica set web-1 to 0", "web", 2, "deployment-controller"));
        var selected = await _client.EventsV1.ListNamespacedEventAsync(ns, fieldSelector: "involvedObject.name=web,reason=Stopped");
        selected.Items.Select(e => e.Metadata.Name).ShouldBe(["web.stop"]);
    }

    [Fact]
    public async Task A_patch_through_events_k8s_io_changes_the_event_the_core_api_reads_and_a_delete_removes_it_from_both()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await _client.EventsV1.CreateNamespacedEventAsync(SweeperStopEvent(ns, new V1ObjectMeta { Name = "web.stop" }, "first"), ns);

        await _client.EventsV1.PatchNamespacedEventAsync(
            new V1Patch("""{"note":"second","series":{"count":2,"lastObservedTime":"2026-11-27T19:00:30.000000Z"}}""", V1Patch.PatchType.MergePatch), "web.stop", ns);

        var core = await _client.CoreV1.ReadNamespacedEventAsync("web.stop", ns);
        (core.Message, core.Series?.Count).ShouldBe(("second", 2));
        await _client.CoreV1.DeleteNamespacedEventAsync("web.stop", ns);
        (await _client.EventsV1.ListNamespacedEventAsync(ns)).Items.ShouldBeEmpty();
    }

    // A Stopped Event as the sweeper writes it, through events.k8s.io/v1, about Deployment web.
    private static Eventsv1Event SweeperStopEvent(string ns, V1ObjectMeta metadata, string note) => new()
    {
        Metadata = metadata,
        EventTime = DateTime.UtcNow,
        Reason = WellKnown.EventReasons.Stopped,
        Action = WellKnown.Events.StopAction,
        ReportingController = WellKnown.Events.SweeperController,
        ReportingInstance = "sweeper-a",
        Type = "Normal",
        Note = note,
        Regarding = new V1ObjectReference { Kind = "Deployment", Name = "web", NamespaceProperty = ns, ApiVersion = "apps/v1" },
    };
}
