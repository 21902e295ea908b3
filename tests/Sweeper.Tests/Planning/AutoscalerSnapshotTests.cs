using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Core.Autoscaling;
using Tarnfui.Core.Policy;
using Tarnfui.Sweeper.Kube;

namespace Tarnfui.Sweeper.Tests.Planning;

/// <summary>What the sweeper keeps of an HPA: the workload it scales (a kind stopped by its count only), its bounds, its record's keys.</summary>
public class AutoscalerSnapshotTests
{
    public static TheoryData<string, string, string, string?> Targets => new()
    {
        // because, scaleTargetRef apiVersion, kind, the workload kept
        { "a Deployment", "apps/v1", "Deployment", "Deployment" },
        { "a StatefulSet", "apps/v1", "StatefulSet", "StatefulSet" },
        { "an old group is not the kind the sweeper stops", "extensions/v1beta1", "Deployment", null },
        { "a ReplicaSet is not stopped by Tarnfui", "apps/v1", "ReplicaSet", null },
        { "a CronJob has no count to scale", "batch/v1", "CronJob", null },
        { "a custom resource", "example.io/v1", "Widget", null },
    };

    [Theory, MemberData(nameof(Targets))]
    public void The_target_is_kept_only_for_a_kind_stopped_by_its_count(string because, string apiVersion, string kind, string? expected)
    {
        var snapshot = KubeApi.AutoscalerSnapshotOf(Hpa(apiVersion, kind, null));

        snapshot.Target?.Kind.ToString().ShouldBe(expected, because);
        if (expected is not null)
        {
            snapshot.Target.ShouldBe(new WorkloadRef(WorkloadKind.Of(expected), "shop", "web"), because);
        }
    }

    [Fact]
    public void Only_the_records_keys_are_kept_and_an_HPA_with_other_annotations_is_told_from_one_without()
    {
        var withRecord = KubeApi.AutoscalerSnapshotOf(Hpa("apps/v1", "Deployment", new Dictionary<string, string>
        {
            ["kubectl.kubernetes.io/last-applied-configuration"] = "{}",
            [WellKnown.Annotations.OriginalMaxReplicas] = "5",
            [WellKnown.Annotations.OriginalMinReplicas] = "2",
            [WellKnown.Annotations.HeldReplicas] = "1",
        }));
        var others = KubeApi.AutoscalerSnapshotOf(Hpa("apps/v1", "Deployment", new Dictionary<string, string> { ["team"] = "shop" }));
        var none = KubeApi.AutoscalerSnapshotOf(Hpa("apps/v1", "Deployment", null));

        withRecord.Record!.Keys.Order().ShouldBe([WellKnown.Annotations.HeldReplicas, WellKnown.Annotations.OriginalMaxReplicas, WellKnown.Annotations.OriginalMinReplicas]);
        withRecord.ReadRecord().Value.ShouldBe(new AutoscalerRecord(new AutoscalerBounds(2, 5), 1, null));
        (withRecord.Bounds, withRecord.Uid).ShouldBe((new AutoscalerBounds(1, 1), "u-1"));
        others.Record.ShouldNotBeNull("a bound must add its keys into the existing map, not replace it");
        others.Record.ShouldBeEmpty();
        none.Record.ShouldBeNull();
    }

    private static V2HorizontalPodAutoscaler Hpa(string apiVersion, string kind, Dictionary<string, string>? annotations) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web-hpa", NamespaceProperty = "shop", Uid = "u-1", ResourceVersion = "7", Annotations = annotations },
        Spec = new V2HorizontalPodAutoscalerSpec
        {
            ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = apiVersion, Kind = kind, Name = "web" },
            MinReplicas = 1,
            MaxReplicas = 1,
        },
    };
}
