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

        var created = await _client.EventsV1.CreateNamespacedEventAsync(new Eventsv1Event
        {
            Metadata = new V1ObjectMeta { GenerateName = "web." },
            EventTime = DateTime.UtcNow,
            Reason = WellKnown.EventReasons.Stopped,
            Action = WellKnown.Events.StopAction,
            ReportingController = WellKnown.Events.SweeperController,
            ReportingInstance = "sweeper-a",
            Type = "Normal",
            Note = "Stopped deployment web: 3 -> 0 replicas",
            Regarding = new V1ObjectReference { Kind = "Deployment", Name = "web", NamespaceProperty = ns, ApiVersion = "apps/v1" },
        }, ns);
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
}
